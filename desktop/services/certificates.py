"""Certificates and report cards: issue, print, log, void, verify.

* Keys.  The school's Ed25519 key and its certificate from the central server are
  kept in ``app_state`` with the trusted central public keys; the private key only
  encrypted under the principal's password (:mod:`.school_key`).  The demo school gets
  a demo central authority whose private key is thrown away after certifying the
  school's key.
* Issue.  The printing rule is :func:`desktop.domain.verification.print_refusal`.
  A student's document of a kind and session is issued once (one serial, one
  20-digit code); printing it again is a reprint that needs a reason.  Every print
  is numbered in ``certificate_print`` and is an audit event.  A batch is one
  transaction, committed only after its PDF is written.
* What a page says is :func:`desktop.domain.results.card` laid out by a form of
  :mod:`desktop.printing.forms`; checking a document is :mod:`.verification`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.calendar import (
    DEFAULT_CALENDAR,
    SessionKind,
    format_jalali,
    school_year_shown,
    to_jalali,
    today_tehran,
)
from ..domain.errors import DaftarError, NotFound, ValidationError, WhereError
from ..domain.grading import format_grade, stage_of
from ..domain.results import CardResult, printed_lines
from ..domain.seal import (
    Document,
    KeyCertificate,
    certify,
    grades_digest,
    raw_public,
    seal,
)
from ..domain.text import isolate
from ..domain.verification import (
    DocumentKind,
    draw_serials,
    format_code,
    make_code,
    parse_code,
    print_refusal,
)
from ..domain.workflow import FINAL, Role
from ..models.db import Database, storage_refusal
from ..models.entities import (
    Certificate,
    CertificatePrint,
    ClassGroup,
    ExamSession,
    GradeSheet,
    PrintPermit,
)
from ..printing.forms import FORMS, Form, report_form
from . import audit, live, school_key
from .cards import class_cards
from .carried import earned_elsewhere
from .context import Actor
from .progress import Progress
from .school import get_class, get_school
from .state import get_state, put_state
from .students import search_students

KEY_CERT, TRUST = "school.key_certificate", "central.public_keys"
PRINT_ROLES = frozenset({Role.CLERK, Role.DEPUTY, Role.PRINCIPAL})
PRINT_ACTION = "چاپ سند"


# --- keys -------------------------------------------------------------------------

def install_keys(s: Session, private: Ed25519PrivateKey, certificate: KeyCertificate,
                 *central_public: bytes) -> None:
    school_key.store(s, private)  # sealed with the open key, or refused: key.locked
    put_state(s, KEY_CERT, certificate.encode().hex())
    trusted = set(trusted_keys_in(s)) | {k.hex() for k in central_public}
    put_state(s, TRUST, json.dumps(sorted(trusted)))


def demo_keys(s: Session, school_code: str) -> Ed25519PrivateKey:
    """A school key certified by a demo central key (trusted only locally); the demo
    uses the central key once more to decide its graduating class, then drops it."""
    central = Ed25519PrivateKey.generate()
    school = Ed25519PrivateKey.generate()
    certificate = certify(central, school_code, raw_public(school.public_key()),
                          dt.date.today() + dt.timedelta(days=5 * 365))
    install_keys(s, school, certificate, raw_public(central.public_key()))
    return central


def trusted_keys_in(s: Session) -> list[str]:
    value = get_state(s, TRUST)
    return json.loads(value) if value else []


def trusted_keys(db: Database) -> list[bytes]:
    with db.unit() as s:
        return [bytes.fromhex(k) for k in trusted_keys_in(s)]


def signing_key(s: Session) -> tuple[Ed25519PrivateKey, KeyCertificate]:
    cert = get_state(s, KEY_CERT)
    if cert is None:
        raise DaftarError("cert.no_key")
    return school_key.private_key(s), KeyCertificate.decode(bytes.fromhex(cert))


# --- what a document says -----------------------------------------------------------

@dataclass(frozen=True)
class Issued:
    code: str
    student_id: int
    kind: DocumentKind
    print_number: int
    reprint: bool


def _ranks(cards: dict[int, CardResult]) -> dict[int, tuple[int, int]]:
    """Rank in class by average (ties share a rank), and how many were ranked."""
    averages = {sid: c.average for sid, c in cards.items() if c.average is not None}
    ordered = sorted(averages.values(), reverse=True)
    return {sid: (ordered.index(a) + 1, len(ordered)) for sid, a in averages.items()}


def _page(result: CardResult, form: Form, rank: tuple[int, int] | None
          ) -> tuple[tuple[dict[str, str], ...], tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The grade table, the overall line and the notes of one card, as printed."""
    rows = tuple({"course": line.name, "units": line.units_text, "grade": line.grade_text,
                  "status": line.status} for line in result.lines)
    average = "—" if result.average is None else format_grade(result.average, persian=False)
    levels = "، ".join(f"{level.label_fa}: {n}" for level, n in result.levels)
    values = {"units": str(result.units), "average": average, "term_average": average,
              "failed": str(result.failed), "under": str(result.failed),
              "short": str(result.failed), "result": result.result or "—", "levels": levels,
              "rank": f"{rank[0]} از {rank[1]}" if rank else ""}
    summary = tuple((key, values[key]) for key in form.summary
                    if key != "rank" or rank is not None)
    notes = []
    if any(line.units is None for line in result.lines) and not result.descriptive:
        notes.append("درس‌هایی که واحدشان «—» است در معدل نمی‌آیند؛ "
                     "معدل = مجموع (نمره × واحد) ÷ جمع واحدها.")
    if result.waived:
        notes.append("ارفاق در درس‌های " + "، ".join(result.waived) + ".")
    notes += result.reasons
    return rows, summary, tuple(notes)


