"""The central server's tables (PostgreSQL; see the package docstring on partitioning).

Keys are the school's: ``school_code`` on every row a school owns, and the school's
own local ids for sheets and change requests (``local_id``), so a resend finds the
same row and nothing arrives twice.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from desktop.domain.calendar import SessionKind

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

TZ = DateTime(timezone=True)

# One row: the central signing key.  (In production it lives in an HSM and this row
# holds only the public half; the reference server keeps both.)
authority = Table(
    "authority", metadata,
    Column("id", Integer, primary_key=True),
    Column("private_key", LargeBinary, nullable=False),
    Column("public_key", LargeBinary, nullable=False),
    Column("created_at", TZ, nullable=False),
)

school = Table(
    "school", metadata,
    Column("code", String(8), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("province", String(100), nullable=False),
    Column("district", String(200), nullable=False),
    Column("enrol_hash", String(64)),          # sha256 of the one-time enrolment code
    Column("token_hash", String(64), unique=True),
    Column("public_key", LargeBinary),
    Column("certificate", LargeBinary),
    Column("enrolled_at", TZ),
)

reviewer = Table(
    "reviewer", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(50), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("role", String(12), nullable=False),   # district | province
    Column("province", String(100), nullable=False),
    Column("district", String(200)),             # None for a province reviewer
    Column("token_hash", String(64), nullable=False, unique=True),
)

deadline = Table(
    "deadline", metadata,
    Column("year", Integer, primary_key=True),
    Column("session", String(12), primary_key=True),
    Column("day", Date, nullable=False),
)

batch = Table(
    "batch", metadata,
    Column("uuid", String(36), primary_key=True),
    Column("school_code", String(8), ForeignKey("school.code"), nullable=False),
    Column("digest", String(64), nullable=False),   # sha256 of the exact body
    Column("received_at", TZ, nullable=False),
    Column("items", Integer, nullable=False),
    Column("rows", Integer, nullable=False),
    Column("receipt", Text),
)

def term_key(year: int, session: str) -> int:
    """The exam session as one number, the partition key: 1405 Khordad is 14052."""
    return year * 10 + SessionKind(session).number


TERMS = tuple(k.value for k in SessionKind)   # a year's sessions, in their order

# Every large table carries ``school_code``, the distribution key (central/SCALING.md):
# a school's batch touches one node.
sheet = Table(
    "sheet", metadata,
    Column("id", BigInteger, primary_key=True),
    Column("school_code", String(8), ForeignKey("school.code"), nullable=False),
    Column("local_id", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("year", Integer, nullable=False),
    Column("session", String(12), nullable=False),
    Column("term", Integer, nullable=False),     # term_key(year, session)
    Column("class_name", String(100), nullable=False),
    Column("grade_level", Integer, nullable=False),
    Column("course_code", String(40), nullable=False),
    Column("course_name", String(100), nullable=False),
    Column("units", Integer, nullable=False),
    # a repair exam's sheet (the final exam alone; central.repairs applies it)
    Column("exam_only", Boolean, nullable=False, server_default="false"),
    # the scheme the rows were checked with (central/stats.py computes results with it)
    Column("has_final", Boolean, nullable=False, server_default="true"),
    Column("national", Boolean, nullable=False, server_default="false"),
    # the office's course id (the card's course order) and discipline's flag (its place
    # in the average): a printed card is recomputed from them (central/matching.py)
    Column("course_local_id", Integer),
    Column("discipline", Boolean, nullable=False, server_default="false"),
    Column("state", String(20), nullable=False),
    Column("batch_uuid", String(36), nullable=False),
    Column("last_reason", Text),
    Column("updated_at", TZ, nullable=False),
    UniqueConstraint("school_code", "local_id"),
    UniqueConstraint("school_code", "id", name="uq_sheet_school_code_id"),
    Index("ix_sheet_state_school", "state", "school_code"),
    Index("ix_sheet_school_year_class", "school_code", "year", "class_name"),
)

# The big table: one row per (sheet, student, component).  ``value`` is the school's
# stored text: "18.75", "absent", "exempt", or a descriptive level name.  Declared
# ``PARTITION BY LIST (term)``: one partition an exam session (``partition_for``), a
# default one for a session nobody made a partition for; the key leads with the school.
grade_row = Table(
    "grade_row", metadata,
    Column("school_code", String(8), primary_key=True),
    Column("term", Integer, primary_key=True),
    Column("sheet_id", BigInteger, primary_key=True),
    Column("student", String(40), primary_key=True),   # national code or "type:value"
    Column("component", String(8), primary_key=True),
    Column("value", String(20), nullable=False),
    ForeignKeyConstraint(["school_code", "sheet_id"], ["sheet.school_code", "sheet.id"],
                         ondelete="CASCADE", name="fk_grade_row_sheet"),
    Index("ix_grade_row_sheet_id", "sheet_id"),
    Index("ix_grade_row_student", "student"),      # a holder's rows (matching, inquiries)
    postgresql_partition_by="LIST (term)",
)

GRADE_ROW_COLUMNS = ("school_code", "term", "sheet_id", "student", "component", "value")


def not_a_partition(obj: object, name: str | None, type_: str, reflected: bool,
                    compare_to: object) -> bool:
    """Alembic's ``include_object``: a partition of ``grade_row`` (``grade_row_14052``,
    ``grade_row_default``) and its indexes belong to the parent, not to the schema."""
    table = getattr(getattr(obj, "table", None), "name", None) if type_ == "index" else name
    return not (table or "").startswith("grade_row_")


def partition_for(term: int) -> str:
    """The DDL of an exam session's partition of ``grade_row`` (made ahead of its
    batches, by ``init`` and ``deadline set``, never on the hot path)."""
    return (f"CREATE TABLE IF NOT EXISTS grade_row_{int(term)} PARTITION OF grade_row "
            f"FOR VALUES IN ({int(term)})")


student = Table(
    "student", metadata,
    Column("identity", String(40), primary_key=True),
    Column("school_code", String(8), ForeignKey("school.code"), nullable=False),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("father_name", String(100), nullable=False),
    Column("birth_date", Date, nullable=False),
    Column("birth_serial", String(20)),        # شماره سریال شناسنامه, to confirm identity
)

change_request = Table(
    "change_request", metadata,
    Column("id", BigInteger, primary_key=True),
    Column("school_code", String(8), ForeignKey("school.code"), nullable=False),
    Column("local_id", Integer, nullable=False),
    Column("sheet_local_id", Integer, nullable=False),
    Column("changes", Text, nullable=False),     # JSON [{student, component, old, new}]
    Column("reason", Text, nullable=False),
    Column("attachment_name", String(200)),
    Column("attachment_sha256", String(64)),
    Column("state", String(20), nullable=False),
    Column("decided_reason", Text),
    Column("filed_at", TZ, nullable=False),
    UniqueConstraint("school_code", "local_id"),
)

# Printed documents, from the seals the schools send; a void or a reviewer's
# revocation sets ``revoked_at``.
document = Table(
    "document", metadata,
    Column("code", String(20), primary_key=True),
    Column("school_code", String(8), ForeignKey("school.code"), nullable=False),
    Column("kind", Integer),
    Column("identity", String(40)),
    Column("name", String(200)),
    Column("issued", Date),
    Column("seal", Text),
    Column("prints", Integer, nullable=False),
    Column("revoked_at", TZ),
    Column("revoked_reason", Text),
    Column("session", Integer),                 # 0 none, 1 Dey, 2 Khordad, 3 Shahrivar
    Column("confirms", String(20), index=True),  # a confirmation: the diploma it confirms
    Column("body", Text),                       # JSON: what a central document's page says
    # a school's document: its seal's grades digest (hex), the school's sheets it rests
    # on (JSON list of their local ids) and when it was found not to match what the
    # centre holds (the district's queue; central/matching.py)
    Column("digest", String(32)),
    Column("rests_on", Text),
    Column("mismatch_at", TZ),
)

permit = Table(
    "permit", metadata,
    Column("permit_no", String(40), primary_key=True),
    Column("school_code", String(8), ForeignKey("school.code"), nullable=False),
    Column("identity", String(40)),             # None: the whole school
    Column("valid_from", Date, nullable=False),
    Column("valid_until", Date, nullable=False),
    Column("issued_by", String(100), nullable=False),
    Column("reason", Text, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

# What each school pulls, in order; ``school_code`` None: for every school.
update_feed = Table(
    "update_feed", metadata,
    Column("seq", BigInteger, primary_key=True),
    Column("school_code", String(8)),
    Column("kind", String(20), nullable=False),
    Column("body", Text, nullable=False),
    Column("at", TZ, nullable=False),
    Index("ix_update_feed_school_seq", "school_code", "seq"),
)

# Every public inquiry, kept (who asked is the client address; the page shows no list
# of them and offers no search).  The rate limit counts a client's rows of the last
# minute.
inquiry = Table(
    "inquiry", metadata,
    Column("id", BigInteger, primary_key=True),
    Column("at", TZ, nullable=False),
    Column("client", String(64), nullable=False),
    Column("channel", String(12), nullable=False),   # page | upload | api | confirm
    Column("code", String(20)),
    Column("status", String(12), nullable=False),    # genuine | revoked | unknown | invalid |
    Column("consent", Boolean, nullable=False),      # limited | refused | issued
    Index("ix_inquiry_client_at", "client", "at"),
)

# An office that verifies in bulk (a university's registrar): its own key, its own quota
# a minute and its own lines in the inquiry log (client "key:<id>"), instead of sharing
# the per-address limit of the public.
api_key = Table(
    "api_key", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("per_minute", Integer, nullable=False),
    Column("created_at", TZ, nullable=False),
)

# A diploma from a school's paper archive (seed 003), entered by the school, confirmed
# by the district and then the province (the change-request steps); the province's
# approval gives it a code and a seal, sent back to the school in its feed.
legacy_diploma = Table(
    "legacy_diploma", metadata,
    Column("id", BigInteger, primary_key=True),
    Column("school_code", String(8), ForeignKey("school.code"), nullable=False),
    Column("local_id", Integer, nullable=False),
    Column("identity", String(40), nullable=False),
    Column("fields", Text, nullable=False),     # JSON: the ledger's fields
    Column("state", String(20), nullable=False),
    Column("decided_reason", Text),
    Column("code", String(20)),
    Column("filed_at", TZ, nullable=False),
    UniqueConstraint("school_code", "local_id"),
)

# The 19-digit academic-record code (desktop.domain.record_code): one per person, the
# same one every time they ask.
record_code = Table(
    "record_code", metadata,
    Column("identity", String(40), primary_key=True),
    Column("code", String(19), nullable=False, unique=True),
    Column("school_code", String(8), ForeignKey("school.code"), nullable=False),
    Column("issued_at", TZ, nullable=False),
)

# A student's objection in the review window, for the district (seed 000).
objection = Table(
    "objection", metadata,
    Column("id", BigInteger, primary_key=True),
    Column("school_code", String(8), ForeignKey("school.code"), nullable=False),
    Column("local_id", Integer, nullable=False),
    Column("sheet_local_id", Integer, nullable=False),
    Column("student", String(40), nullable=False),
    Column("course", String(100), nullable=False),
    Column("session", String(12), nullable=False),
    Column("reason", Text, nullable=False),
    Column("state", String(20), nullable=False),
    Column("decided_reason", Text),
    Column("filed_at", TZ, nullable=False),
    UniqueConstraint("school_code", "local_id"),
)


# Every repair exam compared with the graduate's record (seed 000; central.repairs):
# the old value stays here whether the new one replaced it or not.
repair = Table(
    "repair", metadata,
    Column("id", BigInteger, primary_key=True),
    Column("identity", String(40), nullable=False, index=True),
    Column("course_code", String(40), nullable=False),
    Column("record_sheet_id", BigInteger, ForeignKey("sheet.id"), nullable=False),
    Column("component", String(8), nullable=False),
    Column("old_value", String(20), nullable=False),
    Column("new_value", String(20), nullable=False),
    Column("replaced", Boolean, nullable=False),
    Column("repair_sheet_id", BigInteger, ForeignKey("sheet.id"), nullable=False),
    Column("applied_at", TZ, nullable=False),
)


# A student leaving one school for another (issue 23): filed by the sending school in a
# batch ("transfers"), found by the receiving school by the student's identity (only a
# transfer addressed to it), and marked arrived when that school enrols them ("arrivals");
# the sending school hears of it in its feed.
transfer = Table(
    "transfer", metadata,
    Column("id", BigInteger, primary_key=True),
    Column("identity", String(40), nullable=False, index=True),
    Column("from_school", String(8), ForeignKey("school.code"), nullable=False),
    Column("to_school", String(8), ForeignKey("school.code"), nullable=False),
    Column("slip", String(12), nullable=False),      # the sending school's slip number
    Column("year", Integer, nullable=False),
    Column("left_on", Date, nullable=False),
    Column("details", Text, nullable=False),       # JSON: names, gender, birth, class
    Column("state", String(12), nullable=False),   # sent | arrived
    Column("filed_at", TZ, nullable=False),
    Column("arrived_on", Date),
    UniqueConstraint("from_school", "slip"),
)
