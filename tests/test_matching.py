"""Issue 24, point 2: the centre says «معتبر» for a school's document only when the card it
computes from the grade rows it holds prints the same grades as the seal.  Over real HTTP
with PostgreSQL: printed before the sheets are sent → pending; sent → genuine; a row
changed at the centre → not matching, in the district's queue; put right → genuine again;
an original needs the province's approval; a document registered before documents named
their sheets is still judged."""

from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import select, text, update

from desktop.domain.calendar import SessionKind
from desktop.domain.grading import Descriptive
from desktop.domain.matching import CourseCells, Match, centre_card, judge, reached
from desktop.domain.results import printed_lines
from desktop.domain.seal import grades_digest
from desktop.domain.verification import DocumentKind
from desktop.domain.workflow import Action, SheetState
from desktop.models.entities import ExamSession, GradeSheet, Student
from desktop.services import approvals, certificates, sync
from desktop.services.context import PRINCIPAL_ACTOR
from desktop.services.school import list_classes
from tests.test_sync import _token, central_counts, review, reviewer, signed_by_school

# --- the rule, alone ---------------------------------------------------------------------


def test_the_rule_waits_for_every_sheet_at_its_level_then_compares_digests() -> None:
    courses = [CourseCells(2, "فیزیک ۱", 3, cells={"c1": Decimal(15), "f1": Decimal(12)}),
               CourseCells(1, "ریاضی ۱", 4, cells={"c1": Decimal(18), "f1": Decimal(17)})]
    card = centre_card(10, SessionKind.DEY, courses)
    assert [line.name for line in card.lines] == ["ریاضی ۱", "فیزیک ۱"]   # the office's order
    digest = grades_digest(printed_lines(card))
    sent = {1: SheetState.SENT, 2: SheetState.SENT}
    assert judge(digest, sent, SheetState.SENT, card) is Match.MATCHED
    assert judge(digest, sent | {3: None}, SheetState.SENT, card) is Match.AWAITING
    assert judge(digest, sent | {2: SheetState.DRAFT}, SheetState.SENT, card) is Match.AWAITING
    assert judge(digest, sent, SheetState.PROVINCE_APPROVED, card) is Match.AWAITING
    assert judge(digest, {}, SheetState.SENT, card) is Match.AWAITING
    other = centre_card(10, SessionKind.DEY, [courses[0], CourseCells(
        1, "ریاضی ۱", 4, cells={"c1": Decimal(18), "f1": Decimal(16)})])
    assert judge(digest, sent, SheetState.SENT, other) is Match.MISMATCH
    assert reached(SheetState.PROVINCE_APPROVED, SheetState.SENT)
    assert not reached(SheetState.DRAFT, SheetState.SENT)
    primary = centre_card(3, SessionKind.KHORDAD, [CourseCells(
        1, "ریاضی", 0, has_final=False, cells={"d2": Descriptive.GOOD})])
    assert primary.lines[0].level is Descriptive.GOOD


# --- over HTTP -----------------------------------------------------------------------------

pg = pytest.mark.postgres


def _class(db, name_start: str):  # type: ignore[no-untyped-def]
    return next(c for c in list_classes(db, 1405) if c.name.startswith(name_start))


def _dey_sheets(db, class_id: int) -> list[int]:  # type: ignore[no-untyped-def]
    with db.unit() as s:
        return list(s.scalars(select(GradeSheet.id).join(ExamSession).where(
            GradeSheet.class_id == class_id, ExamSession.kind == SessionKind.DEY)))


def _national(db, student_id: int) -> str:  # type: ignore[no-untyped-def]
    with db.unit() as s:
        return s.get(Student, student_id).national_code


