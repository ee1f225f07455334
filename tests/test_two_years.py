"""A real school through two whole school years against a real central server (issue 23):
set up from nothing (no demo), grades, approvals at the school, sent, approved by the
district and the province on the centre, the year closed (three to Shahrivar, of whom one
then repeats; the graduates with their original certificates), the next year opened from
it, and in that year one student transferred out into a second school's file and one
transferred in from it, mid-year, their report cards correct at the receiving school;
every document of both years printed.

The school files are SQLite, the centre is ``daftar-central serve`` on PostgreSQL over
loopback.  The offices' clock is 1 Azar 1405 for the first year and 10 Azar 1406 for the
second (the centre's stays in 1405: only its deadlines judge, and none has passed).
"""

from __future__ import annotations

import datetime as dt

import httpx
import jdatetime
import pytest
from pypdf import PdfReader

from desktop.domain.calendar import SessionKind
from desktop.domain.grading import format_grade
from desktop.domain.identity import make_national_code
from desktop.domain.verification import DocumentKind
from desktop.domain.workflow import Action, Role, SheetState
from desktop.domain.year_end import ClosingStage, Outcome
from desktop.models.db import open_database
from desktop.services import (
    approvals,
    certificates,
    next_year,
    school_key,
    setup,
    sync,
    transfers,
    year_end,
)
from desktop.services.arrivals import find_incoming
from desktop.services.class_grades import read_class
from desktop.services.context import PRINCIPAL_ACTOR
from desktop.services.enrollment import enroll
from desktop.services.school import create_school, list_classes
from desktop.services.students import StudentInput, add_student, search_students
from tests.conftest import FIXED_NOW
from tests.test_year_end import fill

pytestmark = pytest.mark.postgres

A, B = "29153406", "29153414"
SECOND_YEAR_NOW = dt.datetime(2027, 12, 1, 9, 0, tzinfo=dt.UTC)  # 10 Azar 1406


def _office(path, code: str, name: str, year: int, classes: dict[tuple[int, str], int],
            first: int):  # type: ignore[no-untyped-def]
    db = open_database(path)
    db.clock = lambda: FIXED_NOW if year == 1405 else SECOND_YEAR_NOW
    create_school(db, code, name, "ناحیه ۲", "قم", ["upper_secondary"], year=year)
    people: dict[str, list[int]] = {}
    n = first
    for (grade, track), count in classes.items():
        (klass,) = setup.make_classes(db, PRINCIPAL_ACTOR, grade, track, count=1, year=year)
        for _ in range(count):
            st = add_student(db, StudentInput(
                f"نام{n}", f"خانواده{n}", "پدر", "F", "1389/01/01", "قم",
                national_code=make_national_code(f"{n:09d}")))
            enroll(db, st.id, klass.id, on=jdatetime.date(year, 7, 1).togregorian())
            people.setdefault(klass.name, []).append(st.id)
            n += 1
    with db.unit() as s:
        school_key.set_passphrase(s, "school-seal-1")
    return db, people


def _send(db, sheets) -> None:  # type: ignore[no-untyped-def]
    approvals.move(db, sheets, Action.QUEUE, PRINCIPAL_ACTOR)
    report = sync.run(db)
    assert report.ok, (report.failure, report.refused)


def _approve_on_centre(central, tokens, classes: set[str]) -> None:  # type: ignore[no-untyped-def]
    for token in tokens:
        headers = {"Authorization": f"Bearer {token}"}
        waiting = httpx.get(central.url + "/v1/review/sheets", headers=headers).json()
        ids = [w["id"] for w in waiting if w["class"] in classes]
        assert ids, waiting
        done = httpx.post(central.url + "/v1/review/sheets/decide", headers=headers,
                          json={"ids": ids, "approve": True})
        assert done.status_code == 200, done.text


def _prints(db, class_id: int, kind: DocumentKind, session: SessionKind, out) -> int:  # type: ignore[no-untyped-def]
    issued = certificates.issue_class(db, class_id, kind, session, PRINCIPAL_ACTOR, out,
                                      reason="نسخهٔ پرونده")  # for one printed before
    assert len(PdfReader(out).pages) == len(issued)
    return len(issued)


