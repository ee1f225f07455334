"""Sync end to end: the client's outbox against a real central server (uvicorn in a
child process over a real PostgreSQL), through a fault proxy on loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, text

from desktop.domain.calendar import SessionKind, parse_jalali, to_gregorian
from desktop.domain.errors import WorkflowError
from desktop.domain.seal import canonical
from desktop.domain.workflow import Action, Role, SheetState
from desktop.models.entities import (
    AuditEvent,
    ExamSession,
    Grade,
    GradeSheet,
    PrintPermit,
    RevokedCode,
    SyncBatch,
)
from desktop.services import approvals, sync, verification
from desktop.services.context import PRINCIPAL_ACTOR
from tests.central_rig import ROOT, FaultProxy

pytestmark = pytest.mark.postgres


def local_sent(db) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(sheets in state sent, grade rows on them) in the school's file."""
    with db.unit() as s:
        ids = list(s.scalars(select(GradeSheet.id).where(GradeSheet.state == SheetState.SENT)))
        rows = s.scalar(select(func.count()).where(Grade.sheet_id.in_(ids)))
    return len(ids), rows or 0


def central_counts(central) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with central.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("batch", "sheet", "grade_row", "student", "document", "change_request")}


def queued_sheets(db) -> list[int]:  # type: ignore[no-untyped-def]
    with db.unit() as s:
        return list(s.scalars(select(GradeSheet.id).where(GradeSheet.state == SheetState.QUEUED)))


def first_batch(db) -> tuple[bytes, bytes, str]:  # type: ignore[no-untyped-def]
    """Pack the outbox; the first batch's exact bytes, signature and UUID."""
    sync.pack(db)
    with db.unit() as s:
        b = s.scalars(select(SyncBatch).order_by(SyncBatch.id)).first()
        return b.payload, b.signature, b.uuid


def signed_by_school(db, payload: dict) -> tuple[bytes, bytes]:  # type: ignore[no-untyped-def]
    """A batch body made of ``payload``, properly signed with the school's key."""
    from desktop.services.certificates import signing_key

    body = canonical(payload)
    with db.unit() as s:
        key, _ = signing_key(s)
    return body, key.sign(b"DFB1" + body)


def reviewer(central, role: str = "district", district: str = "منطقه ۶ تهران") -> str:  # type: ignore[no-untyped-def]
    return central.add_reviewer(f"{role}-{district}", f"کارشناس {role}", Role(role), "تهران",
                                district)


def review(central, token: str, path: str, body: object | None = None) -> httpx.Response:  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {token}"}
    if body is None:
        return httpx.get(central.url + path, headers=headers)
    return httpx.post(central.url + path, headers=headers, json=body)


# --- the plain path -------------------------------------------------------------------------

def test_sheets_arrive_once_and_a_second_run_has_nothing(enrolled, central) -> None:
    queued = len(queued_sheets(enrolled))
    assert queued > 300
    report = sync.run(enrolled)
    assert report.ok and report.sent == report.packed >= 2 and report.replays == 0
    sent, rows = local_sent(enrolled)
    assert sent == queued and queued_sheets(enrolled) == []
    counts = central_counts(central)
    assert counts["sheet"] == sent and counts["grade_row"] == rows
    assert counts["batch"] == report.sent
    again = sync.run(enrolled)
    assert again.packed == again.sent == 0 and again.ok
    assert central_counts(central) == counts
    status = sync.status(enrolled)
    assert status.configured and status.queued == 0 and status.last_error is None
    assert status.last_success is not None
    with enrolled.unit() as s:  # every receipt is stored and was checked against the central key
        receipts = [json.loads(r) for r in s.scalars(select(SyncBatch.receipt))]
    assert all(r["school"] == "12345678" and r["signature"] for r in receipts)


