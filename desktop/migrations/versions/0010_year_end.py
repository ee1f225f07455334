"""the year's end: how far a year is closed, and each student's outcome

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 22:20:08.811028
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('year_outcome',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.Enum('promoted', 'resit', 'repeat', 'graduated', 'unfinished', 'left', name='outcome', native_enum=False, create_constraint=True, length=12), nullable=False),
    sa.Column('courses', sa.Text(), nullable=False),
    sa.Column('average_centi', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['class_group.id'], name=op.f('fk_year_outcome_class_id_class_group')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_year_outcome_student_id_student')),
    sa.ForeignKeyConstraint(['year_id'], ['academic_year.id'], name=op.f('fk_year_outcome_year_id_academic_year')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_year_outcome')),
    sa.UniqueConstraint('year_id', 'student_id', name=op.f('uq_year_outcome_year_id_student_id'))
    )
    with op.batch_alter_table('academic_year', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed', sa.Enum('khordad', 'final', name='closingstage', native_enum=False, create_constraint=True, length=10), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('academic_year', schema=None) as batch_op:
        batch_op.drop_constraint('closingstage', type_='check')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('closed')

    op.drop_table('year_outcome')
