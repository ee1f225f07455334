"""``daftar confirm`` and ``daftar legacy``: what makes a document worth something
outside the school (academic confirmations; codes for diplomas from the archive).

  daftar confirm NATIONAL_CODE --serial SERIAL --out FILE.pdf
  daftar confirm ID --foreign student_code --birth 1385/04/12 --out FILE.pdf
  daftar legacy add --national ... --first ... --last ... --father ... --birth 1360/05/01
                    --serial ... --field ... --graduated 1378 --average 16.25
                    --ledger "دفتر ۲ صفحه ۴۵" [--user clerk]
  daftar legacy list
  daftar legacy print ID --out FILE.pdf
  daftar record-code NATIONAL_CODE [--out slip.pdf]   a student's 19-digit record code
  daftar review record NATIONAL_CODE --out FILE.pdf   the grade record to check (in the window)
  daftar review object NATIONAL_CODE --course C --session DEY --reason "..."
  daftar review list
  daftar repair register --record-code C NATIONAL_CODE --serial S --gender G --course A
  daftar repair list
  daftar repair exam [--session SHAHRIVAR]   the exam's sheets (entered and approved as any)
  daftar repair slip --id ID --out FILE.pdf          the course-selection slip
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..domain.identity import ForeignIdType
from .common import Output, open_db, signed_in


def cmd_confirm(args: argparse.Namespace, out: Output) -> int:
    from ..domain.verification import format_code
    from ..services.confirmations import request

    db = open_db(args)
    if args.foreign:
        kind, secret = args.foreign, args.birth
    else:
        kind, secret = "national", args.serial
    if not secret:
        out.line("سریال شناسنامه (--serial) یا برای اتباع تاریخ تولد (--birth) لازم است.",
                 "--serial (or --birth for a foreign student) is required.")
        return 2
    done = request(db, signed_in(args, db), kind, args.identity, secret, args.out)
    again = out.text(" (همان تأییدیۀ پیشین)", " (the one issued before)") if done.replay else ""
    out.line(f"تأییدیۀ تحصیلی با کد صحت {format_code(done.code)} در {done.path} ذخیره شد{again}.",
             f"Academic confirmation {done.code} saved to {done.path}{again}.")
    return 0


def cmd_legacy(args: argparse.Namespace, out: Output) -> int:
    from ..domain.verification import format_code
    from ..services import legacy

    db = open_db(args)
    if args.action == "add":
        identity = args.national or args.foreign_id
        if not identity:
            out.line("--national یا --foreign-type با --foreign-id لازم است.",
                     "--national, or --foreign-type with --foreign-id, is required.")
            return 2
        info = legacy.file(db, signed_in(args, db), identity, args.first, args.last,
                           args.father, args.birth, args.serial, args.field, args.graduated,
                           args.average, args.ledger,
                           foreign_type=args.foreign_type if not args.national else None)
        out.line(f"ردیف {out.num(info.id)} ثبت شد؛ با همگام‌سازی بعدی برای تأیید منطقه و استان "
                 "فرستاده می‌شود.",
                 f"Entry {info.id} filed; the next sync sends it for district and province "
                 "approval.")
    elif args.action == "list":
        for e in legacy.entries(db):
            code = format_code(e.code) if e.code else "—"
            reason = f" ({e.reason})" if e.reason else ""
            out.line(f"{out.num(e.id)}\t{e.name}\t{out.num(e.identity)}\t{out.num(e.graduated)}\t"
                     f"{e.field}\t{out.num(e.average)}\t{e.state.label_fa}{reason}\t{code}",
                     f"{e.id}\t{e.name}\t{e.identity}\t{e.graduated}\t{e.field}\t{e.average}\t"
                     f"{e.state.value}{reason}\t{e.code or '-'}")
    else:
        if args.out is None or args.id is None:
            out.line("شمارۀ ردیف و --out لازم است.", "An entry number and --out are required.")
            return 2
        code = legacy.render(db, args.id, args.out)
        out.line(f"برگۀ کد صحت {format_code(code)} در {args.out} ذخیره شد.",
                 f"The page of code {code} was saved to {args.out}.")
    return 0


def cmd_record_code(args: argparse.Namespace, out: Output) -> int:
    from ..domain.verification import format_code
    from ..services import record_codes

    db = open_db(args)
    code, before = record_codes.request(db, signed_in(args, db), args.student)
    again = out.text(" (پیش‌تر گرفته شده بود)", " (had it already)") if before else ""
    out.line(f"کد سابقۀ تحصیلی: {format_code(code)}{again}", f"record code: {code}{again}")
    if args.out:
        record_codes.slip(db, args.student, args.out)
        out.line(f"برگه در {args.out} ذخیره شد.", f"The slip was saved to {args.out}.")
    return 0


def cmd_review(args: argparse.Namespace, out: Output) -> int:
    from ..domain.calendar import SessionKind
    from ..services import review

    db = open_db(args)
    if args.action == "record":
        if not args.student or not args.out:
            out.line("کد ملی دانش‌آموز و --out لازم است.", "A student and --out are required.")
            return 2
        lines = review.grade_record(db, args.student, args.out)
        out.line(f"سوابق نمره‌ای ({out.num(lines)} ردیف) در {args.out} ذخیره شد.",
                 f"The grade record ({lines} lines) was saved to {args.out}.")
    elif args.action == "object":
        if not (args.student and args.course and args.session):
            out.line("دانش‌آموز، --course و --session لازم است.",
                     "A student, --course and --session are required.")
            return 2
        info = review.file_objection(db, signed_in(args, db), args.student, args.course,
                                     SessionKind(args.session), args.reason or "")
        out.line(f"اعتراض {out.num(info.id)} ثبت شد؛ با همگام‌سازی بعدی به منطقه می‌رود.",
                 f"Objection {info.id} filed; the next sync sends it to the district.")
    else:
        for o in review.objections(db):
            why = f" ({o.decided_reason})" if o.decided_reason else ""
            out.line(f"{out.num(o.id)}\t{o.student}\t{o.course}\t{o.session.label_fa}\t"
                     f"{o.state.label_fa}{why}",
                     f"{o.id}\t{o.student}\t{o.course}\t{o.session.value}\t{o.state.value}{why}")
    return 0


def cmd_repair(args: argparse.Namespace, out: Output) -> int:
    from ..services import repair

    db = open_db(args)
    if args.action == "register":
        if not (args.identity and args.record_code and args.course and args.gender):
            out.line("شناسه، --record-code، --gender و دست‌کم یک --course لازم است.",
                     "An identity, --record-code, --gender and at least one --course.")
            return 2
        kind, secret = (args.foreign, args.birth) if args.foreign else ("national", args.serial)
        reg = repair.register(db, signed_in(args, db), args.record_code, kind, args.identity,
                              secret or "", args.course, gender=args.gender)
        out.line(f"ثبت‌نام {out.num(reg.id)} با {out.num(len(reg.courses))} درس انجام شد.",
                 f"Registration {reg.id} with {len(reg.courses)} courses.")
    elif args.action == "exam":
        from ..domain.calendar import SessionKind

        for x in repair.prepare_exam(db, signed_in(args, db), SessionKind[args.session]):
            out.line(f"{out.num(x.sheet_id)}\t{x.class_name}\t{out.num(x.candidates)} داوطلب",
                     f"{x.sheet_id}\t{x.class_name}\t{x.candidates} candidates")
    elif args.action == "list":
        for r in repair.registrations(db):
            names = "، ".join(c.name for c in r.courses)
            out.line(f"{out.num(r.id)}\t{r.name}\t{out.num(r.record_code)}\t{names}",
                     f"{r.id}\t{r.name}\t{r.record_code}\t{names}")
    else:
        if args.id is None or not args.out:
            out.line("شمارهٔ ثبت‌نام و --out لازم است.", "A registration number and --out.")
            return 2
        n = repair.selection_slip(db, args.id, args.out)
        out.line(f"نمونه برگ انتخاب واحد ({out.num(n)} درس) در {args.out} ذخیره شد.",
                 f"The selection slip ({n} courses) was saved to {args.out}.")
    return 0


def add_parsers(sub: Any) -> None:
    s = sub.add_parser("repair", help="grade repair at an adult school: register a past "
                                      "graduate, the course-selection slip")
    s.add_argument("action", choices=["register", "list", "slip", "exam"])
    s.add_argument("identity", nargs="?", help="national code or foreign id (register)")
    s.add_argument("--id", type=int, help="the registration (slip)")
    s.add_argument("--record-code")
    s.add_argument("--serial")
    s.add_argument("--foreign", choices=[k.value for k in ForeignIdType])
    s.add_argument("--birth")
    s.add_argument("--course", action="append", help="a course to retake (repeat)")
    s.add_argument("--gender", help="دختر or پسر (register)")
    s.add_argument("--session", choices=["KHORDAD", "SHAHRIVAR"], default="KHORDAD",
                   help="the exam's session (exam)")
    s.add_argument("--out", type=Path)
    s.add_argument("--user", default="clerk", help="who registers (password from DAFTAR_PASSWORD)")
    s.set_defaults(func=cmd_repair)
    s = sub.add_parser("review", help="the review window: a student's grade record, objections")
    s.add_argument("action", choices=["record", "object", "list"])
    s.add_argument("student", nargs="?", help="national code, or a foreign student's id")
    s.add_argument("--out", type=Path)
    s.add_argument("--course")
    s.add_argument("--session", choices=["DEY", "KHORDAD", "SHAHRIVAR"])
    s.add_argument("--reason")
    s.add_argument("--user", default="clerk", help="who files (password from DAFTAR_PASSWORD)")
    s.set_defaults(func=cmd_review)
    s = sub.add_parser("record-code", help="a student's 19-digit academic-record code from the "
                                           "central server (and its slip)")
    s.add_argument("student", help="national code, or a foreign student's id")
    s.add_argument("--out", type=Path, help="print the slip to this PDF")
    s.add_argument("--user", default="clerk", help="who asks (password from DAFTAR_PASSWORD)")
    s.set_defaults(func=cmd_record_code)
    s = sub.add_parser("confirm", help="ask the central server for a graduate's academic "
                                       "confirmation (PDF)")
    s.add_argument("identity", help="national code, or the foreign id with --foreign")
    s.add_argument("--serial", help="birth-certificate serial (Iranian graduates)")
    s.add_argument("--foreign", choices=[k.value for k in ForeignIdType],
                   help="the foreign id's type")
    s.add_argument("--birth", help="birth date, Jalali (foreign graduates)")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--user", default="principal", help="who asks (password from DAFTAR_PASSWORD)")
    s.set_defaults(func=cmd_confirm)
    s = sub.add_parser("legacy", help="diplomas from the archive: add, list, print their code")
    s.add_argument("action", choices=["add", "list", "print"])
    s.add_argument("id", nargs="?", type=int, help="the entry (print)")
    s.add_argument("--national")
    s.add_argument("--foreign-type", choices=[k.value for k in ForeignIdType])
    s.add_argument("--foreign-id")
    for name in ("first", "last", "father", "birth", "serial", "field", "graduated",
                 "average", "ledger"):
        s.add_argument(f"--{name}", default="")
    s.add_argument("--out", type=Path)
    s.add_argument("--user", default="clerk", help="who enters (password from DAFTAR_PASSWORD)")
    s.set_defaults(func=cmd_legacy)