def test_faults_on_the_way_still_land_every_row_exactly_once(enrolled, central) -> None:
    proxy = FaultProxy(central.port)
    try:
        # dropped after the server committed, a 500, a stall past the timeout, a reset:
        proxy.script.extend(["drop", "500", "stall", "reset", "pass", "drop", "pass"])
        remote = sync.Remote(proxy.url, _token(enrolled), timeout=1.5)
        reports = []
        for _ in range(20):
            reports.append(sync.run(enrolled, remote))
            if not sync.status(enrolled).queued and not queued_sheets(enrolled):
                break
        remote.close()
    finally:
        proxy.close()
    failures = [r.failure for r in reports if r.failure]
    assert len(failures) >= 4, reports
    assert any("دوباره تلاش" in f for f in failures)       # 500 and timeout: Persian, retried
    assert any("قطع شد" in f for f in failures)  # the dropped connection, told in Persian
    assert sum(r.replays for r in reports) >= 1             # a lost answer came from its receipt
    sent, rows = local_sent(enrolled)
    counts = central_counts(central)
    assert counts["sheet"] == sent and counts["grade_row"] == rows
    with enrolled.unit() as s:
        batches = s.scalar(select(func.count()).select_from(SyncBatch))
        attempts = s.scalar(select(func.sum(SyncBatch.attempts)))
    assert counts["batch"] == batches and attempts > batches


def test_backoff_grows_and_waits_unless_forced(enrolled, central) -> None:
    remote = sync.Remote("http://127.0.0.1:9", _token(enrolled), timeout=1)  # nothing listens
    first = sync.run(enrolled, remote, force=True)
    assert "وصل نشد" in (first.failure or "")
    with enrolled.unit() as s:
        waits = [(b.next_attempt_at - enrolled.clock()).total_seconds()
                 for b in s.scalars(select(SyncBatch).where(SyncBatch.attempts > 0))]
    assert waits and 8 <= waits[0] <= 12
    # not forced: the batch waits for its time, nothing is tried
    quiet = sync.send(enrolled, remote, force=False)
    assert quiet.sent == 0 and quiet.failure is None and quiet.waiting >= 1
    assert [sync.backoff(n, __import__("random").Random(1)) for n in (1, 2, 5, 30)] == \
        pytest.approx([8.0 * 1.0, 16.0 * 1.0, 160.0, 1800.0], rel=0.21)


def test_same_batch_twice_gets_the_first_receipt_and_other_bytes_are_refused(
        enrolled, central) -> None:
    body, signature, batch_uuid = first_batch(enrolled)
    remote = sync.Remote(central.url, _token(enrolled))
    first = remote.put_batch(batch_uuid, body, signature)
    second = remote.put_batch(batch_uuid, body, signature)
    assert not first["replay"] and second["replay"]
    assert second["receipt"] == first["receipt"]
    rows = central_counts(central)["grade_row"]
    # the same UUID with other content, properly signed by the school: refused, 409
    changed = json.loads(body)
    changed["sheets"][0]["rows"][0][2] = "20"
    with pytest.raises(sync.Refused) as e:
        remote.put_batch(batch_uuid, *signed_by_school(enrolled, changed))
    assert e.value.status == 409 and "محتوای دیگری" in e.value.message
    assert central_counts(central)["grade_row"] == rows
    # the client itself then sends the rest and takes the first receipt for this one
    report = sync.run(enrolled)
    assert report.ok and report.replays == 1
    remote.close()


def test_client_killed_halfway_and_restarted_sends_each_batch_once(enrolled, central,
                                                                   tmp_path: Path,
                                                                   monkeypatch) -> None:
    from desktop.services import outbox

    path = Path(enrolled.engine.url.database)
    monkeypatch.setattr(outbox, "ROWS_PER_BATCH", 5_000)  # several batches, to cut between
    sync.pack(enrolled)
    with enrolled.unit() as s:
        batches = s.scalar(select(func.count()).select_from(SyncBatch))
    assert batches >= 3
    enrolled.dispose()
    proxy = FaultProxy(central.port)
    env = dict(os.environ, DAFTAR_KEY_PASSPHRASE="daftar")  # the principal's, for the seal
    cmd = [sys.executable, "-m", "desktop.cli", "--db", str(path), "sync", "--server",
           proxy.url, "--timeout", "60"]
    try:
        proxy.script.extend(["pass", "stall"])   # the second batch reaches the server...
        child = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
        assert proxy.stalled.wait(60), proxy.seen
        time.sleep(0.2)
        child.send_signal(signal.SIGKILL)            # ...and the office PC goes off
        child.wait(10)
        assert proxy.forwarded == 2
        assert central_counts(central)["batch"] == 2
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        nothing = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        assert nothing.returncode == 3, nothing.stdout + nothing.stderr
    finally:
        proxy.close()
    from desktop.models.db import open_database
    from tests.conftest import fixed

    db = fixed(open_database(path))
    try:
        sent, rows = local_sent(db)
        counts = central_counts(central)
        assert counts["batch"] == batches
        assert counts["sheet"] == sent and counts["grade_row"] == rows and not queued_sheets(db)
        with db.unit() as s:
            receipts = [json.loads(r) for r in s.scalars(select(SyncBatch.receipt))]
        assert len({r["uuid"] for r in receipts}) == batches
    finally:
        db.dispose()