def _sheet_states(s: Session, class_id: int, session: SessionKind) -> tuple[list[object],
                                                                           dt.datetime | None]:
    rows = s.execute(select(GradeSheet.state, GradeSheet.updated_at)
                     .join(ExamSession, GradeSheet.session_id == ExamSession.id)
                     .join(ClassGroup, GradeSheet.class_id == ClassGroup.id)
                     .where(GradeSheet.class_id == class_id, ExamSession.kind == session,
                            ExamSession.year_id == ClassGroup.year_id)).all()
    states = [state for state, _ in rows]
    finals = [at for state, at in rows if state is FINAL]
    finalised = max(finals) if finals and len(finals) == len(rows) else None
    return states, finalised


def _fresh_serials(s: Session, school_code: str, batch: list[tuple], kind: DocumentKind  # type: ignore[type-arg]
                   ) -> list[int]:
    """Enough unused random serials for every document of the batch (see
    :func:`draw_serials`): a serial is taken when a code of this school, kind and any of
    the batch's years already holds it."""
    years = {klass.year for klass, *_ in batch}

    def taken(candidates: set[int]) -> set[int]:
        codes = {make_code(school_code, y, kind, n).text: n for y in years for n in candidates}
        return {codes[c] for c in s.scalars(select(Certificate.verification_code).where(
            Certificate.verification_code.in_(list(codes))))}

    return draw_serials(len(batch), taken)


def _permits(s: Session, today: dt.date) -> tuple[bool, set[int]]:
    """Print permits valid today: (one for the whole school?, the students named)."""
    rows = s.scalars(select(PrintPermit.student_id).where(
        PrintPermit.valid_from <= today, PrintPermit.valid_until >= today)).all()
    return (None in rows, {r for r in rows if r is not None})


def issue_class(db: Database, class_id: int, kind: DocumentKind, session: SessionKind,
                actor: Actor, out: Path, split_dir: Path | None = None,
                student_ids: Sequence[int] | None = None, reason: str | None = None,
                **options) -> list[Issued]:  # type: ignore[no-untyped-def]
    """Issue (or reprint) a document for every student of a class; see :func:`issue`."""
    return issue(db, [class_id], kind, session, actor, out, split_dir, student_ids, reason,
                 **options)


