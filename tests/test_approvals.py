"""Users, roles, the approval queues, deadlines, change requests and the audit trail."""

import datetime as dt
import sqlite3
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from desktop.domain.calendar import TEHRAN, SessionKind
from desktop.domain.errors import DaftarError, ValidationError, WorkflowError
from desktop.domain.workflow import Action, Role, SheetState
from desktop.models.entities import AuditEvent, GradeSheet
from desktop.services import approvals, audit, auth, changes
from desktop.services.clock import clock_status
from desktop.services.context import PRINCIPAL_ACTOR, SYSTEM_ACTOR
from desktop.services.grades import CellEdit, open_sheet, read_sheet, write_grade
from desktop.services.school import find_class, find_course, list_courses

DEY_1405_LAST_MINUTE = dt.datetime(2027, 3, 1, 23, 59, tzinfo=TEHRAN)  # 10 Esfand 1405


def sign_in(db, name):
    return auth.login(db, name, "daftar")


def khordad_sheet(db, class_name="دهم ریاضی", course="فیزیک ۱"):
    klass = find_class(db, class_name)
    return open_sheet(db, klass.id, find_course(db, course, klass.id).id, SessionKind.KHORDAD)


def dey_sheet(db, class_name="دهم ریاضی", course="فیزیک ۱"):
    klass = find_class(db, class_name)
    return open_sheet(db, klass.id, find_course(db, course, klass.id).id, SessionKind.DEY)


def events(db, action=None):
    with db.unit() as s:
        q = select(func.count()).select_from(AuditEvent)
        if action:
            q = q.where(AuditEvent.action == action)
        return s.scalar(q)


# --- users ---------------------------------------------------------------------

def test_sign_in_is_audited_and_one_message_for_every_failure(demo_db):
    before_ok, before_bad = events(demo_db, "login"), events(demo_db, "login.failed")
    actor = sign_in(demo_db, "Principal")
    assert actor.role is Role.PRINCIPAL and actor.user_id
    for name, password in (("principal", "wrong"), ("nobody", "daftar"), ("", "")):
        with pytest.raises(DaftarError) as e:
            auth.login(demo_db, name, password)
        assert str(e.value) == "نام کاربری یا گذرواژه نادرست است."
    assert events(demo_db, "login") == before_ok + 1
    assert events(demo_db, "login.failed") == before_bad + 3


def test_only_the_principal_adds_users(demo_db):
    principal, deputy = sign_in(demo_db, "principal"), sign_in(demo_db, "deputy")
    with pytest.raises(WorkflowError):
        auth.create_user(demo_db, "t9", "معلم تازه", Role.TEACHER, "secret1", deputy)
    with pytest.raises(ValidationError):
        auth.create_user(demo_db, "t9", "معلم تازه", Role.TEACHER, "123", principal)
    with pytest.raises(ValidationError):
        auth.create_user(demo_db, "deputy", "دیگر", Role.TEACHER, "secret1", principal)
    with pytest.raises(ValidationError):
        auth.create_user(demo_db, "t9", "نماینده", Role.DISTRICT, "secret1", principal)
    with pytest.raises(DaftarError):
        auth.create_user(demo_db, "p2", "مدیر دوم", Role.PRINCIPAL, "secret1", principal,
                         first=True)
    user = auth.create_user(demo_db, "t9", "معلم تازه", Role.TEACHER, "secret1", principal)
    assert auth.login(demo_db, "t9", "secret1").user_id == user.id


# --- who may edit what ------------------------------------------------------------

def test_a_teacher_edits_only_assigned_courses(demo_db):
    teacher = sign_in(demo_db, "teacher1")  # teaches the math-field courses of دهم ریاضی
    mine = khordad_sheet(demo_db, course="فیزیک ۱")
    other = khordad_sheet(demo_db, course="فارسی ۱")
    sid = read_sheet(demo_db, mine).rows[0].student_id
    write_grade(demo_db, mine, sid, "f2", "17", actor=teacher)
    with pytest.raises(WorkflowError) as e:
        write_grade(demo_db, other, sid, "f2", "17", actor=teacher)
    assert e.value.code == "sheet.not_yours"
    assert read_sheet(demo_db, other, actor=teacher).lock_reason == str(e.value)
    assert read_sheet(demo_db, mine, actor=teacher).lock_reason is None


def test_roles_outside_the_office_cannot_enter_grades(demo_db):
    sheet = khordad_sheet(demo_db)
    sid = read_sheet(demo_db, sheet).rows[0].student_id
    from desktop.services import Actor

    for role in (Role.DISTRICT, Role.PROVINCE, Role.SYSTEM):
        with pytest.raises(WorkflowError):
            write_grade(demo_db, sheet, sid, "f2", "17", actor=Actor("x", "x", role))


