"""The school's signing key, encrypted under the principal's password; sign-in slow-down.

Real SQLite files, copied as someone would copy them; printing and packing as the office
does; the documents dialog asking for the principal's password once.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from desktop.domain.calendar import SessionKind
from desktop.domain.errors import DaftarError
from desktop.domain.verification import DocumentKind
from desktop.domain.workflow import Role
from desktop.models.db import Database, open_database
from desktop.services import auth, outbox, school_key
from desktop.services import certificates as C
from desktop.services import verification as V
from desktop.services.school import find_class
from desktop.services.state import get_state, put_state

from .conftest import FIXED_NOW, fixed


def raw_key(db: Database) -> bytes:
    with db.unit() as s:
        key = school_key.private_key(s)
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def print_cards(db: Database, out: Path) -> list[C.Issued]:
    klass = find_class(db, "دهم ریاضی")
    return C.issue_class(db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                         auth.login(db, "clerk", "daftar"), out)


def test_a_copied_school_file_cannot_sign_until_the_principals_password_opens_it(
        demo_db, tmp_path):
    secret = raw_key(demo_db)
    copy = tmp_path / "copied.sqlite"
    shutil.copy(demo_db.path, copy)
    data = file_bytes(copy)
    assert secret not in data and secret.hex().encode() not in data  # only encrypted
    stolen = fixed(open_database(copy))
    try:
        assert school_key.needs_unlock(stolen)
        with pytest.raises(DaftarError) as e:
            print_cards(stolen, tmp_path / "cards.pdf")
        assert e.value.code == "key.locked" and not (tmp_path / "cards.pdf").exists()
        with pytest.raises(DaftarError) as e:
            outbox.pack(stolen, require_connection=False)
        assert e.value.code == "key.locked"
        with pytest.raises(DaftarError) as e:
            school_key.unlock(stolen, "guess-123")
        assert e.value.code == "key.passphrase" and "نادرست" in str(e.value)
        assert school_key.needs_unlock(stolen)
        # The clerk is no help; the principal's password is.
        auth.login(stolen, "clerk", "daftar")
        assert school_key.needs_unlock(stolen)
        auth.login(stolen, "principal", "daftar")
        issued = print_cards(stolen, tmp_path / "cards.pdf")
        assert [v.status for v in V.verify_pdf(stolen, tmp_path / "cards.pdf")] == \
            [V.GENUINE] * len(issued)
        school_key.lock(stolen)  # sign-out, the idle lock
        assert school_key.needs_unlock(stolen)
    finally:
        stolen.dispose()


def test_a_new_principal_or_password_rewraps_the_key(demo_db):
    secret = raw_key(demo_db)
    principal = auth.login(demo_db, "principal", "daftar")
    auth.change_password(demo_db, principal, "daftar", "new-secret-1")
    school_key.lock(demo_db)
    with pytest.raises(DaftarError):
        school_key.unlock(demo_db, "daftar")
    school_key.unlock(demo_db, "new-secret-1")
    assert raw_key(demo_db) == secret  # the same key, wrapped anew

    # The principal hands over: the new principal's password opens it, the old one's not.
    auth.create_user(demo_db, "newhead", "مدیر تازه", Role.PRINCIPAL, "handover-22", principal)
    school_key.lock(demo_db)
    auth.login(demo_db, "principal", "new-secret-1")
    assert school_key.needs_unlock(demo_db)
    auth.login(demo_db, "newhead", "handover-22")
    assert not school_key.needs_unlock(demo_db) and raw_key(demo_db) == secret

    # With the seal closed a new principal cannot be made (nothing to re-wrap with).
    school_key.lock(demo_db)
    with pytest.raises(DaftarError) as e:
        auth.create_user(demo_db, "third", "سوم", Role.PRINCIPAL, "another-33", principal)
    assert e.value.code == "key.locked"
    assert "third" not in {u.username for u in auth.list_users(demo_db)}


def test_a_key_from_before_the_protection_is_wrapped_and_erased_at_the_principals_sign_in(
        demo_db):
    secret = raw_key(demo_db)
    from desktop.models.entities import AppState

    with demo_db.unit() as s:  # a school file as the previous version left it
        for key in (school_key.SEALED, school_key.KDF):
            s.delete(s.get(AppState, key))
        put_state(s, school_key.PLAIN, secret.hex())
    school_key.lock(demo_db)
    assert secret.hex().encode() in file_bytes(demo_db.path)
    assert not school_key.needs_unlock(demo_db)  # it still signs, as before
    auth.login(demo_db, "principal", "daftar")
    with demo_db.unit() as s:
        assert get_state(s, school_key.PLAIN) is None
        assert json.loads(get_state(s, school_key.SEALED) or "{}")["ct"]
    assert secret.hex().encode() not in file_bytes(demo_db.path)
    school_key.lock(demo_db)
    assert school_key.needs_unlock(demo_db)
    school_key.unlock(demo_db, "daftar")
    assert raw_key(demo_db) == secret


def test_sign_in_slows_down_after_repeated_failures_and_says_so(demo_db):
    now = [FIXED_NOW]
    demo_db.clock = lambda: now[0]
    for attempt in (1, 2):
        with pytest.raises(DaftarError) as e:
            auth.login(demo_db, "deputy", f"wrong-{attempt}")
        assert e.value.code == "auth.failed"
    with pytest.raises(DaftarError) as e:
        auth.login(demo_db, "deputy", "wrong-3")
    assert e.value.code == "auth.failed_wait" and "۵ ثانیه" in str(e.value)
    with pytest.raises(DaftarError) as e:
        auth.login(demo_db, "deputy", "daftar")  # the right password, too soon: not read
    assert e.value.code == "auth.slowed" and "۳ تلاش" in str(e.value)
    assert auth.login(demo_db, "clerk", "daftar").username == "clerk"  # others unaffected
    now[0] += dt.timedelta(seconds=6)
    with pytest.raises(DaftarError) as e:
        auth.login(demo_db, "deputy", "wrong-4")
    assert e.value.code == "auth.failed_wait" and "۱۰ ثانیه" in str(e.value)
    now[0] += dt.timedelta(seconds=11)
    assert auth.login(demo_db, "deputy", "daftar").username == "deputy"
    with pytest.raises(DaftarError) as e:
        auth.login(demo_db, "deputy", "wrong-5")
    assert e.value.code == "auth.failed"  # the count started again
    assert [auth.wait_after(n) for n in range(2, 12)] == [0, 5, 10, 20, 40, 80, 160, 300, 300,
                                                          300]


def test_the_documents_dialog_asks_for_the_principals_password_once(qtbot, demo_db, tmp_path,
                                                                    monkeypatch):
    from desktop.views import documents as documents_view
    from desktop.views import seal

    asked: list[str] = []
    answers = iter(["not-it", "daftar"])
    monkeypatch.setattr(seal, "ask_principal_password",
                        lambda _p, problem: asked.append(problem) or next(answers))
    school_key.lock(demo_db)
    klass = find_class(demo_db, "هفتم ب")
    clerk = auth.login(demo_db, "clerk", "daftar")
    dialog = documents_view.DocumentsDialog(demo_db, clerk, 1405, klass.id)
    qtbot.addWidget(dialog)
    dialog.session.setCurrentIndex(dialog.session.findData(SessionKind.DEY.value))
    dialog.target.setCurrentIndex(dialog.target.findData(documents_view.TO_PDF))
    dialog.start(str(tmp_path / "a.pdf"))
    qtbot.waitUntil(lambda: dialog.result() == 1 or bool(dialog.message.text()), timeout=30_000)
    assert dialog.result() == 1, dialog.message.text()
    assert asked == ["", "گذرواژه مدیر نادرست است؛ مهر مدرسه باز نشد."]
    other = find_class(demo_db, "هفتم الف")
    again = documents_view.DocumentsDialog(demo_db, clerk, 1405, other.id)
    qtbot.addWidget(again)
    again.session.setCurrentIndex(again.session.findData(SessionKind.DEY.value))
    again.target.setCurrentIndex(again.target.findData(documents_view.TO_PDF))
    again.start(str(tmp_path / "b.pdf"))
    qtbot.waitUntil(lambda: again.result() == 1 or bool(again.message.text()), timeout=30_000)
    assert again.result() == 1, again.message.text()
    assert len(asked) == 2  # once per sign-in
