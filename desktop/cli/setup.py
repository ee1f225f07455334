"""``daftar curriculum``, ``daftar setup``, ``daftar teaching`` and ``daftar student``: a
school year set up from the command line, through the same services as the window's Setup
page (``services.setup``, ``services.enrollment``).

  daftar curriculum [--grade N [--track T]] [--year Y]     the official course tables
  daftar setup show                                        grades and tracks opened, classes
  daftar setup open --grade 10 --track math                a grade's courses from the curriculum
  daftar setup classes --grade 10 --track math --count 2   «دهم ریاضی ۱», «دهم ریاضی ۲»
  daftar setup classes --grade 7 --names "هفتم الف,هفتم ب"
  daftar setup remove-class --class NAME
  daftar setup course --grade 10 --track math --name N --units 1   a local course
  daftar setup remove-course --course CODE
  daftar teaching --class NAME [--course C --teacher USERNAME | --course C --none]
  daftar student move --student CODE --class NAME [--on 1405/08/10]   to a class of the year
  daftar student leave --student CODE [--on DATE] [--reason TEXT]      left the school
  daftar student history --student CODE                               their classes

Changes are signed in (``--user``, principal by default; the password from DAFTAR_PASSWORD
or typed).
"""

from __future__ import annotations

import argparse
from typing import Any

from ..domain.errors import DaftarError
from ..domain.structure import FIELDS
from .common import Output, open_db, signed_in

TRACKS = sorted(FIELDS)


def _yes(out: Output, flag: bool) -> str:
    return out.text("بله" if flag else "—", "yes" if flag else "-")


def cmd_curriculum(args: argparse.Namespace, out: Output) -> int:
    from ..domain.calendar import DEFAULT_CALENDAR, today_tehran
    from ..domain.curriculum import curriculum_for, track_name
    from ..domain.structure import GRADE_LEVEL_NAMES

    curriculum = curriculum_for(args.year or DEFAULT_CALENDAR.school_year_of(today_tehran()))
    out.line(f"برنامهٔ درسی نسخهٔ {out.num(curriculum.version)} (از سال "
             f"{out.num(curriculum.from_year)}): {curriculum.title}",
             f"Curriculum version {curriculum.version} (from {curriculum.from_year})")
    wanted = [(g, t) for g, t in curriculum.offered()
              if args.grade in (None, g) and args.track in (None, t)]
    if args.grade is not None and args.track:
        curriculum.check_track(args.grade, args.track)  # a track the grade has not: said
    for grade, track in wanted:
        title = GRADE_LEVEL_NAMES[grade] + (f" — {track_name(track)}" if track else "")
        out.line(f"\n{title}", f"\ngrade {grade}" + (f" {track}" if track else ""))
        print("\t".join(out.text("کد درس,نام,واحد,امتحان نهایی,منبع,اطمینان", "code,name,units,"
                                 "national,source,confidence").split(",")), file=out.stream)
        for spec in curriculum.courses(grade, track):
            print("\t".join([spec.code(grade, track), out.num(spec.name), out.num(spec.units),
                             _yes(out, spec.national_exam), spec.source, spec.confidence]),
                  file=out.stream)
    for source in curriculum.sources.values():
        out.line(f"\n[{source.key}] ({source.confidence}) {source.title} — {source.where}",
                 f"\n[{source.key}] ({source.confidence}) {source.title} — {source.where}")
    return 0


def _show(db: Any, out: Output) -> None:
    from ..services.school import current_year, list_classes
    from ..services.setup import programmes

    classes = list_classes(db, current_year(db))
    for p in programmes(db):
        names = [c.name for c in classes if (c.grade_level, c.field_code) == (p.grade, p.track)]
        out.line(f"{p.title}: {out.num(p.courses)} درس ({out.num(p.local)} محلی)، "
                 f"{out.num(p.classes)} کلاس: {out.num('، '.join(names)) or '—'}",
                 f"grade {p.grade} {p.track or ''}: {p.courses} courses ({p.local} local), "
                 f"{p.classes} classes: {', '.join(names) or '-'}")


def cmd_setup(args: argparse.Namespace, out: Output) -> int:
    from ..services import setup
    from ..services.school import find_class, find_course

    db = open_db(args)
    if args.action == "show":
        _show(db, out)
        return 0
    if args.action in ("open", "classes", "course") and args.grade is None:
        raise DaftarError("setup.grade", value="—")
    actor = signed_in(args, db)
    if args.action == "open":
        courses = setup.open_grade(db, actor, args.grade, args.track)
        out.line(f"پایه گشوده شد: {out.num(len(courses))} درس.",
                 f"Grade opened: {len(courses)} courses.")
    elif args.action == "classes":
        names = [n for n in (args.names or "").split(",") if n.strip()] or None
        made = setup.make_classes(db, actor, args.grade, args.track, names=names,
                                  count=args.count)
        out.line("کلاس‌ها ساخته شد: " + "، ".join(out.num(c.name) for c in made),
                 "Classes made: " + ", ".join(c.name for c in made))
    elif args.action == "remove-class":
        setup.remove_class(db, actor, find_class(db, args.klass).id)
        out.line("کلاس برداشته شد.", "The class was removed.")
    elif args.action == "course":
        course = setup.add_local_course(db, actor, args.grade, args.track, args.name or "",
                                        args.units, has_final=not args.no_final)
        out.line(f"درس محلی «{out.num(course.name)}» با کد {course.code} افزوده شد.",
                 f"Local course '{course.name}' ({course.code}) added.")
    elif args.action == "remove-course":
        setup.remove_course(db, actor, find_course(db, args.course or "").id)
        out.line("درس برداشته شد.", "The course was removed.")
    return 0