def _ask(central, code: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    """The JSON inquiry, as a registrar's office with its own key and quota asks it."""
    if not hasattr(central, "registrar"):
        central.registrar = central.add_api_key("دفتر دانشگاه (آزمون)", 1000)
    answer = httpx.get(f"{central.url}/v1/verify/{code}",
                       headers={"X-Api-Key": central.registrar})
    assert answer.status_code == 200, answer.text
    return answer.json()


@pg
def test_a_card_printed_before_its_sheets_waits_then_matches_then_not_when_rows_change(
        enrolled, central, tmp_path) -> None:
    db = enrolled
    klass = _class(db, "دهم")
    ids = _dey_sheets(db, klass.id)
    with db.unit() as s:   # this class's Dey sheets held back: approved, not yet queued
        s.execute(update(GradeSheet).where(GradeSheet.id.in_(ids))
                  .values(state=SheetState.APPROVED))
    issued = certificates.issue_class(db, klass.id, DocumentKind.REPORT_CARD, SessionKind.DEY,
                                      PRINCIPAL_ACTOR, tmp_path / "cards.pdf")
    assert sync.run(db).ok             # the other classes' sheets and these prints
    code, holder = issued[0].code, _national(db, issued[0].student_id)
    waiting = _ask(central, code)
    assert waiting["status"] == "pending", waiting
    assert "هنوز از مدرسه به سرور مرکزی نرسیده" in waiting["message"]
    page = httpx.get(central.url + "/verify", params={"code": code})
    assert "<h2>معتبر</h2>" not in page.text and "نمره‌ها هنوز نرسیده" in page.text

    approvals.move(db, ids, Action.QUEUE, PRINCIPAL_ACTOR)
    assert sync.run(db).ok             # the sheets arrive after the prints
    assert {_ask(central, d.code)["status"] for d in issued} == {"genuine"}
    assert "<h2>معتبر</h2>" in httpx.get(central.url + "/verify", params={"code": code}).text

    district, province = reviewer(central), reviewer(central, "province", None)
    assert review(central, district, "/v1/review/documents").json() == []
    with central.engine.begin() as conn:   # a grade changed at the centre
        before = conn.execute(text(
            "SELECT value FROM grade_row WHERE student = :s AND component = 'f1' "
            "ORDER BY sheet_id LIMIT 1"), {"s": holder}).scalar_one()
        conn.execute(text(
            "UPDATE grade_row SET value = :v WHERE student = :s AND component = 'f1' AND "
            "sheet_id = (SELECT min(sheet_id) FROM grade_row WHERE student = :s "
            "AND component = 'f1')"), {"s": holder, "v": "3" if before != "3" else "4"})
    wrong = _ask(central, code)
    assert wrong["status"] == "mismatch", wrong
    assert "یکی نیست" in wrong["message"] and "کارشناس منطقه" in wrong["message"]
    page = httpx.get(central.url + "/verify", params={"code": code})
    assert "ناهمخوان" in page.text and "<h2>معتبر</h2>" not in page.text
    queue = review(central, district, "/v1/review/documents").json()
    assert [q["code"] for q in queue] == [code] and queue[0]["kind"] == "کارنامه"
    assert review(central, province, "/v1/review/documents").json() == []
    assert _ask(central, issued[1].code)["status"] == "genuine"   # the others untouched

    with central.engine.begin() as conn:   # put right: genuine again, out of the queue
        conn.execute(text(
            "UPDATE grade_row SET value = :v WHERE student = :s AND component = 'f1' AND "
            "sheet_id = (SELECT min(sheet_id) FROM grade_row WHERE student = :s "
            "AND component = 'f1')"), {"s": holder, "v": before})
    assert _ask(central, code)["status"] == "genuine"
    assert review(central, district, "/v1/review/documents").json() == []

    # registered before documents named their sheets and kept their digest: judged alike
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE document SET rests_on = NULL, digest = NULL"))
    assert {_ask(central, d.code)["status"] for d in issued} == {"genuine"}
    with central.engine.begin() as conn:   # and a class sheet sent back to the school
        conn.execute(text("UPDATE sheet SET state = 'draft' WHERE class_name = :c AND "
                          "session = 'DEY' AND local_id = :i"), {"c": klass.name, "i": ids[0]})
    assert _ask(central, code)["status"] == "pending"


@pg
def test_an_original_needs_the_province_s_approval(enrolled, central, tmp_path) -> None:
    from tests.test_confirmations import graduated

    _db, issued, _who = graduated.__wrapped__(enrolled, central, tmp_path)
    assert {_ask(central, d.code)["status"] for d in issued} == {"genuine"}
    code = issued[0].code
    with central.engine.begin() as conn:   # a Khordad sheet back with the district
        conn.execute(text("UPDATE sheet SET state = 'sent' WHERE id = (SELECT min(id) FROM "
                          "sheet WHERE session = 'KHORDAD' AND grade_level = 12)"))
    waiting = _ask(central, code)
    assert waiting["status"] == "pending"
    assert "با تأیید نهایی استان" in waiting["message"]
    with central.engine.connect() as conn:   # the office named its Dey and Khordad sheets
        rests = conn.execute(text("SELECT rests_on FROM document WHERE code = :c"),
                             {"c": code}).scalar_one()
        sessions = set(conn.execute(text(
            "SELECT DISTINCT session FROM sheet WHERE school_code = '12345678' AND "
            "local_id = ANY(:ids)"), {"ids": [int(i) for i in rests.strip("[]").split(",")]}
        ).scalars())
    assert sessions == {"DEY", "KHORDAD"}


@pg
def test_a_print_naming_bad_sheets_is_refused_whole(enrolled, central) -> None:
    """The print item's list of sheets is checked like any field: a batch with a wrong
    one is refused (422) and stores nothing."""
    from tests.test_authority import _minted  # sealed with the school's own key

    remote = sync.Remote(central.url, _token(enrolled))
    good = _minted(enrolled, DocumentKind.REPORT_CARD)
    for bad in ("1", [0], ["7"], [True], [2 ** 40], list(range(1, 600))):
        body = {"school": "12345678", "uuid": str(uuid.uuid4()),
                "prints": [{"seal": good, "at": "2026-11-22T09:00:00+00:00", "printer": "x",
                            "sheets": bad}]}
        with pytest.raises(sync.Refused) as e:
            remote.put_batch(body["uuid"], *signed_by_school(enrolled, body))
        assert e.value.status == 422 and "sheets" in e.value.message, bad
    remote.close()
    counts = central_counts(central)
    assert counts["document"] == 0 and counts["batch"] == 0
