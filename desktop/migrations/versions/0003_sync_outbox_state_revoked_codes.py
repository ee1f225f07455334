"""sync outbox state, revoked codes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 00:19:22.405611
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op



revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('revoked_code',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_revoked_code'))
    )
    with op.batch_alter_table('certificate_print', schema=None) as batch_op:
        batch_op.add_column(sa.Column('batch_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_certificate_print_batch_id_sync_batch'), 'sync_batch', ['batch_id'], ['id'])

    with op.batch_alter_table('change_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('batch_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_change_request_batch_id_sync_batch'), 'sync_batch', ['batch_id'], ['id'])

    with op.batch_alter_table('grade_sheet', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sent_version', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('batch_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_grade_sheet_batch_id'), ['batch_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_grade_sheet_batch_id_sync_batch'), 'sync_batch', ['batch_id'], ['id'])

    with op.batch_alter_table('sync_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('items', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('rows', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('sync_batch', schema=None) as batch_op:
        batch_op.drop_column('sent_at')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('rows')
        batch_op.drop_column('items')

    with op.batch_alter_table('grade_sheet', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_grade_sheet_batch_id_sync_batch'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_grade_sheet_batch_id'))
        batch_op.drop_column('batch_id')
        batch_op.drop_column('sent_version')

    with op.batch_alter_table('change_request', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_change_request_batch_id_sync_batch'), type_='foreignkey')
        batch_op.drop_column('batch_id')

    with op.batch_alter_table('certificate_print', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_certificate_print_batch_id_sync_batch'), type_='foreignkey')
        batch_op.drop_column('batch_id')

    op.drop_table('revoked_code')
