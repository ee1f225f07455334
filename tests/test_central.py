"""The central server's own pieces: its migrations match its schema; its admin commands."""

from __future__ import annotations

import pytest

from tests.central_rig import central_cli

pytestmark = pytest.mark.postgres


def test_migrations_match_the_schema(central) -> None:  # type: ignore[no-untyped-def]
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from central.schema import metadata, not_a_partition

    with central.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(
            conn, opts={"include_object": not_a_partition}), metadata)
    assert diff == []


def test_admin_commands(central) -> None:  # type: ignore[no-untyped-def]
    db = central.engine.url.render_as_string(hide_password=False)
    added = central_cli(db, "school", "add", "11112222", "مدرسه آزمون", "--province", "فارس",
                        "--district", "ناحیه ۱ شیراز")
    assert added.returncode == 0 and len(added.stdout.strip()) == 16
    wrong = central_cli(db, "school", "add", "1111", "کوتاه", "--province", "فارس",
                        "--district", "ناحیه ۱")
    assert wrong.returncode == 1 and "۸ رقم" in wrong.stderr
    token = central_cli(db, "reviewer", "add", "f1", "کارشناس فارس", "--role", "province",
                        "--province", "فارس")
    assert token.returncode == 0 and token.stdout.startswith("r_")
    assert central.reviewer_by_token(token.stdout.strip()).province == "فارس"
    moved = central_cli(db, "deadline", "set", "1405", "DEY", "1405/12/20")
    assert moved.returncode == 0
    from desktop.domain.calendar import SessionKind

    with central.engine.connect() as conn:
        day = central.deadline_of(conn, 1405, SessionKind.DEY)
    assert day.isoformat() == "2027-03-11"
    # a school that uses the code enrols once; the code is then spent
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from central.service import Refusal
    from desktop.domain.seal import raw_public

    key = raw_public(Ed25519PrivateKey.generate().public_key()).hex()
    answer = central.enrol("11112222", added.stdout.strip(), key)
    assert answer["token"].startswith("s_")
    with pytest.raises(Refusal) as e:
        central.enrol("11112222", added.stdout.strip(), key)
    assert e.value.status == 403


def test_the_partitioning_migration_keeps_every_row(pg_url) -> None:  # type: ignore[no-untyped-def]
    """A database made by the schema before 0006, with grade rows in it, upgraded."""
    from alembic import command
    from sqlalchemy import text

    from central.db import alembic_config, make_engine, migrate

    engine = make_engine(pg_url, 2)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0005")
        conn.execute(text("INSERT INTO school (code, name, province, district) VALUES "
                          "('12345678', 'م', 'تهران', 'منطقه ۶')"))
        conn.execute(text(
            "INSERT INTO sheet (id, school_code, local_id, version, year, session, class_name, "
            "grade_level, course_code, course_name, units, state, batch_uuid, updated_at) "
            "VALUES (1, '12345678', 7, 1, 1405, 'DEY', 'دهم ۱', 10, 'm', 'ریاضی', 4, 'sent', "
            "'u', now()), (2, '12345678', 8, 1, 1404, 'SHAHRIVAR', 'دهم ۱', 10, 'm', 'ریاضی', "
            "4, 'sent', 'u', now())"))
        conn.execute(text("INSERT INTO grade_row (sheet_id, student, component, value) "
                          "SELECT 1 + i % 2, 'n' || i, 'c1', '18.5' "
                          "FROM generate_series(1, 500) i"))
    migrate(engine)
    with engine.connect() as conn:
        counts = dict(conn.execute(text(
            "SELECT tableoid::regclass::text, count(*) FROM grade_row GROUP BY 1")).all())
        terms = dict(conn.execute(text("SELECT id, term FROM sheet")).all())
        keyed = conn.execute(text("SELECT count(*) FROM grade_row g JOIN sheet s ON "
                                  "s.id = g.sheet_id AND s.school_code = g.school_code "
                                  "AND s.term = g.term")).scalar()
        kind = conn.execute(text("SELECT relkind FROM pg_class WHERE relname = 'grade_row'"
                                 )).scalar()
    assert terms == {1: 14051, 2: 14043}
    assert counts == {"grade_row_14051": 250, "grade_row_14043": 250}
    assert keyed == 500 and kind == "p"   # a partitioned table, every row keyed by its sheet
    engine.dispose()
