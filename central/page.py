"""The public pages, rendered on the server: right to left, Persian digits, no script.

Every value that came from a person or the database goes through :func:`html.escape`;
the pages carry a Content-Security-Policy that allows no script at all, so a field
holding markup shows as text and runs nothing.
"""

from __future__ import annotations

from html import escape

from desktop.domain.calendar import school_year_shown
from desktop.domain.identity import ForeignIdType
from desktop.domain.text import to_persian_digits
from desktop.domain.verification import format_code

from .public import Answer

CSP = ("default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'")

_STATUS = {
    "genuine": ("معتبر", "ok"),
    "pending": ("ثبت‌شده؛ نمره‌ها هنوز نرسیده", "warn"),
    "mismatch": ("ناهمخوان با سرور مرکزی", "bad"),
    "revoked": ("باطل‌شده", "bad"),
    "forged": ("نامعتبر", "bad"),
    "unknown": ("ناشناخته", "unknown"),
    "invalid": ("کد نادرست", "warn"),
}


def _page(title: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><link rel="stylesheet" href="/static/page.css"></head>
<body><header><h1>سامانۀ استعلام مدارک تحصیلی</h1>
<nav><a href="/">استعلام سند</a> · <a href="/confirm">درخواست تأییدیۀ تحصیلی</a> ·
<a href="/record-code">کد سابقۀ تحصیلی</a></nav></header>
<main>{body}</main>
<footer>هر استعلام ثبت می‌شود. نام دارنده پوشیده نشان داده می‌شود؛ نمره‌ها فقط با کد ملی
دارنده.</footer></body></html>"""


def _fa(value: object) -> str:
    return escape(to_persian_digits(str(value)))


def forms(code: str = "", national: str = "") -> str:
    return f"""<section class="card"><h2>استعلام با کد صحت</h2>
<form method="get" action="/verify">
<label for="code">کد صحت ۲۰ رقمی</label>
<input id="code" name="code" dir="ltr" inputmode="numeric" autocomplete="off" maxlength="60"
 value="{escape(code)}" placeholder="۱۲۳۴۵ ۶۷۸۹۰ ۱۲۳۴۵ ۶۷۸۹۰" required>
<label for="national">کد ملی دارنده (اختیاری؛ برای دیدن نمره‌ها)</label>
<input id="national" name="national" dir="ltr" inputmode="numeric" autocomplete="off"
 maxlength="20" value="{escape(national)}">
<button type="submit">استعلام</button></form></section>
<section class="card"><h2>استعلام با تصویر رمزینه (QR)</h2>
<form method="post" action="/verify/upload" enctype="multipart/form-data">
<p>عکس یا اسکن سند (تا ۴ مگابایت)</p>
<input id="photo" class="file" name="photo" type="file" accept="image/*" required>
<label for="photo" class="pick">انتخاب عکس یا اسکن…</label>
<label for="national2">کد ملی دارنده (اختیاری)</label>
<input id="national2" name="national" dir="ltr" inputmode="numeric" maxlength="20">
<button type="submit">بارگذاری و استعلام</button></form></section>"""


def home() -> str:
    return _page("استعلام مدارک تحصیلی", forms())


def answer(a: Answer, code: str = "", national: str = "") -> str:
    label, css = _STATUS.get(a.status, (a.status, "unknown"))
    rows = []
    if a.code:
        rows.append(("کد صحت", escape(format_code(a.code))))
    year = school_year_shown(a.year) if a.year else None   # as on the card
    for title, value in (("نوع سند", a.kind), ("سال تحصیلی", year), ("مدرسه", a.school),
                         ("نام دارنده", a.name)):
        if value:
            rows.append((title, _fa(value)))
    if a.issued:
        from datetime import date

        from desktop.domain.calendar import format_jalali, to_jalali

        rows.append(("تاریخ صدور", escape(format_jalali(to_jalali(date.fromisoformat(a.issued))))))
    table = "".join(f"<tr><th>{t}</th><td>{v}</td></tr>" for t, v in rows)
    grades = ""
    if a.grades is not None:
        lines = "".join(f"<tr><td>{_fa(i)}</td><td>{_fa(g['course'])}</td><td>{_fa(g['units'])}"
                        f"</td><td>{_fa(g['grades'])}</td><td>{_fa(g.get('state', ''))}</td></tr>"
                        for i, g in enumerate(a.grades, start=1))
        grades = ("<h3>نمره‌ها (با رضایت دارنده)</h3><div class='wide'><table class='grades'>"
                  "<tr><th>ردیف</th><th>درس</th><th>واحد</th><th>نمره‌ها</th><th>وضعیت</th></tr>"
                  f"{lines or '<tr><td colspan=5>نمره‌ای ثبت نیست.</td></tr>'}</table></div>")
    consent = f"<p class='note'>{escape(a.consent)}</p>" if a.consent else ""
    body = (f"<section class='result {css}' id='result'><h2>{escape(label)}</h2>"
            f"<p>{_fa(a.message)}</p><table>{table}</table>{grades}{consent}</section>"
            + forms(code, national))
    return _page(f"نتیجۀ استعلام: {label}", body)


def refused(message: str, status_title: str = "پذیرفته نشد") -> str:
    return _page(status_title, f"<section class='result warn' id='result'><h2>"
                 f"{escape(status_title)}</h2><p>{_fa(message)}</p></section>" + forms())


def _identity_form(action: str, title: str, intro: str, button: str, message: str) -> str:
    kinds = "".join(f"<option value='{k.value}'>{escape(k.label_fa)}</option>"
                    for k in ForeignIdType)
    note = (f"<section class='result warn' id='result'><p>{_fa(message)}</p></section>"
            if message else "")
    return _page(title, f"""{note}<section class="card">
<h2>{escape(title)}</h2>
<p>{escape(intro)}</p>
<form method="post" action="{action}">
<label for="kind">نوع شناسه</label>
<select id="kind" name="kind"><option value="national">کد ملی (ایرانی)</option>{kinds}</select>
<label for="value">کد ملی یا شناسۀ اتباع</label>
<input id="value" name="value" dir="ltr" maxlength="30" required>
<label for="secret">سریال شناسنامه (ایرانی) یا تاریخ تولد ۱۳۸۵/۰۴/۱۲ (اتباع)</label>
<input id="secret" name="secret" dir="ltr" maxlength="30" required>
<button type="submit">{escape(button)}</button></form></section>""")


def confirm_form(message: str = "") -> str:
    return _identity_form(
        "/confirm", "درخواست تأییدیۀ تحصیلی",
        "دانش‌آموخته با مشخصات خود تأییدیه می‌گیرد و آن را به دانشگاه، کارفرما یا هر اداره‌ای "
        "می‌دهد؛ گیرنده با کد صحت آن در همین سامانه استعلام می‌کند.",
        "دریافت تأییدیه (PDF)", message)


def record_form(message: str = "") -> str:
    return _identity_form(
        "/record-code", "کد سابقۀ تحصیلی (۱۹ رقمی)",
        "برای ثبت‌نام آزمون سراسری و برای ایجاد سابقۀ تحصیلی یا ترمیم نمره در مدرسه‌های "
        "بزرگسال لازم است. هر کس همیشه همان یک کد را می‌گیرد.",
        "دریافت کد", message)


def record_answer(code: str, replay: bool) -> str:
    again = " (همان کدی که پیش‌تر داده شده بود)" if replay else ""
    shown = " ".join(code[i:i + 5] for i in range(0, len(code), 5))
    return _page("کد سابقۀ تحصیلی", f"""<section class='result ok' id='result'>
<h2>کد سابقۀ تحصیلی شما{escape(again)}</h2>
<p class="code" dir="ltr">{_fa(shown)}</p>
<p>این کد را نگه دارید؛ در ثبت‌نام آزمون سراسری و در مدرسۀ بزرگسال از شما خواسته
می‌شود.</p></section>""")


CSS = """
@font-face { font-family: Vazirmatn; src: url(/static/Vazirmatn-Regular.ttf); }
@font-face { font-family: Vazirmatn; font-weight: bold; src: url(/static/Vazirmatn-Bold.ttf); }
body { font-family: Vazirmatn, Tahoma, sans-serif; margin: 0; background: #f4f5f7;
       color: #1d2430; line-height: 1.8; }
header { background: #12355b; color: #fff; padding: 12px 24px; }
header h1 { margin: 0; font-size: 1.3em; }
header a { color: #d6e4ff; }
main { max-width: 760px; margin: 16px auto; padding: 0 12px; }
.card, .result { background: #fff; border-radius: 8px; padding: 12px 20px; margin-bottom: 14px;
                 box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.result.ok { border-right: 8px solid #1f8a4c; }
.result.bad { border-right: 8px solid #b3261e; }
.result.unknown { border-right: 8px solid #7a7f87; }
.result.warn { border-right: 8px solid #c77700; }
label { display: block; margin-top: 8px; }
input, select { width: 100%; box-sizing: border-box; font: inherit; padding: 6px; }
button { margin-top: 12px; font: inherit; padding: 6px 18px; background: #12355b; color: #fff;
         border: 0; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #e1e4e8; padding: 4px 8px; text-align: right; }
.note { color: #8a4b00; }
.code { font-size: 1.6em; font-weight: bold; letter-spacing: .05em; text-align: right; }
.wide { overflow-x: auto; }
.file { position: absolute; width: 1px; height: 1px; opacity: 0; }
.pick { display: inline-block; margin-top: 6px; padding: 6px 18px; border: 1px solid #12355b;
        border-radius: 4px; color: #12355b; background: #fff; cursor: pointer; }
.file:focus + .pick { outline: 2px solid #12355b; }
@media (max-width: 480px) {
  main { padding: 0 4px; }
  .card, .result { padding: 8px 10px; }
  .grades th, .grades td { padding: 2px 4px; font-size: .85em; white-space: nowrap; }
}
footer { max-width: 760px; margin: 0 auto 24px; color: #59606b; font-size: .9em; padding: 0 12px; }
"""
