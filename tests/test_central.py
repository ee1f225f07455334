"""The central server's own pieces: its migrations match its schema; its admin commands."""

from __future__ import annotations

import pytest

from tests.central_rig import central_cli

pytestmark = pytest.mark.postgres


def test_migrations_match_the_schema(central) -> None:  # type: ignore[no-untyped-def]
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from central.schema import metadata

    with central.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
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
