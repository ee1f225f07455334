"""enrolment history: a row kept with left_on when a student moves or leaves

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('left_on', sa.Date(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_enrollment_student_id_class_id'), type_='unique')
        batch_op.drop_index('uq_enrollment_one_class_a_year', sqlite_where=sa.text('exam_course_id IS NULL'), postgresql_where=sa.text('exam_course_id IS NULL'))
        batch_op.create_index('uq_enrollment_live_class', ['student_id', 'class_id'], unique=True, sqlite_where=sa.text('left_on IS NULL'), postgresql_where=sa.text('left_on IS NULL'))
        batch_op.create_index('uq_enrollment_one_class_a_year', ['student_id', 'year_id'], unique=True, sqlite_where=sa.text('exam_course_id IS NULL AND left_on IS NULL'), postgresql_where=sa.text('exam_course_id IS NULL AND left_on IS NULL'))


def downgrade() -> None:
    op.execute("DELETE FROM enrollment WHERE left_on IS NOT NULL")
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index('uq_enrollment_one_class_a_year', sqlite_where=sa.text('exam_course_id IS NULL AND left_on IS NULL'), postgresql_where=sa.text('exam_course_id IS NULL AND left_on IS NULL'))
        batch_op.drop_index('uq_enrollment_live_class', sqlite_where=sa.text('left_on IS NULL'), postgresql_where=sa.text('left_on IS NULL'))
        batch_op.create_index('uq_enrollment_one_class_a_year', ['student_id', 'year_id'], unique=True, sqlite_where=sa.text('exam_course_id IS NULL'), postgresql_where=sa.text('exam_course_id IS NULL'))
        batch_op.create_unique_constraint(batch_op.f('uq_enrollment_student_id_class_id'), ['student_id', 'class_id'])
        batch_op.drop_column('left_on')
