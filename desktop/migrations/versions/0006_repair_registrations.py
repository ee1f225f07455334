"""repair registrations

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 00:21:03.875349
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('repair_registration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_code', sa.String(length=19), nullable=False),
    sa.Column('identity', sa.String(length=40), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('father_name', sa.String(length=100), nullable=False),
    sa.Column('courses', sa.Text(), nullable=False),
    sa.Column('registered_by', sa.String(length=50), nullable=False),
    sa.Column('registered_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_repair_registration'))
    )


def downgrade() -> None:
    op.drop_table('repair_registration')
