"""repair exams: exam-only sheets and the repair history

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 02:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('sheet', sa.Column('exam_only', sa.Boolean(), server_default='false',
                                     nullable=False))
    op.create_table('repair',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('identity', sa.String(length=40), nullable=False),
    sa.Column('course_code', sa.String(length=40), nullable=False),
    sa.Column('record_sheet_id', sa.BigInteger(), nullable=False),
    sa.Column('component', sa.String(length=8), nullable=False),
    sa.Column('old_value', sa.String(length=20), nullable=False),
    sa.Column('new_value', sa.String(length=20), nullable=False),
    sa.Column('replaced', sa.Boolean(), nullable=False),
    sa.Column('repair_sheet_id', sa.BigInteger(), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['record_sheet_id'], ['sheet.id'],
                            name=op.f('fk_repair_record_sheet_id_sheet')),
    sa.ForeignKeyConstraint(['repair_sheet_id'], ['sheet.id'],
                            name=op.f('fk_repair_repair_sheet_id_sheet')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_repair'))
    )
    op.create_index(op.f('ix_repair_identity'), 'repair', ['identity'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_repair_identity'), table_name='repair')
    op.drop_table('repair')
    op.drop_column('sheet', 'exam_only')
