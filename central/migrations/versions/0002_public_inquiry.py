"""confirmations, codes for archived diplomas, the inquiry log

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 23:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('student', sa.Column('birth_serial', sa.String(length=20), nullable=True))
    op.add_column('document', sa.Column('session', sa.Integer(), nullable=True))
    op.add_column('document', sa.Column('confirms', sa.String(length=20), nullable=True))
    op.add_column('document', sa.Column('body', sa.Text(), nullable=True))
    op.create_index(op.f('ix_document_confirms'), 'document', ['confirms'])
    op.create_table('inquiry',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('client', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inquiry'))
    )
    op.create_index('ix_inquiry_client_at', 'inquiry', ['client', 'at'])
    op.create_table('legacy_diploma',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('school_code', sa.String(length=8), nullable=False),
    sa.Column('local_id', sa.Integer(), nullable=False),
    sa.Column('identity', sa.String(length=40), nullable=False),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('decided_reason', sa.Text(), nullable=True),
    sa.Column('code', sa.String(length=20), nullable=True),
    sa.Column('filed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['school_code'], ['school.code'],
                            name=op.f('fk_legacy_diploma_school_code_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_legacy_diploma')),
    sa.UniqueConstraint('school_code', 'local_id', name=op.f('uq_legacy_diploma_school_code_local_id'))
    )


def downgrade() -> None:
    op.drop_table('legacy_diploma')
    op.drop_index('ix_inquiry_client_at', table_name='inquiry')
    op.drop_table('inquiry')
    op.drop_index(op.f('ix_document_confirms'), table_name='document')
    op.drop_column('document', 'body')
    op.drop_column('document', 'confirms')
    op.drop_column('document', 'session')
    op.drop_column('student', 'birth_serial')
