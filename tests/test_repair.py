"""Registering a past graduate at an adult school for grade repair (seed 000), end to end
with a real central server: their record code and identity checked there, their
record's final-exam courses listed, the courses chosen only from that record and only
in the window, the selection slip printed; and the repair rule as policy data."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text, update

from central import repairs
from desktop.domain.calendar import SessionKind, parse_jalali, to_gregorian
from desktop.domain.errors import DaftarError, ValidationError
from desktop.domain.grading import (
    DEFAULT_POLICY,
    DEFAULT_POLICY_DATA,
    GradingPolicy,
    Stage,
)
from desktop.domain.repair import RepairPolicy
from desktop.domain.verification import DocumentKind
from desktop.domain.workflow import Action, Role, SheetState
from desktop.models.db import Database, open_database
from desktop.models.entities import AuditEvent, Certificate, GradeSheet, Student
from desktop.services import (
    approvals,
    cards,
    certificates,
    grades,
    record_codes,
    repair,
    sync,
    verification,
)
from desktop.services.auth import create_user
from desktop.services.context import PRINCIPAL_ACTOR, Actor
from desktop.services.demo import GRADUATING_CLASS
from desktop.services.school import create_school, find_class
from desktop.services.students import get_student
from tests.test_confirmations import graduated  # noqa: F401  (the fixture)
from tests.test_documents import number, same, strings, summary_values
from tests.test_records_cli import daftar
from tests.test_sync import review

pytestmark = pytest.mark.postgres

IN_WINDOW = dt.datetime(2027, 4, 14, 8, 0, tzinfo=dt.UTC)      # 25 Farvardin 1406


def test_the_repair_rule_is_policy_data() -> None:
    rule = DEFAULT_POLICY.repair
    assert rule.rule == "higher" and rule.source
    assert not rule.replaces(Decimal("14"), Decimal("12.5"))    # never lowers a record
    assert not rule.replaces(Decimal("14"), Decimal("14"))
    assert rule.replaces(Decimal("14"), Decimal("14.25")) and rule.replaces(None, Decimal("9"))
    latest = GradingPolicy.from_dict(DEFAULT_POLICY_DATA | {"repair": {"rule": "latest"}})
    assert latest.repair.replaces(Decimal("14"), Decimal("12.5"))
    with pytest.raises(ValidationError):
        RepairPolicy.from_dict({"rule": "best-of-three"})


def test_a_past_graduate_registers_for_repair(graduated, central, tmp_path: Path  # noqa: F811
                                              ) -> None:
    db, issued, who = graduated
    sid = issued[0].student_id
    with db.unit() as s:   # the demo's graduates hold codes from elsewhere; this one has none
        s.execute(update(Student).where(Student.id == sid).values(record_code=None))
    national, serial = who[sid]
    code, _ = record_codes.request(db, PRINCIPAL_ACTOR, national)
    # outside the window (Azar): refused with its dates
    with pytest.raises(ValidationError, match="۱۴۰۶/۰۱/۲۰"):
        repair.register(db, PRINCIPAL_ACTOR, code, "national", national, serial, ["فیزیک ۳"],
                        gender="دختر")
    db.clock = lambda: IN_WINDOW
    person, record = repair.graduate_courses(db, code, "national", national, serial)
    assert person["identity"] == national and len(record) >= 5
    assert all(c.grade_level == 12 and c.year == 1405 for c in record)
    chosen = [record[0].name, record[1].code]
    # a course not in the record, a course twice, a wrong record code: refused, nothing kept
    with pytest.raises(ValidationError, match="در سابقهٔ تحصیلی"):
        repair.register(db, PRINCIPAL_ACTOR, code, "national", national, serial, ["نقاشی"],
                        gender="دختر")
    with pytest.raises(ValidationError, match="دو بار"):
        repair.register(db, PRINCIPAL_ACTOR, code, "national", national, serial,
                        [record[0].name, record[0].code], gender="دختر")
    other = code[:-1] + str((int(code[-1]) + 1) % 10)
    with pytest.raises(DaftarError, match="یکی نیست"):
        repair.register(db, PRINCIPAL_ACTOR, other, "national", national, serial, chosen,
                        gender="دختر")
    assert repair.registrations(db) == []
    reg = repair.register(db, PRINCIPAL_ACTOR, code, "national", national, serial, chosen,
                          gender="دختر")
    assert [c.name for c in reg.courses] == [record[0].name, record[1].name]
    slip = tmp_path / "slip.pdf"
    assert repair.selection_slip(db, reg.id, slip) == 2
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(slip),
                    str(tmp_path / "slip")], check=True)
    assert (tmp_path / "slip.png").stat().st_size > 5000


# --- the exam, its approval and the record it repairs ---------------------------------------

EXAM_DAY = dt.datetime(2027, 6, 20, 8, 0, tzinfo=dt.UTC)        # 30 Khordad 1406
CLERK = Actor("clerk", "دفتردار", Role.CLERK)
DEPUTY = Actor("deputy", "معاون", Role.DEPUTY)


def printed_grades(page, courses: list[str]) -> dict[str, Decimal | None]:  # type: ignore[no-untyped-def]
    """Course name -> the grade printed on its row of a certificate; "average" -> the
    average printed under the table."""
    found = strings(page)
    grade_x = next(x for x, _, _, n in found if same(n, "نمره"))
    out: dict[str, Decimal | None] = {}
    for name in courses:
        row_y = next(y for _, y, _, n in found if same(n, name))
        out[name] = next(number(n) for x, y, _, n in found
                         if y == row_y and abs(x - grade_x) < 12)
    summary_top = next(y for _, y, _, n in found if same(n, "جمع واحدهای معدل"))
    out["average"] = number(summary_values(found, {"average": "معدل"}, summary_top + 1)
                            ["average"])
    return out


def adult_school(central, path: Path) -> Database:  # type: ignore[no-untyped-def]
    """A second office: an adult school of another district, enrolled with the centre."""
    adult = open_database(path)
    adult.clock = lambda: IN_WINDOW
    create_school(adult, "87654321", "مرکز آموزش بزرگسالان پروین", "منطقه ۲ تهران", "تهران",
                  [Stage.UPPER_SECONDARY], year=1405)
    create_user(adult, "principal", "مدیر مرکز", Role.PRINCIPAL, "adult-pass", PRINCIPAL_ACTOR,
                first=True)  # the principal's password wraps the key made at enrolment
    code = central.add_school("87654321", "مرکز آموزش بزرگسالان پروین", "تهران", "منطقه ۲ تهران")
    sync.connect(adult, central.url, code, PRINCIPAL_ACTOR)
    return adult


def test_a_repair_exam_replaces_a_lower_grade_and_the_diploma_is_printed_again(
        graduated, central, tmp_path: Path) -> None:  # noqa: F811
    db, issued, who = graduated
    first = issued[0]
    sid = first.student_id
    with db.unit() as s:
        s.execute(update(Student).where(Student.id == sid).values(record_code=None))
    national, serial = who[sid]
    code, _ = record_codes.request(db, PRINCIPAL_ACTOR, national)
    # the exam's deadline is the regulation's again (the fixture moved it to Dey)
    central.set_deadline(1405, SessionKind.KHORDAD, to_gregorian(parse_jalali("1406/04/30")))
    adult = adult_school(central, tmp_path / "adult.sqlite")
    try:
        _, record = repair.graduate_courses(adult, code, "national", national, serial)
        by_grade = sorted(record, key=lambda c: Decimal(c.grade))
        low, high = by_grade[0], by_grade[-1]          # one to raise, one it cannot lower
        assert Decimal(high.grade) > 1
        with pytest.raises(ValidationError, match="جنسیت"):
            repair.register(adult, CLERK, code, "national", national, serial, [low.code],
                            gender="نامعلوم")
        reg = repair.register(adult, CLERK, code, "national", national, serial,
                              [low.code, high.code], gender="دختر")
        adult.clock = lambda: EXAM_DAY
        with pytest.raises(ValidationError, match="دی"):
            repair.prepare_exam(adult, CLERK, SessionKind.DEY)
        sheets = repair.prepare_exam(adult, CLERK)
        assert sorted(x.course for x in sheets) == sorted([low.name, high.name])
        assert all(x.candidates == 1 for x in sheets)
        assert repair.prepare_exam(adult, CLERK) == sheets      # again: nothing doubled
        create_user(adult, "clerk", "دفتردار", Role.CLERK, "daftar", PRINCIPAL_ACTOR)
        done = daftar(tmp_path / "adult.sqlite", "repair", "exam", "--user", "clerk")
        assert done.returncode == 0, done.stderr
        assert sorted(line.split("\t")[1] for line in done.stdout.splitlines()) == sorted(
            x.class_name for x in sheets)
        raised = str(min(Decimal(20), Decimal(low.grade) + 5))
        lower = str(Decimal(high.grade) - 1)
        for x in sheets:
            data = grades.read_sheet(adult, x.sheet_id)
            assert [c.code for c in data.columns if c.editable] == ["f2"]   # the exam alone
            (row,) = data.rows
            grades.write_grade(adult, x.sheet_id, row.student_id, "f2",
                               raised if x.course == low.name else lower, CLERK)
        ids = [x.sheet_id for x in sheets]
        for action, actor in ((Action.SUBMIT, CLERK), (Action.REVIEW, DEPUTY),
                              (Action.APPROVE, PRINCIPAL_ACTOR), (Action.QUEUE, PRINCIPAL_ACTOR)):
            approvals.move(adult, ids, action, actor)
        assert sync.run(adult).ok
        district = central.add_reviewer("d2", "کارشناس منطقه ۲", Role.DISTRICT, "تهران",
                                        "منطقه ۲ تهران")
        province = central.add_reviewer("p-repair", "کارشناس استان", Role.PROVINCE, "تهران", None)
        for token in (district, province):
            waiting = [w["id"] for w in review(central, token, "/v1/review/sheets").json()
                       if w["school"] == "87654321"]
            assert len(waiting) == 2
            answer = review(central, token, "/v1/review/sheets/decide",
                            {"ids": waiting, "approve": True})
            assert answer.status_code == 200, answer.text
        # the centre: the higher grade replaced, the lower one did not; both in the history
        with central.engine.connect() as conn:
            history = repairs.history(conn, national)
            live = conn.execute(text("SELECT count(*) FROM document WHERE identity = :i AND "
                                     "kind IN (2, 3) AND revoked_at IS NULL"),
                                {"i": national}).scalar()
        assert [(h["course"], h["old"], h["new"], h["replaced"]) for h in history] == sorted(
            [(low.code, low.grade, raised, True), (high.code, high.grade, lower, False)],
            key=lambda h: [x.course for x in sheets].index(
                low.name if h[0] == low.code else high.name))
        assert live == 0                                # the old certificate is revoked
        _, after = repair.graduate_courses(adult, code, "national", national, serial)
        now = {c.code: c.grade for c in after}
        assert now[low.code] == raised and now[high.code] == high.grade
        assert sync.run(adult).ok
        with adult.unit() as s:
            states = set(s.scalars(select(GradeSheet.state).where(GradeSheet.id.in_(ids))))
        assert states == {SheetState.PROVINCE_APPROVED}
        # the school that holds the record: the new grade, its history, the old code void
        assert sync.run(db).ok
        klass = find_class(db, GRADUATING_CLASS, 1405)
        with db.unit() as s:
            cert = s.scalar(select(Certificate).where(Certificate.verification_code ==
                                                      first.code))
            assert cert.revoked_at is not None and "ترمیم" in cert.revoked_reason
            trail = s.scalars(select(AuditEvent).where(AuditEvent.action == "grade.set",
                                                       AuditEvent.reason.like("ترمیم%"))).all()
        assert len(trail) == 1 and json.loads(trail[0].new) == raised
        assert json.loads(trail[0].old) == low.grade
        card = cards.class_cards(db, klass, SessionKind.KHORDAD, [get_student(db, sid)])[sid]
        pdf = tmp_path / "reissued.pdf"
        (again,) = certificates.issue_class(db, klass.id, DocumentKind.ORIGINAL,
                                            SessionKind.KHORDAD, PRINCIPAL_ACTOR, pdf,
                                            student_ids=[sid], reason="ترمیم نمره")
        assert again.code != first.code
        assert verification.verify_pdf(db, pdf)[0].status == verification.GENUINE
        # the page: the repaired course's annual grade and the average, recomputed
        names = [low.name, high.name]
        printed = printed_grades(PdfReader(pdf).pages[0], names)
        earlier = printed_grades(PdfReader(tmp_path / "originals.pdf").pages[0], names)
        line = next(x for x in card.lines if x.name == low.name)
        assert printed[low.name] == line.grade > earlier[low.name]
        assert printed[high.name] == earlier[high.name]
        assert printed["average"] == card.average
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf),
                        str(tmp_path / "reissued")], check=True)
        assert (tmp_path / "reissued.png").stat().st_size > 20000
        assert reg.id == repair.registrations(adult)[0].id
    finally:
        adult.dispose()
