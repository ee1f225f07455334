"""The review window end to end: a student's grade record printed and an objection filed
only between 10 Khordad and 10 Tir, carried to a real central server's district
reviewer, decided there, and the answer back in the office."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.calendar import SessionKind
from desktop.domain.errors import NotFound, ValidationError, WorkflowError
from desktop.domain.workflow import ChangeState
from desktop.models.entities import Student
from desktop.services import review, sync
from desktop.services.context import PRINCIPAL_ACTOR
from desktop.services.school import find_class
from tests.test_sync import review as ask
from tests.test_sync import reviewer

pytestmark = pytest.mark.postgres

IN_WINDOW = dt.datetime(2027, 6, 5, 8, 0, tzinfo=dt.UTC)      # 15 Khordad 1406


def test_grade_record_and_objection_in_the_window(enrolled, central, tmp_path: Path) -> None:
    db = enrolled
    assert sync.run(db).ok
    klass = find_class(db, "دهم ریاضی", 1405)
    with db.unit() as s:
        from desktop.models.entities import Enrollment

        national = s.scalar(select(Student.national_code).join(Enrollment).where(
            Enrollment.class_id == klass.id).limit(1))
    # outside the window (Azar): refused with the window's dates, nothing filed
    with pytest.raises(ValidationError, match="۱۴۰۶/۰۳/۱۰"):
        review.grade_record(db, national, tmp_path / "no.pdf")
    with pytest.raises(ValidationError):
        review.file_objection(db, PRINCIPAL_ACTOR, national, "فیزیک ۱", SessionKind.DEY, "x")
    assert review.objections(db) == [] and not (tmp_path / "no.pdf").exists()

    db.clock = lambda: IN_WINDOW
    record = tmp_path / "record.pdf"
    lines = review.grade_record(db, national, record)
    assert lines >= 10
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(record), str(tmp_path / "record")], check=True)
    with pytest.raises(NotFound):
        review.file_objection(db, PRINCIPAL_ACTOR, national, "درس ناموجود", SessionKind.DEY,
                              "نمره اشتباه است")
    with pytest.raises(WorkflowError):
        review.file_objection(db, PRINCIPAL_ACTOR, national, "فیزیک ۱", SessionKind.DEY, " ")
    filed = review.file_objection(db, PRINCIPAL_ACTOR, national, "فیزیک ۱", SessionKind.DEY,
                                  "برگهٔ پایانی دوباره دیده شود")
    assert filed.state is ChangeState.FILED
    assert sync.run(db).ok
    district, province = reviewer(central), reviewer(central, "province", None)
    [waiting] = ask(central, district, "/v1/review/objections").json()
    assert waiting["course"] == "فیزیک 1" and waiting["student"] == national
    assert ask(central, province, "/v1/review/objections").json() == []
    oid = waiting["id"]
    assert ask(central, province, f"/v1/review/objections/{oid}/decide",
               {"approve": True}).status_code == 422          # the district's alone
    assert ask(central, district, f"/v1/review/objections/{oid}/decide",
               {"approve": False}).status_code == 422         # a rejection needs a reason
    done = ask(central, district, f"/v1/review/objections/{oid}/decide",
               {"approve": True, "reason": "برگه بازبینی شود"})
    assert done.status_code == 200, done.text
    assert sync.run(db).ok
    [info] = review.objections(db)
    assert info.state is ChangeState.DISTRICT_APPROVED and info.decided_reason == "برگه بازبینی شود"


def test_review_from_the_command_line_says_when_the_window_opens(demo_db, tmp_path: Path
                                                                 ) -> None:
    import os
    import sys

    from tests.central_rig import ROOT

    with demo_db.unit() as s:
        national = s.scalar(select(Student.national_code).where(
            Student.national_code.is_not(None)).limit(1))
    path = Path(demo_db.engine.url.database)
    demo_db.dispose()

    def daftar(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(path), *args],
                              cwd=ROOT, capture_output=True, text=True,
                              env=dict(os.environ, DAFTAR_PASSWORD="daftar"))

    today = dt.date.today()
    done = daftar("review", "record", national, "--out", str(tmp_path / "r.pdf"))
    if done.returncode == 1:      # outside the window (most of the year)
        assert "بازهٔ بررسی سوابق نمره‌ای از" in done.stderr, done.stderr
        assert not (tmp_path / "r.pdf").exists()
    else:                         # a run between 10 Khordad and 10 Tir
        assert done.returncode == 0 and (tmp_path / "r.pdf").exists(), today
    listed = daftar("review", "list")
    assert listed.returncode == 0 and listed.stdout == ""


def test_the_page_refuses_outside_the_window_and_files_inside(qtbot, demo_db, tmp_path: Path
                                                              ) -> None:
    from desktop.views.records_page import RecordsPage

    with demo_db.unit() as s:
        from desktop.models.entities import Enrollment

        national = s.scalar(select(Student.national_code).join(Enrollment).where(
            Enrollment.class_id == find_class(demo_db, "دهم ریاضی", 1405).id).limit(1))
    page = RecordsPage(demo_db, PRINCIPAL_ACTOR)
    qtbot.addWidget(page)
    page.review_student.setText(national)
    page.review_course.setText("فیزیک ۱")
    page.review_reason.setText("برگهٔ پایانی دوباره دیده شود")
    page.print_record(str(tmp_path / "no.pdf"))
    assert "بازهٔ بررسی" in page.review_error.text() and not (tmp_path / "no.pdf").exists()
    demo_db.clock = lambda: IN_WINDOW
    page.print_record(str(tmp_path / "record.pdf"))
    assert page.review_error.text() == "" and (tmp_path / "record.pdf").exists()
    page.file_objection()
    assert page.review_error.text() == "" and page.review_reason.text() == ""
    assert [o.course for o in review.objections(demo_db)] == ["فیزیک 1"]