def test_cli_says_why_it_failed_in_persian(enrolled, tmp_path: Path) -> None:
    path = Path(enrolled.engine.url.database)
    enrolled.dispose()
    cmd = [sys.executable, "-m", "desktop.cli", "--db", str(path), "sync", "--server",
           "http://127.0.0.1:9", "--timeout", "1"]
    locked = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                            stdin=subprocess.DEVNULL,
                            env={k: v for k, v in os.environ.items()
                                 if k != "DAFTAR_KEY_PASSPHRASE"})
    assert locked.returncode == 1 and "مهر مدرسه" in locked.stderr  # batches are signed
    wrong = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                           env=dict(os.environ, DAFTAR_KEY_PASSPHRASE="not-the-password"))
    assert wrong.returncode == 1 and "گذرواژه مدیر نادرست" in wrong.stderr
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, DAFTAR_KEY_PASSPHRASE="daftar"))
    assert done.returncode == 1
    assert "به سرور مرکزی وصل نشد" in done.stderr and "Error" not in done.stderr


# --- refusals --------------------------------------------------------------------------------

def test_a_batch_after_the_deadline_is_refused_and_the_new_deadline_arrives(
        enrolled, central) -> None:
    day = to_gregorian(parse_jalali("1405/08/20"))   # before the server's today (1 Azar)
    central.set_deadline(1405, SessionKind.DEY, day)
    report = sync.run(enrolled)
    assert not report.ok and report.sent == 0 and len(report.refused) == report.packed
    assert "مهلت ارسال نمره‌های" in report.refused[0]
    assert central_counts(central)["sheet"] == 0
    assert len(queued_sheets(enrolled)) > 300           # nothing lost, still waiting here
    with enrolled.unit() as s:
        assert {b.state for b in s.scalars(select(SyncBatch))} == {sync.REFUSED}
        dey = s.scalar(select(ExamSession).where(ExamSession.kind == SessionKind.DEY))
        assert dey.deadline == day                        # the changed deadline was pulled
        assert s.scalar(select(func.count()).where(AuditEvent.action == "sync.refused")) >= 1
    assert sync.status(enrolled).last_error.startswith("سرور مرکزی بسته را نپذیرفت")
    # the sheets are now past the (moved) deadline here too: a change needs the legal channel
    with pytest.raises(WorkflowError) as e:
        approvals.move(enrolled, queued_sheets(enrolled)[:1], Action.REJECT, PRINCIPAL_ACTOR,
                       "ارسال پس از مهلت")
    assert "۱۴۰۵/۰۸/۲۰" in e.value.message()


def test_a_sheet_in_an_unanswered_batch_cannot_be_taken_back(enrolled) -> None:
    sync.pack(enrolled)
    with pytest.raises(WorkflowError) as e:
        approvals.move(enrolled, queued_sheets(enrolled)[:1], Action.REJECT, PRINCIPAL_ACTOR,
                       "اشتباه")
    assert "بستهٔ ارسال" in e.value.message()


