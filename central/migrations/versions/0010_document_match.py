"""a school's document matched against the grade rows the centre holds (issue 24)

The sheet keeps the office's course order and discipline's flag (a card is recomputed
from it); the document keeps its grades digest, the sheets it rests on and, once found,
that it does not match (the district's queue); the holder's rows are found by student.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('sheet', sa.Column('course_local_id', sa.Integer(), nullable=True))
    op.add_column('sheet', sa.Column('discipline', sa.Boolean(), server_default='false',
                                     nullable=False))
    op.add_column('document', sa.Column('digest', sa.String(length=32), nullable=True))
    op.add_column('document', sa.Column('rests_on', sa.Text(), nullable=True))
    op.add_column('document', sa.Column('mismatch_at', sa.DateTime(timezone=True),
                                        nullable=True))
    op.create_index('ix_grade_row_student', 'grade_row', ['student'], unique=False)
    op.create_index('ix_sheet_school_year_class', 'sheet',
                    ['school_code', 'year', 'class_name'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_sheet_school_year_class', table_name='sheet')
    op.drop_index('ix_grade_row_student', table_name='grade_row')
    op.drop_column('document', 'mismatch_at')
    op.drop_column('document', 'rests_on')
    op.drop_column('document', 'digest')
    op.drop_column('sheet', 'discipline')
    op.drop_column('sheet', 'course_local_id')
