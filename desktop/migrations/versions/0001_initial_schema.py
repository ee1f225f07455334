"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 22:31:41.453400
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=50), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.Enum('teacher', 'clerk', 'deputy', 'principal', 'system', 'district', 'province', name='role', native_enum=False, create_constraint=True, length=12), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=50), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=80), nullable=False),
    sa.Column('old', sa.Text(), nullable=True),
    sa.Column('new', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event')),
    sa.UniqueConstraint('hash', name=op.f('uq_audit_event_hash'))
    )
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_audit_head_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('branch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_branch')),
    sa.UniqueConstraint('code', name=op.f('uq_branch_code'))
    )
    op.create_table('grade_level',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('stage', sa.Enum('primary', 'lower_secondary', 'upper_secondary', name='stage', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grade_level')),
    sa.UniqueConstraint('number', name=op.f('uq_grade_level_number'))
    )
    op.create_table('school',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('district', sa.String(length=200), nullable=False),
    sa.Column('province', sa.String(length=100), nullable=False),
    sa.Column('stages', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school')),
    sa.UniqueConstraint('code', name=op.f('uq_school_code'))
    )
    op.create_table('sync_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('payload', sa.LargeBinary(), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('receipt', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_batch')),
    sa.UniqueConstraint('uuid', name=op.f('uq_sync_batch_uuid'))
    )
    op.create_table('academic_year',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('start_year', sa.Integer(), nullable=False),
    sa.Column('opening_date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_academic_year_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_academic_year')),
    sa.UniqueConstraint('school_id', 'start_year', name=op.f('uq_academic_year_school_id_start_year'))
    )
    op.create_table('field',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_field_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_field')),
    sa.UniqueConstraint('code', name=op.f('uq_field_code'))
    )
    op.create_table('student',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('national_code', sa.String(length=10), nullable=True),
    sa.Column('foreign_id_type', sa.Enum('student_code', 'fida', 'unique_id', 'passport', name='foreignidtype', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('foreign_id_value', sa.String(length=20), nullable=True),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('father_name', sa.String(length=100), nullable=False),
    sa.Column('gender', sa.String(length=1), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('birth_place', sa.String(length=100), nullable=False),
    sa.Column('birth_cert_serial', sa.String(length=20), nullable=True),
    sa.Column('record_code', sa.String(length=19), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("gender IN ('M', 'F')", name=op.f('ck_student_gender')),
    sa.CheckConstraint('(national_code IS NOT NULL AND foreign_id_type IS NULL AND foreign_id_value IS NULL) OR (national_code IS NULL AND foreign_id_type IS NOT NULL AND foreign_id_value IS NOT NULL)', name=op.f('ck_student_one_identity')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_student_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_student')),
    sa.UniqueConstraint('foreign_id_type', 'foreign_id_value', name=op.f('uq_student_foreign_id_type_foreign_id_value')),
    sa.UniqueConstraint('national_code', name=op.f('uq_student_national_code')),
    sa.UniqueConstraint('record_code', name=op.f('uq_student_record_code'))
    )
    with op.batch_alter_table('student', schema=None) as batch_op:
        batch_op.create_index('ix_student_name_key', ['name_key'], unique=False)

    op.create_table('class_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year_id', sa.Integer(), nullable=False),
    sa.Column('grade_level_id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['field_id'], ['field.id'], name=op.f('fk_class_group_field_id_field')),
    sa.ForeignKeyConstraint(['grade_level_id'], ['grade_level.id'], name=op.f('fk_class_group_grade_level_id_grade_level')),
    sa.ForeignKeyConstraint(['year_id'], ['academic_year.id'], name=op.f('fk_class_group_year_id_academic_year')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_group')),
    sa.UniqueConstraint('year_id', 'name_key', name=op.f('uq_class_group_year_id_name_key'))
    )
    op.create_table('course',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('grade_level_id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('national_exam', sa.Boolean(), nullable=False),
    sa.Column('has_final', sa.Boolean(), nullable=False),
    sa.Column('discipline', sa.Boolean(), nullable=False),
    sa.CheckConstraint('units >= 0 AND units <= 20', name=op.f('ck_course_units')),
    sa.ForeignKeyConstraint(['field_id'], ['field.id'], name=op.f('fk_course_field_id_field')),
    sa.ForeignKeyConstraint(['grade_level_id'], ['grade_level.id'], name=op.f('fk_course_grade_level_id_grade_level')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_course_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course')),
    sa.UniqueConstraint('school_id', 'code', name=op.f('uq_course_school_id_code'))
    )
    op.create_table('exam_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('DEY', 'KHORDAD', 'SHAHRIVAR', name='sessionkind', native_enum=False, create_constraint=True, length=12), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['year_id'], ['academic_year.id'], name=op.f('fk_exam_session_year_id_academic_year')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exam_session')),
    sa.UniqueConstraint('year_id', 'kind', name=op.f('uq_exam_session_year_id_kind'))
    )
    op.create_table('print_permit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('permit_no', sa.String(length=40), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('issued_by', sa.String(length=100), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_print_permit_student_id_student')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_permit')),
    sa.UniqueConstraint('permit_no', name=op.f('uq_print_permit_permit_no'))
    )
    op.create_table('certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('serial', sa.Integer(), nullable=False),
    sa.Column('verification_code', sa.String(length=20), nullable=False),
    sa.Column('payload', sa.LargeBinary(), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['exam_session.id'], name=op.f('fk_certificate_session_id_exam_session')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_certificate_student_id_student')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate')),
    sa.UniqueConstraint('verification_code', name=op.f('uq_certificate_verification_code'))
    )
    op.create_table('enrollment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('year_id', sa.Integer(), nullable=False),
    sa.Column('enrolled_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['class_group.id'], name=op.f('fk_enrollment_class_id_class_group')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_enrollment_student_id_student')),
    sa.ForeignKeyConstraint(['year_id'], ['academic_year.id'], name=op.f('fk_enrollment_year_id_academic_year')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrollment')),
    sa.UniqueConstraint('student_id', 'year_id', name=op.f('uq_enrollment_student_id_year_id'))
    )
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrollment_class_id'), ['class_id'], unique=False)

    op.create_table('grade_sheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('draft', 'submitted', 'reviewed', 'approved', 'queued', 'sent', 'district_approved', 'province_approved', name='sheetstate', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('last_reason', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['class_group.id'], name=op.f('fk_grade_sheet_class_id_class_group')),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_grade_sheet_course_id_course')),
    sa.ForeignKeyConstraint(['session_id'], ['exam_session.id'], name=op.f('fk_grade_sheet_session_id_exam_session')),
    sa.ForeignKeyConstraint(['teacher_id'], ['app_user.id'], name=op.f('fk_grade_sheet_teacher_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grade_sheet')),
    sa.UniqueConstraint('class_id', 'course_id', 'session_id', name=op.f('uq_grade_sheet_class_id_course_id_session_id'))
    )
    op.create_table('certificate_print',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=50), nullable=False),
    sa.Column('printer', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificate.id'], name=op.f('fk_certificate_print_certificate_id_certificate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_print'))
    )
    op.create_table('change_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('attachment', sa.LargeBinary(), nullable=True),
    sa.Column('filed_by', sa.String(length=50), nullable=False),
    sa.Column('filed_at', sa.DateTime(), nullable=False),
    sa.Column('decided_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['sheet_id'], ['grade_sheet.id'], name=op.f('fk_change_request_sheet_id_grade_sheet')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_request'))
    )
    op.create_table('grade',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('component', sa.String(length=8), nullable=False),
    sa.Column('value_centi', sa.Integer(), nullable=True),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('mark', sa.String(length=8), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=50), nullable=False),
    sa.CheckConstraint("mark IN ('absent', 'exempt')", name=op.f('ck_grade_mark')),
    sa.CheckConstraint('(CASE WHEN value_centi IS NULL THEN 0 ELSE 1 END + CASE WHEN level IS NULL THEN 0 ELSE 1 END + CASE WHEN mark IS NULL THEN 0 ELSE 1 END) = 1', name=op.f('ck_grade_one_value')),
    sa.CheckConstraint('level BETWEEN 1 AND 4', name=op.f('ck_grade_level_range')),
    sa.CheckConstraint('value_centi BETWEEN 0 AND 2000', name=op.f('ck_grade_value_range')),
    sa.ForeignKeyConstraint(['sheet_id'], ['grade_sheet.id'], name=op.f('fk_grade_sheet_id_grade_sheet')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_grade_student_id_student')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grade')),
    sa.UniqueConstraint('sheet_id', 'student_id', 'component', name=op.f('uq_grade_sheet_id_student_id_component'))
    )


def downgrade() -> None:
    op.drop_table('grade')
    op.drop_table('change_request')
    op.drop_table('certificate_print')
    op.drop_table('grade_sheet')
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrollment_class_id'))

    op.drop_table('enrollment')
    op.drop_table('certificate')
    op.drop_table('print_permit')
    op.drop_table('exam_session')
    op.drop_table('course')
    op.drop_table('class_group')
    with op.batch_alter_table('student', schema=None) as batch_op:
        batch_op.drop_index('ix_student_name_key')

    op.drop_table('student')
    op.drop_table('field')
    op.drop_table('academic_year')
    op.drop_table('sync_batch')
    op.drop_table('school')
    op.drop_table('grade_level')
    op.drop_table('branch')
    op.drop_table('audit_head')
    op.drop_table('audit_event')
    op.drop_table('app_user')