def test_forged_signature_and_other_schools_batches_are_refused(enrolled, central) -> None:
    body, signature, batch_uuid = first_batch(enrolled)
    remote = sync.Remote(central.url, _token(enrolled))
    forged = body.replace(b'"version":1', b'"version":2', 1)
    with pytest.raises(sync.Refused) as e:
        remote.put_batch(batch_uuid, forged, signature)
    assert e.value.status == 403 and "امضای بسته" in e.value.message
    # another school, enrolled with its own key, cannot deliver the demo school's batch
    other_code = central.add_school("87654321", "مدرسه دیگر", "تهران", "منطقه ۶ تهران")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.domain.seal import raw_public

    other_key = Ed25519PrivateKey.generate()
    answer = sync.Remote(central.url).enrol("87654321", other_code,
                                            raw_public(other_key.public_key()))
    other = sync.Remote(central.url, answer["token"])
    with pytest.raises(sync.Refused) as e:
        other.put_batch(batch_uuid, body, other_key.sign(b"DFB1" + body))
    assert e.value.status == 403 and "مدرسهٔ دیگری" in e.value.message
    with pytest.raises(sync.Refused) as e:   # and its reviewers' routes are not for a school
        other.call("GET", "/v1/review/sheets")
    assert e.value.status == 401
    with pytest.raises(sync.Refused) as e:
        sync.Remote(central.url, "s_wrong").updates(0)
    assert e.value.status == 401 and "شناسهٔ دسترسی" in e.value.message
    assert central_counts(central)["batch"] == 0
    # a grade of 21 signed by the right key: refused whole, nothing written
    bad = json.loads(body)
    numeric = next(s for s in bad["sheets"] if s["grade_level"] >= 7)
    numeric["rows"][0][2] = "21"
    with pytest.raises(sync.Refused) as e:
        remote.put_batch(batch_uuid, *signed_by_school(enrolled, bad))
    assert e.value.status == 422 and "۲۰" in e.value.message
    assert central_counts(central) == {k: 0 for k in central_counts(central)}
    for r in (remote, other):
        r.close()


# --- decisions coming back -------------------------------------------------------------------

def test_district_and_province_decisions_reach_the_office(enrolled, central) -> None:
    before = approvals.counts(enrolled, 1405)  # the demo's graduating class is final already
    assert sync.run(enrolled).ok
    district, province = reviewer(central), reviewer(central, "province", None)
    waiting = review(central, district, "/v1/review/sheets").json()
    assert len(waiting) == local_sent(enrolled)[0]
    ids = [w["id"] for w in waiting]
    no_reason = review(central, district, "/v1/review/sheets/decide",
                       {"ids": ids[:2], "approve": False})
    assert no_reason.status_code == 422 and "دلیل" in no_reason.json()["message"]
    assert review(central, district, "/v1/review/sheets/decide",
                  {"ids": ids[:1], "approve": False, "reason": "مستمر ناقص"}).status_code == 200
    assert review(central, district, "/v1/review/sheets/decide",
                  {"ids": ids[1:4], "approve": True}).status_code == 200
    assert review(central, province, "/v1/review/sheets/decide",
                  {"ids": ids[1:3], "approve": True}).status_code == 200
    # a reviewer of another district sees nothing and may decide nothing here
    stranger = reviewer(central, "district", "منطقه ۱ تهران")
    assert review(central, stranger, "/v1/review/sheets").json() == []
    assert review(central, stranger, "/v1/review/sheets/decide",
                  {"ids": ids[4:5], "approve": True}).status_code == 403
    report = sync.run(enrolled)
    assert report.pulled == 6 and report.ok   # 1 + 3 district decisions, 2 province
    with enrolled.unit() as s:
        assert {a for a, in s.execute(select(AuditEvent.actor).where(
            AuditEvent.action.like("sheet.%_approve")))} == {"central"}
    counts = approvals.counts(enrolled, 1405)
    assert counts[SheetState.PROVINCE_APPROVED] == before[SheetState.PROVINCE_APPROVED] + 2
    assert counts[SheetState.DISTRICT_APPROVED] == before[SheetState.DISTRICT_APPROVED] + 1
    with enrolled.unit() as s:
        reasons = list(s.scalars(select(GradeSheet.last_reason).where(
            GradeSheet.state == SheetState.DRAFT, GradeSheet.last_reason.is_not(None))))
    assert reasons == ["مستمر ناقص"]
    assert sync.run(enrolled).pulled == 0    # the cursor moved: nothing comes twice


