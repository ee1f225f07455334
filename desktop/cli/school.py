"""The school's own commands: ``init``, ``users``, ``demo``, ``audit``, ``classes``,
``students``, ``grades``, ``lists``, ``print``, ``card-parts``, ``verify`` and ``void``."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path
from typing import Any

from ..domain.calendar import SessionKind, format_jalali
from ..domain.errors import DaftarError
from ..domain.grading import Stage
from .common import Output, ask_password, open_csv, open_db, open_seal, signed_in


def cmd_init(args: argparse.Namespace, out: Output) -> int:
    from ..domain.identity import normalize_school_code
    from ..domain.workflow import Role
    from ..services.auth import MIN_PASSWORD, create_user
    from ..services.context import PRINCIPAL_ACTOR
    from ..services.school import create_school

    normalize_school_code(args.code)  # a wrong code is said before a password is asked
    password = ask_password("گذرواژه مدیر / principal's password: ")
    if len(password) < MIN_PASSWORD:  # checked before anything is created
        raise DaftarError("auth.password_short", length=MIN_PASSWORD)
    db = open_db(args)
    info = create_school(db, args.code, args.name, args.district, args.province,
                         [Stage(s) for s in args.stages.split(",")], year=args.year)
    create_user(db, args.principal, args.principal_name, Role.PRINCIPAL, password,
                PRINCIPAL_ACTOR, first=True)
    out.line(f"مدرسه «{info.name}» با کد {out.num(info.code)} و حساب مدیر «{args.principal}» "
             f"ساخته شد: {db.url}",
             f"School '{info.name}' ({info.code}) and principal '{args.principal}' created: "
             f"{db.url}")
    return 0


def cmd_audit(args: argparse.Namespace, out: Output) -> int:
    from ..services.audit import verify

    verdict = verify(open_db(args))
    if verdict.ok:
        out.line(f"زنجیره رویدادها سالم است: {out.num(verdict.checked)} رویداد بررسی شد.",
                 f"The audit trail is intact: {verdict.checked} events checked.")
        return 0
    print(("error: " if out.lang == "en" else "خطا: ") + verdict.error().message(out.lang),
          file=sys.stderr)
    return 1


def cmd_users(args: argparse.Namespace, out: Output) -> int:
    from ..domain.workflow import Role
    from ..services.auth import create_user, list_users

    db = open_db(args)
    if args.add:
        actor = signed_in(args, db)
        import os

        password = os.environ.get("DAFTAR_NEW_PASSWORD") or ask_password(f"{args.add}: ")
        create_user(db, args.add, args.name or args.add, Role(args.role), password, actor)
    for u in list_users(db):
        print(f"{u.username}\t{u.display_name}\t"
              f"{u.role.value if out.lang == 'en' else u.role.label_fa}", file=out.stream)
    return 0


def cmd_demo(args: argparse.Namespace, out: Output) -> int:
    from ..services.demo import build_demo

    started = time.perf_counter()
    db = open_db(args)
    summary = build_demo(db, students=args.students, seed=args.seed, year=args.year)
    took = time.perf_counter() - started
    out.line(
        f"مدرسه نمونه «{summary.school}» سال تحصیلی {out.num(summary.year)} ساخته شد: "
        f"{out.num(summary.students)} دانش‌آموز، {out.num(summary.classes)} کلاس، "
        f"{out.num(summary.grades)} نمره در {out.num(f'{took:.2f}')} ثانیه.\n{db.url}",
        f"Demo school '{summary.school}' ({summary.year}): {summary.students} students, "
        f"{summary.classes} classes, {summary.grades} grades in {took:.2f} s.\n{db.url}",
    )
    return 0


def cmd_classes(args: argparse.Namespace, out: Output) -> int:
    from ..services.school import list_classes

    rows = [[str(c.id), c.name, str(c.grade_level), c.field_name or "—", str(c.students)]
            for c in list_classes(open_db(args), args.year)]
    out.table("classes", rows)
    return 0




def cmd_students(args: argparse.Namespace, out: Output) -> int:
    from ..services.school import current_year, find_class
    from ..services.students import search_students

    db = open_db(args)
    year = args.year or current_year(db)
    class_id = find_class(db, args.klass, year).id if args.klass else None
    found = search_students(db, args.search or "", class_id=class_id, year=year)
    if args.csv:
        stream, close = open_csv(args.csv)
        try:
            w = csv.writer(stream)
            w.writerow(["national_code", "foreign_id_type", "foreign_id_value", "last_name",
                        "first_name", "father_name", "gender", "birth_date", "birth_place",
                        "birth_cert_serial", "record_code", "class"])
            for st in found:
                w.writerow([st.national_code or "", st.foreign_id_type or "",
                            st.foreign_id_value or "", st.last_name, st.first_name,
                            st.father_name, st.gender, format_jalali(st.birth_date, False),
                            st.birth_place, st.birth_cert_serial or "", st.record_code or "",
                            st.class_name or ""])
        finally:
            if close:
                stream.close()
        return 0
    out.table("students", [[st.identity, st.last_name, st.first_name, st.father_name,
                            format_jalali(st.birth_date, False), st.class_name or "—"]
                           for st in found])
    out.line(f"{out.num(len(found))} دانش‌آموز", f"{len(found)} students")
    return 0


def cmd_grades(args: argparse.Namespace, out: Output) -> int:
    from ..domain.grading import format_grade
    from ..services.class_grades import class_grades, write_csv
    from ..services.school import current_year, find_class, find_course

    db = open_db(args)
    year = args.year or current_year(db)
    klass = find_class(db, args.klass, year)
    course_id = find_course(db, args.course, klass.id).id if args.course else None
    session = SessionKind(args.session) if args.session else None
    rows = class_grades(db, klass.id, session, course_id)
    if args.csv:
        stream, close = open_csv(args.csv)
        try:
            write_csv(rows, stream)
        finally:
            if close:
                stream.close()
        return 0
    out.table("grades", [[r.national_code or r.foreign_id or "", r.last_name, r.first_name,
                          r.course_name,
                          r.session.label_fa if out.lang != "en" else r.session.value,
                          r.component, format_grade(r.entry, persian=False)] for r in rows])
    return 0


def cmd_lists(args: argparse.Namespace, out: Output) -> int:
    from ..services.context import DEFAULT_ACTOR
    from ..services.grades import open_sheet
    from ..services.lists import grade_sheet_pdf, graduates_pdf
    from ..services.school import current_year, find_class, find_course

    db = open_db(args)
    year = args.year or current_year(db)
    target = Path(args.out)
    if args.kind == "graduates":
        pages = graduates_pdf(db, year, target, DEFAULT_ACTOR)
    else:
        if not (args.klass and args.course):
            raise DaftarError("name.empty", field="--class / --course")
        klass = find_class(db, args.klass, year)
        course = find_course(db, args.course, klass.id)
        sheet = open_sheet(db, klass.id, course.id, SessionKind(args.session))
        pages = grade_sheet_pdf(db, sheet, target, DEFAULT_ACTOR)
    out.line(f"{out.num(pages)} صفحه در {target}", f"{pages} pages in {target}")
    return 0


def cmd_print(args: argparse.Namespace, out: Output) -> int:
    from ..domain.verification import DocumentKind
    from ..services.certificates import issue
    from ..services.school import current_year, find_class

    db = open_db(args)
    actor = signed_in(args, db)
    open_seal(db)
    year = args.year or current_year(db)
    klass = find_class(db, args.klass, year)
    kind = DocumentKind[args.kind.upper()]
    started = time.perf_counter()
    skipped: list[str] = []
    issued = issue(db, [klass.id], kind, SessionKind(args.session), actor, Path(args.out),
                   Path(args.split) if args.split else None, reason=args.reason,
                   skipped=skipped)
    took = time.perf_counter() - started
    if skipped:
        out.line(f"بدون گواهی (شرایط دانش‌آموختگی را ندارند): {'، '.join(skipped)}",
                 f"left out (no diploma): {', '.join(skipped)}")
    reprints = sum(1 for i in issued if i.reprint)
    out.line(f"{out.num(len(issued))} سند ({out.num(reprints)} چاپ دوباره) در "
             f"{out.num(f'{took:.1f}')} ثانیه: {args.split or args.out}",
             f"{len(issued)} documents ({reprints} reprints) in {took:.1f} s: "
             f"{args.split or args.out}")
    return 0


def cmd_card_parts(args: argparse.Namespace, out: Output) -> int:
    from ..services.certificates import OPTIONAL_PARTS, document_parts, set_document_parts

    db = open_db(args)
    if args.parts is not None:
        chosen = [p.strip() for p in args.parts.split(",") if p.strip()]
        set_document_parts(db, chosen, signed_in(args, db))
    parts = document_parts(db)
    for p in OPTIONAL_PARTS:
        out.line(f"{p}\t{'بله' if p in parts else 'نه'}", f"{p}\t{'on' if p in parts else 'off'}")
    return 0


def cmd_verify(args: argparse.Namespace, out: Output) -> int:
    """Exit 0 genuine, 1 anything else (forged, altered, revoked, unknown)."""
    from ..services.verification import GENUINE, verify_pdf, verify_typed

    db = open_db(args)
    target = args.input
    if target.lower().endswith(".pdf") and Path(target).exists():
        verdicts = verify_pdf(db, Path(target))
    else:   # a QR's text or a code
        verdicts = [verify_typed(db, target)]
    for i, v in enumerate(verdicts, start=1):
        prefix = f"{out.num(i)}. " if len(verdicts) > 1 else ""
        out.line(f"{prefix}{v.label}: " + " ".join(v.reasons),
                 f"{prefix}{v.status}: " + " ".join(v.reasons))
    return 0 if all(v.status == GENUINE for v in verdicts) else 1


def cmd_void(args: argparse.Namespace, out: Output) -> int:
    from ..services.certificates import void

    db = open_db(args)
    void(db, args.code, args.reason, signed_in(args, db))
    out.line("سند باطل شد.", "The document was voided.")
    return 0


def add_parsers(sub: Any) -> None:
    s = sub.add_parser("init", help="create the school in a new database")
    s.add_argument("--code", required=True, help="8-digit school code")
    s.add_argument("--name", required=True)
    s.add_argument("--district", required=True)
    s.add_argument("--province", required=True)
    s.add_argument("--stages", default="upper_secondary",
                   help="comma-separated: primary,lower_secondary,upper_secondary")
    s.add_argument("--year", type=int, help="school year (Jalali year of 1 Mehr)")

    s.add_argument("--principal", default="principal", help="the principal's username")
    s.add_argument("--principal-name", default="مدیر مدرسه")
    s.set_defaults(func=cmd_init)

    s = sub.add_parser("audit", help="verify the audit trail (exit 1 if tampered with)")
    s.add_argument("action", choices=["verify"])
    s.set_defaults(func=cmd_audit)

    s = sub.add_parser("users", help="list users; --add a user (signed in as principal)")
    s.add_argument("--add", metavar="USERNAME")
    s.add_argument("--name")
    s.add_argument("--role", choices=["teacher", "clerk", "deputy", "principal"],
                   default="teacher")
    s.add_argument("--user", default="principal", help="who signs in (password from "
                   "DAFTAR_PASSWORD or typed); the new user's from DAFTAR_NEW_PASSWORD")
    s.set_defaults(func=cmd_users)

    s = sub.add_parser("lists", help="print a grade sheet or the graduates' list to PDF")
    s.add_argument("kind", choices=["grades", "graduates"])
    s.add_argument("--class", dest="klass")
    s.add_argument("--course")
    s.add_argument("--session", choices=[k.value for k in SessionKind], default="KHORDAD")
    s.add_argument("--year", type=int)
    s.add_argument("--out", required=True, metavar="FILE.pdf")
    s.set_defaults(func=cmd_lists)

    s = sub.add_parser("print", help="issue and print report cards or certificates to PDF")
    s.add_argument("--kind", required=True, choices=["report_card", "temporary", "original"])
    s.add_argument("--class", dest="klass", required=True)
    s.add_argument("--session", choices=[k.value for k in SessionKind], default="KHORDAD")
    s.add_argument("--year", type=int)
    s.add_argument("--out", default="documents.pdf", metavar="FILE.pdf")
    s.add_argument("--split", metavar="DIR", help="one PDF per document in DIR")
    s.add_argument("--reason", help="why, when documents are printed again")
    s.add_argument("--user", default="clerk", help="who prints (password from DAFTAR_PASSWORD)")
    s.set_defaults(func=cmd_print)

    s = sub.add_parser("card-parts", help="the optional parts of report cards: rank, remark, "
                       "attendance (show; --set as principal)")
    s.add_argument("--set", dest="parts", metavar="PART,PART", help='e.g. "rank,remark"; "" '
                   "for none")
    s.add_argument("--user", default="principal")
    s.set_defaults(func=cmd_card_parts)

    s = sub.add_parser("verify", help="check a QR text, a PDF Daftar wrote, or a 20-digit code")
    s.add_argument("input")
    s.set_defaults(func=cmd_verify)

    s = sub.add_parser("void", help="void a printed document (principal)")
    s.add_argument("code")
    s.add_argument("--reason", required=True)
    s.add_argument("--user", default="principal")
    s.set_defaults(func=cmd_void)


    s = sub.add_parser("demo", help="fill an empty database with the demo school")
    s.add_argument("--students", type=int, default=1000)
    s.add_argument("--seed", type=int, default=1405)
    s.add_argument("--year", type=int)
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("classes", help="list classes")
    s.add_argument("--year", type=int)
    s.set_defaults(func=cmd_classes)

    s = sub.add_parser("students", help="list or search students")
    s.add_argument("--class", dest="klass")
    s.add_argument("--search")
    s.add_argument("--year", type=int)
    s.add_argument("--csv", metavar="FILE", help="write CSV to FILE ('-' for standard output)")
    s.set_defaults(func=cmd_students)

    s = sub.add_parser("grades", help="list or export a class's grades")
    s.add_argument("--class", dest="klass", required=True)
    s.add_argument("--course")
    s.add_argument("--session", choices=[k.value for k in SessionKind])
    s.add_argument("--year", type=int)
    s.add_argument("--csv", metavar="FILE", help="write CSV to FILE ('-' for standard output)")
    s.set_defaults(func=cmd_grades)