# --- deadlines ---------------------------------------------------------------------

def test_deadline_edge_on_the_exact_jalali_day(demo_db):
    sheet = dey_sheet(demo_db)
    principal = sign_in(demo_db, "principal")
    approvals.move(demo_db, [sheet], Action.REJECT, principal, reason="بازبینی")  # to draft
    sid = read_sheet(demo_db, sheet).rows[0].student_id
    demo_db.clock = lambda: DEY_1405_LAST_MINUTE.astimezone(dt.UTC)
    write_grade(demo_db, sheet, sid, "c1", "18")  # 23:59 on 10 Esfand: still open
    demo_db.clock = lambda: (DEY_1405_LAST_MINUTE + dt.timedelta(minutes=1)).astimezone(dt.UTC)
    with pytest.raises(WorkflowError) as e:
        write_grade(demo_db, sheet, sid, "c1", "19")
    assert e.value.code == "sheet.deadline"
    assert "۱۴۰۵/۱۲/۱۰" in str(e.value) and "درخواست اصلاح" in str(e.value)
    assert read_sheet(demo_db, sheet).rows[0].cells["c1"] == D(18)
    # the Khordad sheet of the same year is still open
    write_grade(demo_db, khordad_sheet(demo_db), sid, "c2", "19")


def test_a_clock_set_back_is_detected_and_does_not_reopen_a_locked_sheet(demo_db):
    sheet = dey_sheet(demo_db)
    principal = sign_in(demo_db, "principal")
    approvals.move(demo_db, [sheet], Action.REJECT, principal, reason="بازبینی")
    sid = read_sheet(demo_db, sheet).rows[0].student_id
    after = dt.datetime(2027, 3, 5, 8, 0, tzinfo=dt.UTC)
    demo_db.clock = lambda: after
    write_grade(demo_db, khordad_sheet(demo_db), sid, "c2", "19")  # notes the time seen
    assert not clock_status(demo_db).suspicious
    demo_db.clock = lambda: after - dt.timedelta(days=30)  # someone sets the clock back
    with pytest.raises(WorkflowError) as e:
        write_grade(demo_db, sheet, sid, "c1", "19")
    assert e.value.code == "sheet.deadline"
    status = clock_status(demo_db)
    assert status.suspicious and status.trusted == after


def test_dashboard_days_left_and_counts(demo_db):
    board = {d.session: d for d in approvals.dashboard(demo_db, 1405)}
    dey = board[SessionKind.DEY]
    assert dey.deadline.strftime("%Y/%m/%d") == "1405/12/10"
    assert dey.days_left == 100  # 1 Azar to 10 Esfand, counting both ends
    assert not dey.locked and dey.not_approved == 0  # the demo approved every Dey sheet
    assert board[SessionKind.KHORDAD].not_approved == 319  # all but the graduating class
    demo_db.clock = lambda: dt.datetime(2027, 3, 2, tzinfo=dt.UTC)
    dey = {d.session: d for d in approvals.dashboard(demo_db, 1405)}[SessionKind.DEY]
    assert dey.locked and dey.days_left == 0


# --- the approval path -------------------------------------------------------------

def test_the_school_path_and_rejection_with_a_reason(demo_db):
    clerk, deputy, principal = (sign_in(demo_db, n) for n in ("clerk", "deputy", "principal"))
    sheet = khordad_sheet(demo_db)
    assert approvals.move(demo_db, [sheet], Action.SUBMIT, clerk) == [SheetState.SUBMITTED]
    with pytest.raises(WorkflowError):
        approvals.move(demo_db, [sheet], Action.APPROVE, principal)  # deputy first
    approvals.move(demo_db, [sheet], Action.REVIEW, deputy)
    with pytest.raises(WorkflowError) as e:
        approvals.move(demo_db, [sheet], Action.REJECT, principal)
    assert "دلیل" in str(e.value)
    approvals.move(demo_db, [sheet], Action.REJECT, principal, reason="نمره مستمر ناقص")
    data = read_sheet(demo_db, sheet)
    assert data.state is SheetState.DRAFT and data.last_reason == "نمره مستمر ناقص"
    approvals.move(demo_db, [sheet], Action.SUBMIT, clerk)
    approvals.move(demo_db, [sheet], Action.REVIEW, deputy)
    approvals.move(demo_db, [sheet], Action.APPROVE, principal)
    approvals.move(demo_db, [sheet], Action.QUEUE, principal)
    approvals.move(demo_db, [sheet], Action.MARK_SENT, SYSTEM_ACTOR)
    assert read_sheet(demo_db, sheet).state is SheetState.SENT
    with pytest.raises(WorkflowError):
        write_grade(demo_db, sheet, data.rows[0].student_id, "f2", "20", actor=principal)


