"""objections in the review window

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('objection',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('school_code', sa.String(length=8), nullable=False),
    sa.Column('local_id', sa.Integer(), nullable=False),
    sa.Column('sheet_local_id', sa.Integer(), nullable=False),
    sa.Column('student', sa.String(length=40), nullable=False),
    sa.Column('course', sa.String(length=100), nullable=False),
    sa.Column('session', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('decided_reason', sa.Text(), nullable=True),
    sa.Column('filed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['school_code'], ['school.code'],
                            name=op.f('fk_objection_school_code_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objection')),
    sa.UniqueConstraint('school_code', 'local_id',
                        name=op.f('uq_objection_school_code_local_id'))
    )


def downgrade() -> None:
    op.drop_table('objection')
