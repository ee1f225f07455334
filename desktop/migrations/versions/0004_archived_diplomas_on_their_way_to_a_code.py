"""archived diplomas on their way to a code

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:12:30.671408
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('legacy_diploma',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identity', sa.String(length=40), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('father_name', sa.String(length=100), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('birth_serial', sa.String(length=20), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('graduated', sa.Integer(), nullable=False),
    sa.Column('average', sa.String(length=8), nullable=False),
    sa.Column('ledger', sa.String(length=200), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('decided_reason', sa.Text(), nullable=True),
    sa.Column('code', sa.String(length=20), nullable=True),
    sa.Column('seal', sa.Text(), nullable=True),
    sa.Column('filed_by', sa.String(length=50), nullable=False),
    sa.Column('filed_at', sa.DateTime(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['sync_batch.id'], name=op.f('fk_legacy_diploma_batch_id_sync_batch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_legacy_diploma')),
    sa.UniqueConstraint('code', name=op.f('uq_legacy_diploma_code'))
    )


def downgrade() -> None:
    op.drop_table('legacy_diploma')
