"""a sheet keeps which grading scheme it was checked with (has a final, a national exam)

The district and province statistics compute each student's course result from the
grade rows with the same policy as the schools (central/stats.py); the scheme depends on
these two flags, which batches carried but the sheet did not keep.  Sheets from before
are taken as the common case: a final exam, not national.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('sheet', sa.Column('has_final', sa.Boolean(), server_default='true',
                                     nullable=False))
    op.add_column('sheet', sa.Column('national', sa.Boolean(), server_default='false',
                                     nullable=False))


def downgrade() -> None:
    op.drop_column('sheet', 'national')
    op.drop_column('sheet', 'has_final')