def test_a_decision_waits_for_its_receipt_and_a_stale_version_is_skipped(enrolled,
                                                                         central) -> None:
    proxy = FaultProxy(central.port)
    proxy.script.extend(["drop"])              # the first batch lands, its answer is lost
    remote = sync.Remote(proxy.url, _token(enrolled), timeout=5)
    first = sync.run(enrolled, remote)
    assert first.failure and first.sent == 0
    district = reviewer(central)
    ids = [w["id"] for w in review(central, district, "/v1/review/sheets").json()]
    assert ids
    review(central, district, "/v1/review/sheets/decide", {"ids": ids, "approve": True})
    before = approvals.counts(enrolled, 1405)
    waited = sync.pull(enrolled, remote)     # the receipt has not come back: nothing applies
    assert waited.pulled == 0 and approvals.counts(enrolled, 1405) == before
    after = sync.run(enrolled, remote)       # send replays, then the decisions apply
    assert after.replays == 1 and after.pulled == len(ids)
    assert approvals.counts(enrolled, 1405)[SheetState.DISTRICT_APPROVED] == len(ids)
    # a decision about an older version than the office's stands aside, audited
    with central.engine.begin() as conn:
        local_id = conn.execute(text("SELECT local_id FROM sheet WHERE state = 'sent' "
                                     "LIMIT 1")).scalar_one()
        conn.execute(text("INSERT INTO update_feed (school_code, kind, body, at) VALUES "
                          "('12345678', 'sheet', :b, now())"),
                     {"b": json.dumps({"sheet": local_id, "version": 0, "action": "reject",
                                       "level": "district", "reason": "old", "by": "x"})})
    stale = sync.run(enrolled, remote)
    assert stale.pulled == 1
    with enrolled.unit() as s:
        assert s.get(GradeSheet, local_id).state is SheetState.SENT
        skip = s.scalar(select(AuditEvent).where(AuditEvent.action == "sync.skip"))
        assert skip is not None and "نسخهٔ" in skip.reason
    remote.close()
    proxy.close()


def test_permits_revocations_and_the_inquiry(enrolled, central, tmp_path: Path) -> None:
    from desktop.domain.verification import DocumentKind
    from desktop.services import certificates
    from desktop.services.school import list_classes

    klass = next(c for c in list_classes(enrolled, 1405) if c.name.startswith("دهم"))
    issued = certificates.issue_class(enrolled, klass.id, DocumentKind.REPORT_CARD,
                                      SessionKind.DEY, PRINCIPAL_ACTOR, tmp_path / "cards.pdf")
    code = issued[0].code
    certificates.void(enrolled, issued[1].code, "نام پدر اشتباه", PRINCIPAL_ACTOR)
    assert sync.run(enrolled).ok
    genuine = httpx.get(f"{central.url}/v1/verify/{code}").json()
    assert genuine["status"] == "genuine" and "*" in genuine["name"]
    voided = httpx.get(f"{central.url}/v1/verify/{issued[1].code}").json()
    assert voided["status"] == "revoked" and "نام پدر اشتباه" in voided["message"]
    assert httpx.get(f"{central.url}/v1/verify/{'1' * 20}").json()["status"] == "invalid"
    # a province reviewer issues a permit and revokes a document; both come back
    province = reviewer(central, "province", None)
    national = enrolled_national(enrolled, issued[2].student_id)
    permit = review(central, province, "/v1/review/permits", {
        "school": "12345678", "identity": national, "valid_from": "2026-11-01",
        "valid_until": "2027-02-01", "reason": "رأی کمیسیون ۱۲۳"})
    assert permit.status_code == 200, permit.text
    assert review(central, province, "/v1/review/revocations",
                  {"code": issued[3].code, "reason": "تقلب"}).status_code == 204
    # a forged permit in the feed (not signed by the central key) is skipped
    forged = dict(permit.json(), permit_no="12345678-999999")
    with central.engine.begin() as conn:
        conn.execute(text("INSERT INTO update_feed (school_code, kind, body, at) VALUES "
                          "('12345678', 'permit', :b, now())"), {"b": json.dumps(forged)})
    report = sync.run(enrolled)
    assert report.ok and report.pulled == 3   # permit, revocation, forged permit (the void
    #                                           came back in the first run)
    with enrolled.unit() as s:
        permits = list(s.scalars(select(PrintPermit.permit_no)))
        revoked = set(s.scalars(select(RevokedCode.code)))
    assert permits == [permit.json()["permit_no"]]
    assert revoked == {issued[1].code, issued[3].code}
    verdict = verification.verify_code(enrolled, issued[3].code)
    assert verdict.status == verification.REVOKED and "تقلب" in verdict.reasons[0]