def test_an_incomplete_sheet_cannot_be_submitted(demo_db):
    sheet = khordad_sheet(demo_db)
    sid = read_sheet(demo_db, sheet).rows[3].student_id
    write_grade(demo_db, sheet, sid, "f2", "")
    with pytest.raises(WorkflowError) as e:
        approvals.move(demo_db, [sheet], Action.SUBMIT, sign_in(demo_db, "clerk"))
    assert "۱ خانه خالی" in str(e.value)
    assert read_sheet(demo_db, sheet).state is SheetState.DRAFT


def test_a_batch_moves_all_or_none(demo_db):
    klass = find_class(demo_db, "دهم تجربی")
    sheets = [open_sheet(demo_db, klass.id, c.id, SessionKind.KHORDAD)
              for c in list_courses(demo_db, klass.id)]
    write_grade(demo_db, sheets[4], read_sheet(demo_db, sheets[4]).rows[0].student_id, "c2", "")
    clerk = sign_in(demo_db, "clerk")
    with pytest.raises(WorkflowError) as e:
        approvals.move(demo_db, sheets, Action.SUBMIT, clerk)
    assert "هیچ برگه‌ای تغییر نکرد" in str(e.value)
    assert approvals.counts(demo_db, 1405)[SheetState.SUBMITTED] == 0
    ok = sheets[:4] + sheets[5:]
    approvals.move(demo_db, ok, Action.SUBMIT, clerk)
    assert approvals.counts(demo_db, 1405)[SheetState.SUBMITTED] == len(ok)
    deputy_queue = approvals.queue(demo_db, sign_in(demo_db, "deputy"), 1405)
    assert {x.sheet_id for x in deputy_queue} == set(ok)


def test_a_teachers_queue_is_their_own_drafts(demo_db):
    teacher = sign_in(demo_db, "teacher2")
    mine = approvals.queue(demo_db, teacher, 1405)
    assert mine and {x.class_name for x in mine} == {"دهم تجربی"}
    assert all(x.state is SheetState.DRAFT for x in mine)


# --- change requests ---------------------------------------------------------------

def _locked_sheet(db):
    sheet = dey_sheet(db)
    db.clock = lambda: dt.datetime(2027, 3, 5, tzinfo=dt.UTC)  # after 10 Esfand 1405
    data = read_sheet(db, sheet)
    return sheet, data.rows[0].student_id, data.rows[0].cells["f1"]


def test_change_request_through_district_and_province(demo_db):
    sheet, sid, old = _locked_sheet(demo_db)
    principal = sign_in(demo_db, "principal")
    with pytest.raises(WorkflowError):
        changes.file_request(demo_db, sheet, [CellEdit(sid, "f1", "20")], "اشتباه جمع",
                             sign_in(demo_db, "deputy"))
    with pytest.raises(ValidationError):
        changes.file_request(demo_db, sheet, [CellEdit(sid, "f1", "25")], "اشتباه", principal)
    cr = changes.file_request(demo_db, sheet, [CellEdit(sid, "f1", "۲۰")], "اشتباه در جمع",
                              principal, attachment=b"%PDF-1.4 scanned letter",
                              attachment_name="letter.pdf")
    assert cr.state == changes.FILED and cr.changes[0]["old"] == format(old.normalize(), "f")
    with pytest.raises(WorkflowError):  # the province cannot decide before the district
        changes.decide(demo_db, cr.id, Role.PROVINCE, True, SYSTEM_ACTOR)
    changes.decide(demo_db, cr.id, Role.DISTRICT, True, SYSTEM_ACTOR)
    assert read_sheet(demo_db, sheet).rows[0].cells["f1"] == old  # not yet
    done = changes.decide(demo_db, cr.id, Role.PROVINCE, True, SYSTEM_ACTOR)
    assert done.state == changes.APPLIED
    assert read_sheet(demo_db, sheet).rows[0].cells["f1"] == D(20)
    history = audit.grade_history(demo_db, sheet, sid, "f1")
    assert history[-1].new == "20" and history[-1].reason == f"درخواست اصلاح {cr.id}"


