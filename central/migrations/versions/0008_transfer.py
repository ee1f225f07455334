"""a student's transfer from one school to another (sent, found, arrived)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'transfer',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('identity', sa.String(length=40), nullable=False),
        sa.Column('from_school', sa.String(length=8), nullable=False),
        sa.Column('to_school', sa.String(length=8), nullable=False),
        sa.Column('slip', sa.String(length=12), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('left_on', sa.Date(), nullable=False),
        sa.Column('details', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('filed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('arrived_on', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['from_school'], ['school.code'],
                                name=op.f('fk_transfer_from_school_school')),
        sa.ForeignKeyConstraint(['to_school'], ['school.code'],
                                name=op.f('fk_transfer_to_school_school')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer')),
        sa.UniqueConstraint('from_school', 'slip', name=op.f('uq_transfer_from_school_slip')),
    )
    op.create_index(op.f('ix_transfer_identity'), 'transfer', ['identity'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_transfer_identity'), table_name='transfer')
    op.drop_table('transfer')
