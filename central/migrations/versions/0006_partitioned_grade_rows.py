"""grade rows partitioned by exam session, keyed by school (central/SCALING.md)

``sheet`` gets ``term`` (year * 10 + session: 14052 is 1405 Khordad) and a unique
(school_code, id) for the grade rows' foreign key to name the school; ``grade_row`` is
made again as ``PARTITION BY LIST (term)`` with ``school_code`` and ``term`` leading its
key, one partition per exam session found in the data and a default one, and the rows
copied over in one statement (a database made by the previous schema keeps every row).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:40:00
"""

from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE sheet ADD COLUMN term integer")
    op.execute("UPDATE sheet SET term = year * 10 + CASE session WHEN 'DEY' THEN 1 "
               "WHEN 'KHORDAD' THEN 2 ELSE 3 END")
    op.execute("ALTER TABLE sheet ALTER COLUMN term SET NOT NULL")
    op.execute("ALTER TABLE sheet ADD CONSTRAINT uq_sheet_school_code_id UNIQUE (school_code, id)")
    op.execute("ALTER TABLE grade_row RENAME TO grade_row_0005")
    op.execute("ALTER TABLE grade_row_0005 RENAME CONSTRAINT pk_grade_row TO pk_grade_row_0005")
    op.execute("""
        CREATE TABLE grade_row (
            school_code varchar(8) NOT NULL,
            term integer NOT NULL,
            sheet_id bigint NOT NULL,
            student varchar(40) NOT NULL,
            component varchar(8) NOT NULL,
            value varchar(20) NOT NULL,
            CONSTRAINT pk_grade_row PRIMARY KEY (school_code, term, sheet_id, student, component),
            CONSTRAINT fk_grade_row_sheet FOREIGN KEY (school_code, sheet_id)
                REFERENCES sheet (school_code, id) ON DELETE CASCADE
        ) PARTITION BY LIST (term)""")
    op.execute("CREATE INDEX ix_grade_row_sheet_id ON grade_row (sheet_id)")
    op.execute("CREATE TABLE grade_row_default PARTITION OF grade_row DEFAULT")
    conn = op.get_bind()
    for (term,) in conn.exec_driver_sql("SELECT DISTINCT term FROM sheet ORDER BY term"):
        op.execute(f"CREATE TABLE grade_row_{int(term)} PARTITION OF grade_row "
                   f"FOR VALUES IN ({int(term)})")
    op.execute("INSERT INTO grade_row (school_code, term, sheet_id, student, component, value) "
               "SELECT s.school_code, s.term, g.sheet_id, g.student, g.component, g.value "
               "FROM grade_row_0005 g JOIN sheet s ON s.id = g.sheet_id")
    op.execute("DROP TABLE grade_row_0005")


def downgrade() -> None:
    raise NotImplementedError("the partitioned grade rows are not taken back")