def test_a_rejected_or_stale_request_changes_nothing(demo_db):
    sheet, sid, old = _locked_sheet(demo_db)
    principal = sign_in(demo_db, "principal")
    cr = changes.file_request(demo_db, sheet, [CellEdit(sid, "f1", "20")], "اشتباه", principal)
    with pytest.raises(WorkflowError):
        changes.decide(demo_db, cr.id, Role.DISTRICT, False, SYSTEM_ACTOR)  # no reason
    rejected = changes.decide(demo_db, cr.id, Role.DISTRICT, False, SYSTEM_ACTOR,
                              reason="مستندات کافی نیست")
    assert rejected.state == changes.REJECTED
    assert rejected.decided_reason == "مستندات کافی نیست"
    # two requests for one cell: the second, approved after the first applied, is stale
    a = changes.file_request(demo_db, sheet, [CellEdit(sid, "f1", "19")], "الف", principal)
    b = changes.file_request(demo_db, sheet, [CellEdit(sid, "f1", "18")], "ب", principal)
    for level in (Role.DISTRICT, Role.PROVINCE):
        changes.decide(demo_db, a.id, level, True, SYSTEM_ACTOR)
    changes.decide(demo_db, b.id, Role.DISTRICT, True, SYSTEM_ACTOR)
    with pytest.raises(DaftarError) as e:
        changes.decide(demo_db, b.id, Role.PROVINCE, True, SYSTEM_ACTOR)
    assert e.value.code == "change.stale"
    assert read_sheet(demo_db, sheet).rows[0].cells["f1"] == D(19)
    assert [r.state for r in changes.list_requests(demo_db, sheet)] == [
        changes.REJECTED, changes.APPLIED, changes.DISTRICT_OK]


def test_an_open_sheet_needs_no_change_request(demo_db):
    sheet = khordad_sheet(demo_db)
    sid = read_sheet(demo_db, sheet).rows[0].student_id
    with pytest.raises(WorkflowError) as e:
        changes.file_request(demo_db, sheet, [CellEdit(sid, "f2", "20")], "x",
                             sign_in(demo_db, "principal"))
    assert e.value.code == "change.not_locked"


# --- the audit trail ---------------------------------------------------------------

@pytest.fixture
def trail(demo_db):
    sheet = khordad_sheet(demo_db)
    sid = read_sheet(demo_db, sheet).rows[0].student_id
    for v in ("10", "11", "12", "13", "14", "15"):
        write_grade(demo_db, sheet, sid, "f2", v)
    with demo_db.unit() as s:
        ids = list(s.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))
    assert audit.verify(demo_db).ok
    return demo_db, ids


def _sql(db, statement, *params):
    con = sqlite3.connect(db.path)
    con.execute(statement, params)
    con.commit()
    con.close()


def test_an_edited_event_is_named(trail):
    db, ids = trail
    _sql(db, "UPDATE audit_event SET new = ? WHERE id = ?", '"20"', ids[4])
    verdict = audit.verify(db)
    assert not verdict.ok and verdict.broken_at == ids[4] and verdict.problem == "edited"


def test_a_deleted_event_is_named(trail):
    db, ids = trail
    _sql(db, "DELETE FROM audit_event WHERE id = ?", ids[3])
    verdict = audit.verify(db)
    assert not verdict.ok and verdict.broken_at == ids[4] and verdict.problem == "unlinked"


def test_swapped_events_are_named(trail):
    db, ids = trail
    a, b = ids[2], ids[5]
    con = sqlite3.connect(db.path)
    con.execute("UPDATE audit_event SET id = -1 WHERE id = ?", (a,))
    con.execute("UPDATE audit_event SET id = ? WHERE id = ?", (a, b))
    con.execute("UPDATE audit_event SET id = ? WHERE id = -1", (b,))
    con.commit()
    con.close()
    verdict = audit.verify(db)
    assert not verdict.ok and verdict.broken_at == a


def test_a_cut_off_tail_is_noticed(trail):
    db, ids = trail
    _sql(db, "DELETE FROM audit_event WHERE id = ?", ids[-1])
    verdict = audit.verify(db)
    assert not verdict.ok and verdict.problem == "head"


def test_daftar_audit_verify_exit_codes(trail):
    import subprocess
    import sys

    db, ids = trail
    run = [sys.executable, "-m", "desktop", "--db", str(db.path), "audit", "verify"]
    ok = subprocess.run(run, capture_output=True, text=True)
    assert ok.returncode == 0 and "سالم" in ok.stdout
    _sql(db, "UPDATE audit_event SET actor = 'someone' WHERE id = ?", ids[2])
    bad = subprocess.run(run, capture_output=True, text=True)
    assert bad.returncode == 1 and "ویرایش شده" in bad.stderr


def test_grade_history(trail):
    db, _ = trail
    sheet = khordad_sheet(db)
    sid = read_sheet(db, sheet).rows[0].student_id
    history = audit.grade_history(db, sheet, sid, "f2")
    assert [h.new for h in history][-6:] == ["10", "11", "12", "13", "14", "15"]
    assert history[-1].old == "14" and history[-1].actor == "office"


def test_sheet_ids_exist(demo_db):
    with demo_db.unit() as s:
        assert s.scalar(select(func.count()).select_from(GradeSheet)) == 666
    assert PRINCIPAL_ACTOR.role is Role.PRINCIPAL
