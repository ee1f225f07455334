"""objections in the review window

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:51:42.495613
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('objection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('decided_reason', sa.Text(), nullable=True),
    sa.Column('filed_by', sa.String(length=50), nullable=False),
    sa.Column('filed_at', sa.DateTime(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['sync_batch.id'], name=op.f('fk_objection_batch_id_sync_batch')),
    sa.ForeignKeyConstraint(['sheet_id'], ['grade_sheet.id'], name=op.f('fk_objection_sheet_id_grade_sheet')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_objection_student_id_student')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objection'))
    )


def downgrade() -> None:
    op.drop_table('objection')
