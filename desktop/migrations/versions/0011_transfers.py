"""transfers between schools: the slips sent and received, and the grades brought

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 22:40:39.049904
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('transfer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('identity', sa.String(length=40), nullable=False),
    sa.Column('other_school', sa.String(length=8), nullable=False),
    sa.Column('other_name', sa.String(length=200), nullable=True),
    sa.Column('slip', sa.String(length=12), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('arrived_on', sa.Date(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['sync_batch.id'], name=op.f('fk_transfer_batch_id_sync_batch')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_transfer_student_id_student')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer')),
    sa.UniqueConstraint('direction', 'other_school', 'slip', name=op.f('uq_transfer_direction_other_school_slip'))
    )
    op.create_table('carried_grade',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('transfer_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('session', sa.Enum('DEY', 'KHORDAD', 'SHAHRIVAR', name='sessionkind', native_enum=False, create_constraint=True, length=12), nullable=False),
    sa.Column('course_code', sa.String(length=40), nullable=False),
    sa.Column('course_name', sa.String(length=100), nullable=False),
    sa.Column('component', sa.String(length=8), nullable=False),
    sa.Column('value', sa.String(length=20), nullable=False),
    sa.Column('school_code', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_carried_grade_student_id_student')),
    sa.ForeignKeyConstraint(['transfer_id'], ['transfer.id'], name=op.f('fk_carried_grade_transfer_id_transfer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carried_grade')),
    sa.UniqueConstraint('student_id', 'year', 'session', 'course_code', 'component', name=op.f('uq_carried_grade_student_id_year_session_course_code_component'))
    )
    with op.batch_alter_table('carried_grade', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_carried_grade_student_id'), ['student_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('carried_grade', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_carried_grade_student_id'))

    op.drop_table('carried_grade')
    op.drop_table('transfer')
