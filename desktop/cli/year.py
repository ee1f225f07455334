"""``daftar year`` and ``daftar transfer``: the year's end and transfers between schools
from the command line, through the same services as
the window's (``services.year_end``, ``services.next_year``,
``services.transfers``).

  daftar year show [--year Y]        how far the year is closed; every student's outcome
  daftar year close [--year Y]       after Khordad: the outcomes (refused, naming what is
                                     missing, while a Khordad sheet is not approved)
  daftar year resits [--year Y]      after Shahrivar: the re-sitters' outcomes
  daftar year reopen [--year Y]      undo the closing (and the next year, if it has no grade)
  daftar year plan [--year Y]        the next year's classes as proposed
  daftar year open [--year Y] [--rename "دهم ریاضی 1=یازدهم الف"]...   open the next year

  daftar transfer out --student CODE --to SCHOOL [--on DATE] [--reason T] [--slip F.pdf]
  daftar transfer find --student CODE          the centre's record of one coming here
  daftar transfer in --student CODE --class NAME [--on DATE]   enrol them here
  daftar transfer list                          every transfer, out and in

``--year`` is the school year closed (its opening Jalali year); the latest by default.
Changes are the principal's, signed in (``--user``; the password from DAFTAR_PASSWORD or
typed).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from ..domain.errors import ValidationError
from .common import Output, open_db, signed_in


def _show(db: Any, year: int, out: Output) -> None:
    from ..domain.calendar import school_year_label
    from ..domain.grading import format_grade
    from ..services.year_end import year_state

    state = year_state(db, year)
    stage = state.stage.label_fa if state.stage else "باز"
    out.line(f"سال تحصیلی {school_year_label(year)}: {stage}",
             f"School year {school_year_label(year, False)}: "
             f"{state.stage.value if state.stage else 'open'}")
    for o in state.outcomes:
        average = format_grade(o.average, persian=False) if o.average is not None else "-"
        courses = "، ".join(o.courses)
        print("\t".join([o.identity, out.num(o.name), out.num(o.class_name),
                         out.text(o.outcome.label_fa, o.outcome.value), out.num(average),
                         out.num(courses)]), file=out.stream)


def _plan_lines(plan: list[Any], out: Output) -> None:
    for p in plan:
        up = out.num(p.promote_to) if p.promote_to else out.text(f"— ({p.note})", "-")
        stay = out.num(p.repeat_to) if p.repeat_to else "—"
        out.line(f"«{out.num(p.source_name)}»: {out.num(p.promoted)} ارتقا → {up}؛ "
                 f"{out.num(p.repeating)} تکرار پایه → {stay}",
                 f"{p.source_name}: {p.promoted} promoted -> {p.promote_to or '-'}; "
                 f"{p.repeating} repeating -> {p.repeat_to or '-'}")


def _renamed(plan: list[Any], pairs: list[str]) -> list[Any]:
    """«old=new»: the proposed class «old» (where the promoted or the repeating go) is
    named «new» instead; two given one name are merged."""
    from ..domain.text import search_key

    out = list(plan)
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not new.strip():
            raise ValidationError("name.empty", field="نام تازهٔ کلاس")
        key, hit = search_key(old), False
        for i, p in enumerate(out):
            if p.promote_to and search_key(p.promote_to) == key:
                out[i] = p = replace(p, promote_to=new.strip())
                hit = True
            if p.repeat_to and search_key(p.repeat_to) == key:
                out[i] = replace(p, repeat_to=new.strip())
                hit = True
        if not hit:
            raise ValidationError("year.plan_class", value=old.strip())
    return out


def cmd_year(args: argparse.Namespace, out: Output) -> int:
    from ..domain.calendar import school_year_label
    from ..services import next_year, year_end
    from ..services.school import current_year

    db = open_db(args)
    year = args.year or current_year(db)
    if args.action == "show":
        _show(db, year, out)
        return 0
    if args.action == "plan":
        _plan_lines(next_year.propose(db, year), out)
        return 0
    actor = signed_in(args, db)
    if args.action == "close":
        state = year_end.close_year(db, actor, year)
        out.line(f"سال بسته شد: {state.stage.label_fa if state.stage else ''}",
                 "The year was closed.")
    elif args.action == "resits":
        year_end.settle_resits(db, actor, year)
        out.line("نتیجهٔ شهریور ثبت شد.", "The Shahrivar results were settled.")
    elif args.action == "reopen":
        year_end.reopen_year(db, actor, year)
        out.line(f"بستن سال {school_year_label(year)} برگردانده شد.",
                 "The closing was undone.")
        return 0
    elif args.action == "open":
        plan = _renamed(next_year.propose(db, year), args.rename or [])
        done = next_year.open_next_year(db, actor, year, plan)
        out.line(f"سال تحصیلی {school_year_label(done.year)} گشوده شد: "
                 f"{out.num(len(done.classes))} کلاس، {out.num(done.promoted)} ارتقا، "
                 f"{out.num(done.repeating)} تکرار پایه، {out.num(done.teaching)} درس با "
                 "معلمش.",
                 f"School year {school_year_label(done.year, False)} opened: "
                 f"{len(done.classes)} classes, {done.promoted} promoted, {done.repeating} "
                 f"repeating, {done.teaching} courses with their teacher.")
        for line in done.not_placed:
            out.line(f"جای داده نشد: {out.num(line)}", f"not placed: {line}")
        return 0
    _show(db, year, out)
    return 0


def add_parsers(sub: Any) -> None:
    s = sub.add_parser("year", help="close the school year (outcomes, Shahrivar re-sits), "
                       "undo it, and open the next one")
    s.add_argument("action", choices=["show", "close", "resits", "reopen", "plan", "open"])
    s.add_argument("--year", type=int, help="the school year closed (e.g. 1405); the latest "
                   "by default")
    s.add_argument("--rename", action="append", metavar="OLD=NEW",
                   help="the next year's class for OLD named NEW (twice the same NEW merges)")
    s.add_argument("--user", default="principal")
    s.set_defaults(func=cmd_year)
    add_transfer_parser(sub)


def cmd_transfer(args: argparse.Namespace, out: Output) -> int:
    from ..domain.calendar import format_jalali, parse_jalali
    from ..services import transfers
    from ..services.school import current_year, find_class
    from ..services.students import find_student

    db = open_db(args)
    if args.action == "out":
        student = find_student(db, args.student or "")
        actor = signed_in(args, db)
        done = transfers.transfer_out(db, actor, student.id, args.to or "",
                                      parse_jalali(args.on) if args.on else None, args.reason)
        out.line(f"انتقال {done.name} به مدرسهٔ {out.num(done.other_school)} ثبت شد؛ شمارهٔ "
                 f"برگهٔ انتقال: {out.num(done.slip)}",
                 f"Transfer of {done.name} to school {done.other_school} recorded; slip "
                 f"{done.slip}.")
        if args.slip:
            from pathlib import Path

            pages = transfers.print_slip(db, done.id, Path(args.slip), actor)
            out.line(f"برگهٔ انتقال در {args.slip} نوشته شد ({out.num(pages)} صفحه).",
                     f"The slip was written to {args.slip} ({pages} pages).")
    elif args.action in ("find", "in"):
        from ..services.arrivals import find_incoming

        incoming = find_incoming(db, args.student or "")
        out.line(f"{incoming.name}، از «{incoming.from_name}» ({out.num(incoming.from_school)})، "
                 f"برگهٔ {out.num(incoming.slip)}، رفته در {format_jalali(incoming.left_on)}؛ "
                 f"{out.num(len(incoming.grades))} نمره در سرور مرکزی",
                 f"{incoming.name}, from {incoming.from_school}, slip {incoming.slip}; "
                 f"{len(incoming.grades)} grades at the centre")
        for g in incoming.grades:
            print("\t".join(out.num(str(g[k])) for k in ("year", "session", "course",
                                                           "component", "value", "state")),
                  file=out.stream)
        if args.action == "in":
            klass = find_class(db, args.klass or "", current_year(db))
            actor = signed_in(args, db)
            transfers.transfer_in(db, actor, incoming, klass.id,
                                  parse_jalali(args.on) if args.on else None)
            out.line(f"{incoming.name} در کلاس «{out.num(klass.name)}» ثبت‌نام شد.",
                     f"{incoming.name} enrolled in {klass.name}.")
        return 0
    for t in transfers.list_transfers(db):
        way = out.text("به" if t.direction == "out" else "از", t.direction)
        print("\t".join([out.num(t.slip), t.identity, t.name, f"{way} {out.num(t.other_school)}",
                         format_jalali(t.day, out.lang != "en"), t.state_fa]), file=out.stream)
    return 0


def add_transfer_parser(sub: Any) -> None:
    s = sub.add_parser("transfer", help="a student to or from another school, through the "
                       "central server: out, find, in, list")
    s.add_argument("action", choices=["out", "find", "in", "list"])
    s.add_argument("--student", help="national code or foreign id")
    s.add_argument("--to", help="out: the 8-digit code of the school they go to")
    s.add_argument("--class", dest="klass", help="in: the class they join")
    s.add_argument("--on", help="the day (Jalali); today if not given")
    s.add_argument("--reason", help="out: why (kept in the audit trail)")
    s.add_argument("--slip", help="out: write the transfer slip (PDF) to this file")
    s.add_argument("--user", default="principal")
    s.set_defaults(func=cmd_transfer)