def test_a_school_through_two_years_with_transfers(central, tmp_path):
    tokens = (central.add_reviewer("d-qom", "کارشناس منطقه", Role.DISTRICT, "قم", "ناحیه ۲"),
              central.add_reviewer("p-qom", "کارشناس استان", Role.PROVINCE, "قم", None))
    a_db, people = _office(tmp_path / "a.sqlite", A, "دبیرستان نمونه", 1405,
                           {(10, "math"): 4, (11, "math"): 3, (12, "math"): 3}, 1)
    sync.connect(a_db, central.url, central.add_school(A, "دبیرستان نمونه", "قم", "ناحیه ۲"),
                 PRINCIPAL_ACTOR)
    classes = {k.name: k for k in list_classes(a_db, 1405)}
    ten, eleven, twelve = (classes[n] for n in ("دهم ریاضی 1", "یازدهم ریاضی 1",
                                                 "دوازدهم ریاضی 1"))
    a, b, c, d = people[ten.name]
    f, g, h = people[eleven.name]
    math10 = setup.grade_courses(a_db, 10, "math")[0]
    math11 = setup.grade_courses(a_db, 11, "math")[0]

    # --- year one: both terms, approved at school, sent, approved on the centre --------
    for klass in classes.values():
        _send(a_db, fill(a_db, klass.id, SessionKind.DEY))
    low = {(a, math10.name): "3", (b, math10.name): "2", (f, math11.name): "3"}
    for klass in classes.values():
        _send(a_db, fill(a_db, klass.id, SessionKind.KHORDAD, low=low))
    _approve_on_centre(central, tokens, set(classes))
    assert sync.run(a_db).ok
    with a_db.unit() as s:
        from sqlalchemy import func, select

        from desktop.models.entities import GradeSheet

        states = dict(s.execute(select(GradeSheet.state, func.count())
                                .group_by(GradeSheet.state)).all())
    assert set(states) == {SheetState.PROVINCE_APPROVED}

    # closed after Khordad: three to Shahrivar; the graduates' originals print
    state = year_end.close_year(a_db, PRINCIPAL_ACTOR, 1405)
    got = {o.student_id: o.outcome for o in state.outcomes}
    assert [sid for sid, o in got.items() if o is Outcome.RESIT] == [a, b, f]
    assert {got[x] for x in people[twelve.name]} == {Outcome.GRADUATED}
    documents = 0
    documents += _prints(a_db, twelve.id, DocumentKind.ORIGINAL, SessionKind.KHORDAD,
                         tmp_path / "originals-1405.pdf")
    for klass in classes.values():
        documents += _prints(a_db, klass.id, DocumentKind.REPORT_CARD, SessionKind.KHORDAD,
                             tmp_path / f"cards-1405-{klass.id}.pdf")
    # Shahrivar: two pass, one repeats; settled
    _send(a_db, fill(a_db, ten.id, SessionKind.SHAHRIVAR, only={a, b},
                     low={(b, math10.name): "4"}))
    _send(a_db, fill(a_db, eleven.id, SessionKind.SHAHRIVAR, only={f}))
    state = year_end.settle_resits(a_db, PRINCIPAL_ACTOR, 1405)
    assert state.stage is ClosingStage.FINAL
    got = {o.student_id: o.outcome for o in state.outcomes}
    assert got[a] is got[f] is Outcome.PROMOTED and got[b] is Outcome.REPEAT

    # --- year two: opened from the first ----------------------------------------------
    opened = next_year.open_next_year(a_db, PRINCIPAL_ACTOR, 1405)
    assert (opened.promoted, opened.repeating) == (6, 1)
    now = {st.id: st.class_name for st in search_students(a_db, year=1406) if st.class_id}
    assert now == {a: "یازدهم ریاضی 1", c: "یازدهم ریاضی 1", d: "یازدهم ریاضی 1",
                   b: "دهم ریاضی 1", f: "دوازدهم ریاضی 1", g: "دوازدهم ریاضی 1",
                   h: "دوازدهم ریاضی 1"}
    a_db.clock = lambda: SECOND_YEAR_NOW
    new = {k.name: k for k in list_classes(a_db, 1406)}
    a11 = new["یازدهم ریاضی 1"]
    _send(a_db, fill(a_db, a11.id, SessionKind.DEY))

    # a second school, in its own file, its own 11th grade
    b_db, b_people = _office(tmp_path / "b.sqlite", B, "دبیرستان فرزانگان", 1406,
                             {(11, "math"): 2}, 100)
    sync.connect(b_db, central.url, central.add_school(B, "دبیرستان فرزانگان", "قم",
                                                       "ناحیه ۲"), PRINCIPAL_ACTOR)
    (b11,) = list_classes(b_db, 1406)
    x, _y = b_people[b11.name]
    _send(b_db, fill(b_db, b11.id, SessionKind.DEY))

    # mid-year: c goes from A to B, x from B to A, each with a slip
    day = jdatetime.date(1406, 9, 10)
    out_c = transfers.transfer_out(a_db, PRINCIPAL_ACTOR, c, B, day, "جابه‌جایی خانواده")
    transfers.transfer_out(b_db, PRINCIPAL_ACTOR, x, A, day)
    assert transfers.print_slip(a_db, out_c.id, tmp_path / "slip-c.pdf", PRINCIPAL_ACTOR) == 1
    assert sync.run(a_db).ok and sync.run(b_db).ok
    c_at_b = find_incoming(b_db, make_national_code(f"{3:09d}"))
    assert {int(r["year"]) for r in c_at_b.grades} == {1405, 1406}  # last year's, and this
    c_id = transfers.transfer_in(b_db, PRINCIPAL_ACTOR, c_at_b, b11.id, day)
    x_at_a = find_incoming(a_db, make_national_code(f"{100:09d}"))
    x_id = transfers.transfer_in(a_db, PRINCIPAL_ACTOR, x_at_a, a11.id, day)

    # Khordad at both: the newcomers' Dey from the old school, their Khordad here
    _send(b_db, fill(b_db, b11.id, SessionKind.KHORDAD, low={(c_id, math11.name): "12"}))
    _send(a_db, fill(a_db, a11.id, SessionKind.KHORDAD))
    for db_, klass, sid, school in ((b_db, b11, c_id, "دبیرستان نمونه"),
                                    (a_db, a11, x_id, "دبیرستان فرزانگان")):
        (result,) = [r for r in read_class(db_, klass.id) if r.course_name == math11.name]
        keep: list = []
        certificates.issue_class(db_, klass.id, DocumentKind.REPORT_CARD, SessionKind.KHORDAD,
                                 PRINCIPAL_ACTOR, tmp_path / f"card-{sid}.pdf",
                                 student_ids=[sid], keep=keep)
        (card,) = keep
        line = next(r for r in card.rows if r["course"] == math11.name)
        assert line["grade"] == format_grade(result.rows[sid].grade, persian=False)
        assert any(school in n and "نوبت اول" in n for n in card.notes), card.notes
    (result,) = [r for r in read_class(b_db, b11.id) if r.course_name == math11.name]
    assert result.rows[c_id].grade < 16  # A's 16 in Dey, B's 12 in Khordad: both counted

    # the arrivals reach the senders through the centre
    assert sync.run(a_db).ok and sync.run(b_db).ok
    assert sync.run(a_db).ok
    sent = {t.slip: t for t in transfers.list_transfers(a_db) if t.direction == "out"}
    assert sent[out_c.slip].arrived_on == day

    # the second year's documents print too (its class with grades: both sessions)
    for session in (SessionKind.DEY, SessionKind.KHORDAD):
        documents += _prints(a_db, a11.id, DocumentKind.REPORT_CARD, session,
                             tmp_path / f"cards-1406-{session.value}.pdf")
    assert documents == 3 + 10 + 2 * 3  # originals, the first year's cards, the second's
    a_db.dispose()
    b_db.dispose()
