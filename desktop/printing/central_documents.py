"""The pages of documents the central server signs: an academic confirmation and the
code of a diploma from the archive.  The central server renders them for the
graduate; the school office renders an archived diploma's page from its own fields
and the seal the central server sent back.  Both from the same data, so the page is
the same wherever it is printed."""

from __future__ import annotations

import io
from typing import Any

from ..domain.text import to_persian_digits
from ..domain.verification import DocumentKind, format_code
from ..domain.workflow import SheetState
from .certificates import CertificateData, render


def legacy_body(fields: dict[str, str], school_name: str, school_code: str,
                issued: Any) -> dict[str, Any]:
    """What an archived diploma's page says, from its ledger fields (``wire`` form)."""
    import datetime as dt

    from ..domain.calendar import format_jalali, to_jalali

    return fields | {
        "birth_jalali": format_jalali(to_jalali(dt.date.fromisoformat(fields["birth"]))),
        "school": f"{school_name} — کد مدرسه {school_code}",
        "issued": format_jalali(issued),
        "lines": [{"course": "معدل کل (از دفتر بایگانی)", "units": "—",
                   "grades": fields["average"]}]}


def document_pdf(kind: DocumentKind, code: str, body: dict[str, Any], seal_text: str) -> bytes:
    """The PDF of a confirmation or of an archived diploma's code, from what is stored
    (the same page every time it is asked for)."""
    out = io.BytesIO()
    render([page(kind, code, body, seal_text)], out)
    return out.getvalue()


def page(kind: DocumentKind, code: str, body: dict[str, Any], seal_text: str
         ) -> CertificateData:
    """What the page of a central document says, laid out by its form."""
    p = to_persian_digits
    if kind is DocumentKind.CONFIRMATION:
        d = body["diploma"]
        fields = (("نام و نام خانوادگی", body["name"]), ("نام پدر", body["father"]),
                  ("تاریخ تولد", p(body["birth"])), ("شناسه", p(body["identity"])),
                  ("مدرسه", body["school"]), ("پایه و رشته", p(body["field"])))
        notes = (f"سامانۀ مرکزی گواهی می‌کند که {d['kind']} این دانش‌آموخته با کد صحت "
                 f"{format_code(d['code'])}، صادرشده در {p(d['issued'])}، از سوابقی که مدرسه "
                 f"فرستاده و ادارۀ کل استان نهایی کرده است، درست و معتبر است.",
                 "این تأییدیه جای نامۀ کاغذی را می‌گیرد؛ گیرنده آن را با کد صحت در صفحۀ "
                 "استعلام سامانه یا با رمزینه (QR) بی‌نیاز از اینترنت می‌سنجد.")
        school_lines = (f"{body['school']} — کد مدرسه {p(body['school_code'])}",
                        f"{body['district']}، استان {body['province']}")
        title, form, issued = "تأییدیۀ تحصیلی", "confirmation", body["issued"]
    else:
        fields = (("نام و نام خانوادگی", f"{body['first']} {body['last']}"),
                  ("نام پدر", body["father"]), ("تاریخ تولد", p(body["birth_jalali"])),
                  ("سریال شناسنامه", p(body["serial"])), ("رشته", body["field"]),
                  ("سال دانش‌آموختگی", p(body["graduated"])))
        notes = (f"این گواهینامه از دفتر بایگانی مدرسه ({p(body['ledger'])}) ثبت و "
                 "به تأیید ادارۀ آموزش و پرورش منطقه و ادارۀ کل استان رسیده و کد صحت "
                 "گرفته است.",)
        school_lines = (body.get("school", ""),)
        title, form, issued = "گواهینامۀ بایگانی‌شده", "legacy", \
            body.get("issued", "")
    rows = tuple({"course": x["course"], "units": p(x["units"]), "grades": p(x["grades"]),
                  "state": x.get("state", SheetState.PROVINCE_APPROVED.label_fa)}
                 for x in body["lines"])
    return CertificateData(form=form, title=title, school_lines=school_lines, fields=fields,
                           rows=rows, summary=(), notes=notes, code=code, qr_text=seal_text,
                           issued=p(issued))
