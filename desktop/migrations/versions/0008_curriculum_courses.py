"""courses from the curriculum, local courses

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 20:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.add_column(sa.Column('local', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('curriculum', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_column('curriculum')
        batch_op.drop_column('local')
