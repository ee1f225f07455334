"""the 19-digit academic-record code

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('record_code',
    sa.Column('identity', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=19), nullable=False),
    sa.Column('school_code', sa.String(length=8), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['school_code'], ['school.code'],
                            name=op.f('fk_record_code_school_code_school')),
    sa.PrimaryKeyConstraint('identity', name=op.f('pk_record_code')),
    sa.UniqueConstraint('code', name=op.f('uq_record_code_code'))
    )


def downgrade() -> None:
    op.drop_table('record_code')
