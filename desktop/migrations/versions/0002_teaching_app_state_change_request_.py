"""teaching, app state, change request attachment name

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 23:03:54.179891
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_state',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_app_state'))
    )
    op.create_table('teaching',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['class_group.id'], name=op.f('fk_teaching_class_id_class_group')),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_teaching_course_id_course')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_teaching_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teaching')),
    sa.UniqueConstraint('class_id', 'course_id', name=op.f('uq_teaching_class_id_course_id'))
    )
    with op.batch_alter_table('teaching', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teaching_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('change_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attachment_name', sa.String(length=200), nullable=True))

    # The history of one grade reads its events by (entity, entity_id).
    op.create_index('ix_audit_event_entity', 'audit_event', ['entity', 'entity_id'])



def downgrade() -> None:
    op.drop_index('ix_audit_event_entity', table_name='audit_event')
    with op.batch_alter_table('change_request', schema=None) as batch_op:
        batch_op.drop_column('attachment_name')

    with op.batch_alter_table('teaching', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teaching_user_id'))

    op.drop_table('teaching')
    op.drop_table('app_state')