def issue(db: Database, class_ids: Sequence[int], kind: DocumentKind, session: SessionKind,
          actor: Actor, out: Path, split_dir: Path | None = None,
          student_ids: Sequence[int] | None = None, reason: str | None = None,
          printer: str = "PDF", progress=None, cancel=None,  # type: ignore[no-untyped-def]
          deliver=None, skipped: list[str] | None = None,
          keep: list | None = None) -> list[Issued]:  # type: ignore[type-arg]
    """Issue (or reprint) documents for the students of some classes and write the PDF(s).

    Refused as a whole, naming the first student who may not get one; but a certificate
    for a whole class leaves out the students without the diploma and names them in
    ``skipped``.  ``keep`` receives what each page says (:class:`CertificateData`), for
    the tests and the benchmark.  ``deliver``
    (the window's printer) gets the written PDF inside the transaction: nothing is
    recorded unless the PDF was written and delivered.
    """
    from ..printing.certificates import CertificateData

    actor.require(PRINT_ROLES, PRINT_ACTION)
    if kind is not DocumentKind.REPORT_CARD:
        session = SessionKind.KHORDAD
    school = get_school(db)
    parts = document_parts(db)
    batch = []
    for class_id in class_ids:
        klass = get_class(db, class_id)
        students = search_students(db, class_id=class_id, year=klass.year)
        cards = class_cards(db, klass, session, students)
        ranks = _ranks(cards) if "rank" in parts else {}
        if student_ids is not None:
            students = [st for st in students if st.id in set(student_ids)]
        elif kind is not DocumentKind.REPORT_CARD:
            # A whole class: those without the diploma are left out and named.
            for st in students:
                if cards[st.id].diploma is False and skipped is not None:
                    skipped.append(st.full_name)
            students = [st for st in students if cards[st.id].diploma is not False]
        batch += [(klass, st, cards[st.id], ranks.get(st.id)) for st in students]
    if not batch:
        raise NotFound("not_found", what="دانش‌آموز", value="—")
    step = Progress(progress, cancel, every=10)
    now = db.clock()
    today = today_tehran(now)
    issued: list[Issued] = []
    docs: list[CertificateData] = []
    with db.unit() as s:
        live.exclusive(s, "daftar.issue")  # one PC issues at a time: serials, print numbers
        private, certificate = signing_key(s)
        elsewhere = {}
        for year in {klass.year for klass, *_ in batch}:
            elsewhere.update(earned_elsewhere(
                s, [st.id for klass, st, *_ in batch if klass.year == year], year))
        rules: dict[int, tuple] = {}  # type: ignore[type-arg]
        serials: list[int] | None = None
        school_permit, permitted = _permits(s, today.togregorian())
        earlier = {(c.student_id, c.session_id): c for c in s.scalars(select(Certificate).where(
            Certificate.kind == kind.name.lower(), Certificate.revoked_at.is_(None),
            Certificate.student_id.in_([st.id for _, st, _, _ in batch])))}
        printed_before = dict(s.execute(
            select(CertificatePrint.certificate_id, func.count())
            .where(CertificatePrint.certificate_id.in_([c.id for c in earlier.values()]))
            .group_by(CertificatePrint.certificate_id)).all())
        for done, (klass, st, result, rank) in enumerate(batch, start=1):
            step.step(done, len(batch))
            if klass.id not in rules:
                states, finalised = _sheet_states(s, klass.id, session)
                final_day = to_jalali(finalised.date()) if finalised else None
                window_end = DEFAULT_CALENDAR.print_window_end(final_day) if final_day else None
                rules[klass.id] = (states, final_day, window_end,
                                   _session_id(s, klass.year, session))
            states, final_day, window_end, session_id = rules[klass.id]
            refusal = print_refusal(kind, states, final_day, today,
                                    school_permit or st.id in permitted, result.diploma,
                                    window_end)
            if refusal is not None:
                raise WhereError(refusal, "student.where", name=f"{st.first_name} {st.last_name}")
            form = (report_form(result.descriptive, session is SessionKind.DEY)
                    if kind is DocumentKind.REPORT_CARD else FORMS[kind.name.lower()])
            rows, summary, notes = _page(result, form, rank)
            notes += tuple(elsewhere.get(st.id, ()))  # where a carried grade was earned
            stage = stage_of(klass.grade_level)
            existing = earlier.get((st.id, session_id))
            digest = grades_digest(printed_lines(result))
            if existing is None:
                if serials is None:  # drawn once per batch, under the write lock
                    serials = _fresh_serials(s, school.code, batch, kind)
                code = make_code(school.code, klass.year, kind, serials.pop())
                document = Document(code.text, int(kind), session.number,
                                    today.togregorian(),  # the Tehran day, not the UTC one
                                    digest, st.national_code or
                                    f"{st.foreign_id_type}:{st.foreign_id_value}",
                                    f"{st.first_name} {st.last_name}")
                qr = seal(document, certificate, private)
                existing = Certificate(student_id=st.id,
                                       session_id=session_id,
                                       kind=kind.name.lower(), serial=code.serial,
                                       verification_code=code.text, payload=qr.encode(),
                                       signature=qr.encode()[-64:])
                s.add(existing)
                reprint = False
            else:
                if not reason:
                    raise ValidationError("cert.reprint_reason")
                code = parse_code(existing.verification_code)
                qr = existing.payload.decode()
                reprint = True
            number = printed_before.get(existing.id, 0) + 1 if reprint else 1
            log = CertificatePrint(actor=actor.username, printer=printer,
                                   reason=reason if reprint else None)
            if reprint:   # by its key: appending would load every earlier print first
                log.certificate_id = existing.id
                s.add(log)
            else:
                existing.prints.append(log)
            audit.record(s, actor, "print.reprint" if reprint else "print.certificate",
                         "certificate", code.text, new={"kind": kind.name.lower(),
                                                        "print": number, "printer": printer},
                         reason=reason if reprint else None)
            issued.append(Issued(code.text, st.id, kind, number, reprint))
            docs.append(CertificateData(
                form=form.key,
                title=kind.label_fa + (f" — {session.label_fa}" if kind is
                                       DocumentKind.REPORT_CARD else ""),
                school_lines=(f"{school.name} — کد مدرسه {school.code}",
                              f"{school.district}، استان {school.province}"),
                fields=(("نام", st.first_name), ("نام خانوادگی", st.last_name),
                        ("نام پدر", st.father_name),
                        ("کد ملی" if st.national_code else "شناسه", st.national_code or
                         st.foreign_id_value or ""),
                        ("تاریخ تولد", format_jalali(st.birth_date, False)),
                        ("محل تولد", st.birth_place),
                        ("سریال شناسنامه", st.birth_cert_serial or "—"),
                        ("کلاس", klass.name),
                        ("پایه و رشته", f"{klass.grade_level} — "
                                        f"{klass.field_name or stage.label_fa}"),
                        ("سال تحصیلی", school_year_shown(klass.year))),
                rows=rows, summary=summary, notes=notes,
                code=code.text,
                qr_text=qr,
                issued=format_jalali(today, False),
                parts=parts if kind is DocumentKind.REPORT_CARD else frozenset()))
        if keep is not None:
            keep.extend(docs)
        _write(docs, out, split_dir)
        if deliver is not None:
            deliver(out)
    return issued