def cmd_teaching(args: argparse.Namespace, out: Output) -> int:
    from ..services import setup
    from ..services.auth import assign_course
    from ..services.school import find_class, find_course

    db = open_db(args)
    klass = find_class(db, args.klass)
    if args.course:
        course = find_course(db, args.course, klass.id)
        actor = signed_in(args, db)
        if args.none:
            setup.unassign(db, actor, klass.id, course.id)
        elif args.teacher:
            assign_course(db, setup.teacher_id(db, args.teacher), klass.id, course.id, actor)
    for row in setup.teaching(db, klass.id):
        print(f"{row.course.code}\t{out.num(row.course.name)}\t{row.teacher or '—'}",
              file=out.stream)
    return 0


def cmd_student(args: argparse.Namespace, out: Output) -> int:
    from ..domain.calendar import format_jalali, parse_jalali, school_year_label
    from ..services import enrollment
    from ..services.school import current_year, find_class
    from ..services.students import find_student

    db = open_db(args)
    student = find_student(db, args.student)
    on = parse_jalali(args.on) if args.on else None
    if args.action == "move":
        if not args.klass:
            raise DaftarError("not_found", what="کلاس", value="—")
        actor = signed_in(args, db)
        klass = find_class(db, args.klass, current_year(db))
        enrollment.move_student(db, actor, student.id, klass.id, on)
        out.line(f"{student.first_name} {student.last_name} به کلاس «{out.num(klass.name)}» "
                 "منتقل شد.", f"Moved to {klass.name}.")
    elif args.action == "leave":
        actor = signed_in(args, db)
        enrollment.mark_left(db, actor, student.id, current_year(db), on, args.reason)
        out.line(f"رفتن {student.first_name} {student.last_name} از مدرسه ثبت شد.",
                 "The student's leaving was recorded.")
    for stay in enrollment.history(db, student.id):
        fa, en = (format_jalali(stay.left_on), format_jalali(stay.left_on, False)) \
            if stay.left_on else ("—", "-")
        out.line(f"{school_year_label(stay.school_year)}\t{out.num(stay.class_name)}\t"
                 f"{format_jalali(stay.enrolled_on)}\t{fa}",
                 f"{school_year_label(stay.school_year, False)}\t{stay.class_name}\t"
                 f"{format_jalali(stay.enrolled_on, False)}\t{en}")
    return 0


def add_parsers(sub: Any) -> None:
    s = sub.add_parser("curriculum", help="the official course tables per grade and track, "
                       "with their sources")
    s.add_argument("--grade", type=int)
    s.add_argument("--track", choices=TRACKS)
    s.add_argument("--year", type=int, help="school year (the version in force then)")
    s.set_defaults(func=cmd_curriculum)

    s = sub.add_parser("setup", help="set up the school year: open grades and tracks, make "
                       "classes, local courses")
    s.add_argument("action", choices=["show", "open", "classes", "remove-class", "course",
                                      "remove-course"])
    s.add_argument("--grade", type=int)
    s.add_argument("--track", choices=TRACKS)
    s.add_argument("--count", type=int, help="how many classes (named after the grade)")
    s.add_argument("--names", help="class names, comma-separated")
    s.add_argument("--class", dest="klass")
    s.add_argument("--course", help="a course's code or name")
    s.add_argument("--name", help="a local course's name")
    s.add_argument("--units", type=int, default=1)
    s.add_argument("--no-final", action="store_true", help="a local course with no final exam")
    s.add_argument("--user", default="principal", help="who signs in (password from "
                   "DAFTAR_PASSWORD or typed)")
    s.set_defaults(func=cmd_setup)

    s = sub.add_parser("teaching", help="who teaches what in a class; --course and --teacher "
                       "to assign")
    s.add_argument("--class", dest="klass", required=True)
    s.add_argument("--course")
    s.add_argument("--teacher", help="the teacher's username")
    s.add_argument("--none", action="store_true", help="take the course back from its teacher")
    s.add_argument("--user", default="principal")
    s.set_defaults(func=cmd_teaching)

    s = sub.add_parser("student", help="move a student to another class of the year, record "
                       "that they left the school, or show their classes")
    s.add_argument("action", choices=["move", "leave", "history"])
    s.add_argument("--student", required=True, help="national code or foreign id")
    s.add_argument("--class", dest="klass", help="the class moved to")
    s.add_argument("--on", help="the day (Jalali, e.g. 1405/08/10); today if not given")
    s.add_argument("--reason", help="why they left (kept in the audit trail)")
    s.add_argument("--user", default="principal")
    s.set_defaults(func=cmd_student)
