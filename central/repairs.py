"""Grade repair on the central server (seed 000; the rule in ``desktop.domain.repair``).

An adult school sends its repair-exam sheets like any other (``exam_only`` sheets: the
final exam alone, component f2, or sf in Shahrivar) and the district and the province
approve them through the same steps.  When the province approves one, each graduate's
exam grade is compared, by the grading policy's repair rule, with the final-exam grade
of the same course in their record (the newest province-approved sheet of another,
ordinary sheet).  Where the rule says so:

* the record's row takes the new grade (the central copy, which confirmations and the
  public page read), and the old one is kept in ``repair`` (the history, every
  comparison, replaced or not);
* the graduate's live certificates and confirmations are revoked with the reason, so
  every verifier hears of it, and the school that holds the record gets the new grade
  in its feed (``repair``), applies it with its own history, and prints the documents
  again with new codes from the recomputed record.

A repair that would not replace (lower or equal by the default rule, or absent)
changes nothing but its history row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, insert, select, update

from desktop.domain.grading import DEFAULT_POLICY, format_grade, parse_stored
from desktop.domain.verification import DocumentKind
from desktop.domain.workflow import SheetState

from . import schema as t
from .core import Core

# What a repair takes back: the certificates (their confirmations go with them; the
# session's report cards stand as what they said then).
REVOKED_KINDS = (int(DocumentKind.TEMPORARY), int(DocumentKind.ORIGINAL))


def apply(central: Core, conn: Connection, sheet_id: int, now: dt.datetime) -> None:
    """Apply a province-approved repair sheet (inside the decision's transaction)."""
    sh = t.sheet.c
    repair_sheet = conn.execute(select(sh.school_code, sh.course_code, sh.course_name)
                                .where(sh.id == sheet_id)).one()
    school_name = conn.execute(select(t.school.c.name).where(
        t.school.c.code == repair_sheet[0])).scalar()
    rows = conn.execute(select(t.grade_row.c.student, t.grade_row.c.component,
                               t.grade_row.c.value)
                        .where(t.grade_row.c.sheet_id == sheet_id)
                        .order_by(t.grade_row.c.student)).all()
    records = _record_rows(conn, [r[0] for r in rows], repair_sheet[1])
    history, replaced_of = [], {}
    for identity, _component, value in rows:
        record = records.get(identity)
        if record is None:          # registration checked the record; it cannot vanish
            continue
        record_sheet, school_code, local_id, component, old = record
        repaired, stored = parse_stored(value), parse_stored(old)
        replaced = DEFAULT_POLICY.repair.replaces_cell(stored, repaired)
        history.append({"identity": identity, "course_code": repair_sheet[1],
                        "record_sheet_id": record_sheet, "component": component,
                        "old_value": old, "new_value": value, "replaced": replaced,
                        "repair_sheet_id": sheet_id, "applied_at": now})
        if not replaced:
            continue
        reason = (f"ترمیم نمرۀ «{repair_sheet[2]}» از {format_grade(stored)} به "
                  f"{format_grade(repaired)} در {school_name} ({repair_sheet[0]})")
        replaced_of[identity] = reason
        conn.execute(update(t.grade_row).where(
            t.grade_row.c.sheet_id == record_sheet, t.grade_row.c.student == identity,
            t.grade_row.c.component == component).values(value=value))
        central.feed(conn, school_code, "repair", {
            "sheet": local_id, "student": identity, "component": component, "old": old,
            "new": value, "reason": reason})
    if history:
        conn.execute(insert(t.repair), history)
    for code, holder, identity in conn.execute(
            select(t.document.c.code, t.document.c.school_code, t.document.c.identity)
            .where(t.document.c.identity.in_(list(replaced_of)),
                   t.document.c.kind.in_(REVOKED_KINDS),
                   t.document.c.revoked_at.is_(None))).all():
        central.revoke_in(conn, holder, code, replaced_of[identity], now)


def _record_rows(conn: Connection, identities: list[str], course_code: str
                 ) -> dict[str, tuple[int, str, int, str, str]]:
    """Each graduate's final-exam row of the course in their record: (sheet id, school,
    the school's sheet id, component, value) of the newest province-approved ordinary
    sheet (a Shahrivar re-sit after the Khordad exam), in one query."""
    sh, g = t.sheet.c, t.grade_row.c
    rows = conn.execute(
        select(g.student, sh.id, sh.school_code, sh.local_id, g.component, g.value)
        .join(t.grade_row, g.sheet_id == sh.id)
        .where(g.student.in_(identities), sh.course_code == course_code,
               sh.exam_only.is_(False), sh.state == SheetState.PROVINCE_APPROVED.value,
               g.component.in_(("f2", "sf")))
        .order_by(g.student, sh.year.desc(), sh.session.desc())).all()
    out: dict[str, tuple[int, str, int, str, str]] = {}
    for student, *record in rows:
        out.setdefault(student, tuple(record))   # type: ignore[arg-type]
    return out


def history(conn: Connection, identity: str) -> list[dict[str, Any]]:
    """Every repair compared for a person, oldest first."""
    r = t.repair.c
    return [{"course": row[0], "old": row[1], "new": row[2], "replaced": row[3],
             "at": row[4].isoformat()}
            for row in conn.execute(select(r.course_code, r.old_value, r.new_value,
                                           r.replaced, r.applied_at)
                                    .where(r.identity == identity).order_by(r.id))]
