"""repair exams

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 02:04:52.593594
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('class_group', schema=None) as batch_op:
        batch_op.add_column(sa.Column('only_course_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_class_group_only_course_id_course'), 'course', ['only_course_id'], ['id'])

    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.add_column(sa.Column('exam_only', sa.Boolean(), server_default='0', nullable=False))

    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('exam_course_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_enrollment_student_id_year_id'), type_='unique')
        batch_op.create_index('uq_enrollment_one_class_a_year', ['student_id', 'year_id'], unique=True, sqlite_where=sa.text('exam_course_id IS NULL'), postgresql_where=sa.text('exam_course_id IS NULL'))
        batch_op.create_unique_constraint(batch_op.f('uq_enrollment_student_id_class_id'), ['student_id', 'class_id'])
        batch_op.create_foreign_key(batch_op.f('fk_enrollment_exam_course_id_course'), 'course', ['exam_course_id'], ['id'])

    with op.batch_alter_table('repair_registration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gender', sa.String(length=1), server_default='F', nullable=False))
        batch_op.add_column(sa.Column('birth_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('birth_cert_serial', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('student_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_repair_registration_student_id_student'), 'student', ['student_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('repair_registration', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_repair_registration_student_id_student'), type_='foreignkey')
        batch_op.drop_column('student_id')
        batch_op.drop_column('birth_cert_serial')
        batch_op.drop_column('birth_date')
        batch_op.drop_column('gender')

    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_enrollment_exam_course_id_course'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_enrollment_student_id_class_id'), type_='unique')
        batch_op.drop_index('uq_enrollment_one_class_a_year', sqlite_where=sa.text('exam_course_id IS NULL'), postgresql_where=sa.text('exam_course_id IS NULL'))
        batch_op.create_unique_constraint(batch_op.f('uq_enrollment_student_id_year_id'), ['student_id', 'year_id'])
        batch_op.drop_column('exam_course_id')

    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_column('exam_only')

    with op.batch_alter_table('class_group', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_class_group_only_course_id_course'), type_='foreignkey')
        batch_op.drop_column('only_course_id')