# --- the school's choice of optional parts ----------------------------------------------

PARTS_KEY = "documents.parts"
OPTIONAL_PARTS = ("rank", "remark", "attendance")
DEFAULT_PARTS = frozenset({"remark"})


def document_parts(db: Database) -> frozenset[str]:
    """The optional parts of report cards the school prints (rank in class, a box for
    the teacher's remark, a line for attendance); by default the remark box only."""
    with db.unit() as s:
        value = get_state(s, PARTS_KEY)
    return DEFAULT_PARTS if value is None else frozenset(json.loads(value))


def set_document_parts(db: Database, parts: Sequence[str], actor: Actor) -> frozenset[str]:
    """The principal's choice, audited."""
    actor.require(frozenset({Role.PRINCIPAL}), "تنظیم کارنامه")
    unknown = [p for p in parts if p not in OPTIONAL_PARTS]
    if unknown:
        raise ValidationError("cert.part", value="، ".join(isolate(u) for u in unknown),
                              parts="، ".join(isolate(p) for p in OPTIONAL_PARTS))
    chosen = frozenset(parts)
    with db.unit() as s:
        old = get_state(s, PARTS_KEY)
        put_state(s, PARTS_KEY, json.dumps(sorted(chosen)))
        audit.record(s, actor, "settings.documents", "app_state", PARTS_KEY, old=old,
                     new=sorted(chosen))
    return chosen


def _write(docs, out: Path, split_dir: Path | None) -> None:  # type: ignore[no-untyped-def]
    """Write to a temporary file first and move it into place: no half-written PDF."""
    from ..printing.certificates import render, render_files

    if split_dir is not None:
        split_dir.mkdir(parents=True, exist_ok=True)
        render_files(docs, split_dir)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".pdf", dir=out.parent)
    except OSError as e:
        raise DaftarError("print.write", path=out, detail=e.strerror or str(e)) from e
    os.close(fd)
    try:
        render(docs, Path(tmp))
        os.replace(tmp, out)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise (storage_refusal(e, out) or DaftarError(
            "print.write", path=out, detail=e.strerror or str(e))) from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _session_id(s: Session, year: int, session: SessionKind) -> int | None:
    from ..models.entities import AcademicYear

    return s.scalar(select(ExamSession.id).join(AcademicYear).where(
        AcademicYear.start_year == year, ExamSession.kind == session))


def void(db: Database, code: str, reason: str, actor: Actor) -> None:
    """Revoke a document (wrong data, lost); sync carries it to the central server."""
    actor.require(frozenset({Role.PRINCIPAL}), "ابطال سند")
    from ..domain.text import normalize

    why = normalize(reason)
    if not why:
        raise ValidationError("workflow.reason")
    text = parse_code(code).text
    with db.unit() as s:
        cert = s.scalar(select(Certificate).where(Certificate.verification_code == text))
        if cert is None:
            raise NotFound("cert.not_found", value=format_code(text))
        if cert.revoked_at is not None:
            raise ValidationError("cert.revoked_already")
        cert.revoked_at = db.clock()
        cert.revoked_reason = why
        s.add(CertificatePrint(certificate_id=cert.id, actor=actor.username, printer="—",
                               reason="void: " + why))
        audit.record(s, actor, "print.void", "certificate", text, reason=why)