def enrolled_national(db, student_id: int) -> str:  # type: ignore[no-untyped-def]
    from desktop.models.entities import Student

    with db.unit() as s:
        return s.get(Student, student_id).national_code


def test_change_request_travels_district_then_province_and_applies(enrolled, central) -> None:
    from desktop.services import changes
    from desktop.services.grades import CellEdit, read_sheet

    assert sync.run(enrolled).ok
    district, province = reviewer(central), reviewer(central, "province", None)
    sheet_id = numeric_sent_sheet(enrolled)
    data = read_sheet(enrolled, sheet_id)
    row, column = data.rows[0], data.columns[0]
    cr = changes.file_request(enrolled, sheet_id, [CellEdit(row.student_id, column.code, "19")],
                              "خطای جمع", PRINCIPAL_ACTOR, b"%PDF letter", "letter.pdf")
    assert sync.run(enrolled).ok
    waiting = review(central, district, "/v1/review/changes").json()
    assert [w["sheet"] for w in waiting] == [sheet_id]
    assert review(central, province, f"/v1/review/changes/{waiting[0]['id']}/decide",
                  {"approve": True}).status_code == 422        # not the province's turn yet
    assert review(central, district, f"/v1/review/changes/{waiting[0]['id']}/decide",
                  {"approve": True}).status_code == 200
    assert review(central, province, f"/v1/review/changes/{waiting[0]['id']}/decide",
                  {"approve": True}).status_code == 200
    assert sync.run(enrolled).pulled == 2
    assert changes.list_requests(enrolled, sheet_id)[0].state == changes.APPLIED
    after = read_sheet(enrolled, sheet_id)
    assert str(after.rows[0].cells[column.code]) in ("19", "19.00")
    with central.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM grade_row g JOIN sheet s ON s.id = "
                                 "g.sheet_id WHERE s.local_id = :i AND g.component = :c AND "
                                 "g.student = :st"), {"i": sheet_id, "c": column.code,
                                                       "st": enrolled_national(
                                                           enrolled, row.student_id)}
                            ).scalar_one() == "19"
    assert waiting[0]["reason"] == cr.reason == "خطای جمع"


def numeric_sent_sheet(db) -> int:  # type: ignore[no-untyped-def]
    from desktop.models.entities import ClassGroup, GradeLevel

    with db.unit() as s:
        return s.scalar(select(GradeSheet.id)
                        .join(ClassGroup, GradeSheet.class_id == ClassGroup.id)
                        .join(GradeLevel, ClassGroup.grade_level_id == GradeLevel.id)
                        .where(GradeSheet.state == SheetState.SENT, GradeLevel.number >= 10)
                        .order_by(GradeSheet.id))


def test_openapi_document_matches_the_code() -> None:
    from central.cli import OPENAPI, openapi_document

    assert OPENAPI.read_text(encoding="utf-8") == openapi_document(), \
        "run: daftar-central openapi"


def _token(db) -> str:  # type: ignore[no-untyped-def]
    from desktop.services.state import get_state

    with db.unit() as s:
        return get_state(s, sync.TOKEN)



def test_integers_past_bigint_are_refused_not_passed_to_the_database(enrolled, central) -> None:
    """Schemathesis found these three reaching PostgreSQL as 500 («bigint out of range»)."""
    huge = 2 ** 70
    school = {"Authorization": f"Bearer {_token(enrolled)}"}
    token = reviewer(central)
    answers = [
        httpx.get(f"{central.url}/v1/updates", params={"after": huge}, headers=school),
        review(central, token, f"/v1/review/sheets/{huge}/rows"),
        review(central, token, "/v1/review/sheets/decide", {"ids": [huge], "approve": True}),
        review(central, token, f"/v1/review/changes/{huge}/decide", {"approve": True}),
    ]
    assert [a.status_code for a in answers] == [422] * 4, [a.text for a in answers]
    assert all(a.headers["content-type"].startswith("application/json") for a in answers)
    ok = httpx.get(f"{central.url}/v1/updates", params={"after": 2 ** 63 - 1}, headers=school)
    assert ok.status_code == 200 and ok.json()["items"] == []
