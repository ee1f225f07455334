"""central schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 00:20:47.087027
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('authority',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('private_key', sa.LargeBinary(), nullable=False),
    sa.Column('public_key', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_authority'))
    )
    op.create_table('deadline',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('session', sa.String(length=12), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('year', 'session', name=op.f('pk_deadline'))
    )
    op.create_table('reviewer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=50), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('province', sa.String(length=100), nullable=False),
    sa.Column('district', sa.String(length=200), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviewer')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_reviewer_token_hash')),
    sa.UniqueConstraint('username', name=op.f('uq_reviewer_username'))
    )
    op.create_table('school',
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('province', sa.String(length=100), nullable=False),
    sa.Column('district', sa.String(length=200), nullable=False),
    sa.Column('enrol_hash', sa.String(length=64), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('public_key', sa.LargeBinary(), nullable=True),
    sa.Column('certificate', sa.LargeBinary(), nullable=True),
    sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_school')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_school_token_hash'))
    )
    op.create_table('update_feed',
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('school_code', sa.String(length=8), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_update_feed'))
    )
    op.create_index('ix_update_feed_school_seq', 'update_feed', ['school_code', 'seq'], unique=False)
    op.create_table('batch',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('school_code', sa.String(length=8), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('receipt', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['school_code'], ['school.code'], name=op.f('fk_batch_school_code_school')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_batch'))
    )
    op.create_table('change_request',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('school_code', sa.String(length=8), nullable=False),
    sa.Column('local_id', sa.Integer(), nullable=False),
    sa.Column('sheet_local_id', sa.Integer(), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('attachment_name', sa.String(length=200), nullable=True),
    sa.Column('attachment_sha256', sa.String(length=64), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('decided_reason', sa.Text(), nullable=True),
    sa.Column('filed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['school_code'], ['school.code'], name=op.f('fk_change_request_school_code_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_request')),
    sa.UniqueConstraint('school_code', 'local_id', name=op.f('uq_change_request_school_code_local_id'))
    )
    op.create_table('document',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('school_code', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.Integer(), nullable=True),
    sa.Column('identity', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('issued', sa.Date(), nullable=True),
    sa.Column('seal', sa.Text(), nullable=True),
    sa.Column('prints', sa.Integer(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['school_code'], ['school.code'], name=op.f('fk_document_school_code_school')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_document'))
    )
    op.create_table('permit',
    sa.Column('permit_no', sa.String(length=40), nullable=False),
    sa.Column('school_code', sa.String(length=8), nullable=False),
    sa.Column('identity', sa.String(length=40), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('issued_by', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['school_code'], ['school.code'], name=op.f('fk_permit_school_code_school')),
    sa.PrimaryKeyConstraint('permit_no', name=op.f('pk_permit'))
    )
    op.create_table('sheet',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('school_code', sa.String(length=8), nullable=False),
    sa.Column('local_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('session', sa.String(length=12), nullable=False),
    sa.Column('class_name', sa.String(length=100), nullable=False),
    sa.Column('grade_level', sa.Integer(), nullable=False),
    sa.Column('course_code', sa.String(length=40), nullable=False),
    sa.Column('course_name', sa.String(length=100), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('batch_uuid', sa.String(length=36), nullable=False),
    sa.Column('last_reason', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['school_code'], ['school.code'], name=op.f('fk_sheet_school_code_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sheet')),
    sa.UniqueConstraint('school_code', 'local_id', name=op.f('uq_sheet_school_code_local_id'))
    )
    op.create_index('ix_sheet_state_school', 'sheet', ['state', 'school_code'], unique=False)
    op.create_table('student',
    sa.Column('identity', sa.String(length=40), nullable=False),
    sa.Column('school_code', sa.String(length=8), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('father_name', sa.String(length=100), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['school_code'], ['school.code'], name=op.f('fk_student_school_code_school')),
    sa.PrimaryKeyConstraint('identity', name=op.f('pk_student'))
    )
    op.create_table('grade_row',
    sa.Column('sheet_id', sa.BigInteger(), nullable=False),
    sa.Column('student', sa.String(length=40), nullable=False),
    sa.Column('component', sa.String(length=8), nullable=False),
    sa.Column('value', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['sheet_id'], ['sheet.id'], name=op.f('fk_grade_row_sheet_id_sheet'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sheet_id', 'student', 'component', name=op.f('pk_grade_row'))
    )


def downgrade() -> None:
    op.drop_table('grade_row')
    op.drop_table('student')
    op.drop_index('ix_sheet_state_school', table_name='sheet')
    op.drop_table('sheet')
    op.drop_table('permit')
    op.drop_table('document')
    op.drop_table('change_request')
    op.drop_table('batch')
    op.drop_index('ix_update_feed_school_seq', table_name='update_feed')
    op.drop_table('update_feed')
    op.drop_table('school')
    op.drop_table('reviewer')
    op.drop_table('deadline')
    op.drop_table('authority')
