"""The public pages' routes (HTML, server-rendered; :mod:`.page` writes them).

  GET  /                 the inquiry forms
  GET  /verify?code=&national=    an inquiry by code
  POST /verify/upload    an inquiry by a photo or scan of the QR (multipart, ≤ 4 MB)
  GET  /confirm, POST /confirm    a graduate's academic confirmation (PDF)
  GET  /record-code, POST /record-code    a person's 19-digit academic-record code
  GET  /static/...       the style sheet and the bundled font

A refusal (a bad code, too many inquiries, a file that is not an image) is a page
with the Persian reason and its HTTP status; nothing is stored but the log line.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from desktop.domain.errors import DaftarError
from desktop.domain.typed import check_typed
from desktop.printing.central_documents import document_pdf
from desktop.printing.fonts import FONTS

from . import page, public, record_codes, records
from .core import Core

HEADERS = {"Content-Security-Policy": page.CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
UPLOAD_LIMIT = public.MAX_UPLOAD + 64 * 1024    # the photo and the form around it


def client_of(request: Request) -> str:
    """The address the rate limit counts (behind a proxy: run uvicorn with
    --proxy-headers and the proxy's address in --forwarded-allow-ips)."""
    return request.client.host if request.client else "-"


def pdf_response(issued: records.Issued) -> Response:
    from desktop.domain.verification import DocumentKind

    data = document_pdf(DocumentKind.CONFIRMATION, issued.code, issued.body, issued.seal)
    return Response(data, media_type="application/pdf", headers={
        "X-Daftar-Code": issued.code, "X-Daftar-Replay": "1" if issued.replay else "0",
        "Content-Disposition": f'attachment; filename="confirmation-{issued.code}.pdf"'})


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=HEADERS)


def _typed_identity(kind: str, value: str, secret: str) -> None:
    """The identity forms' fields refused with a message if they hold anything invisible."""
    for text, field in ((kind, "نوع شناسه"), (value, "کد ملی یا شناسه"),
                        (secret, "سریال شناسنامه یا تاریخ تولد")):
        check_typed(text, field)


def _status(e: DaftarError) -> int:
    return int(getattr(e, "status", 422))


def add_routes(app: FastAPI, central: Core) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> HTMLResponse:
        return _html(page.home())

    @app.get("/static/page.css", include_in_schema=False)
    def css() -> Response:
        return Response(page.CSS, media_type="text/css",
                        headers={"Cache-Control": "max-age=86400"})

    @app.get("/static/{name}.ttf", include_in_schema=False)
    def font(name: str) -> Response:
        if name not in ("Vazirmatn-Regular", "Vazirmatn-Bold"):
            return Response(status_code=404)
        return Response((FONTS / f"{name}.ttf").read_bytes(), media_type="font/ttf",
                        headers={"Cache-Control": "max-age=86400"})

    @app.get("/verify", response_class=HTMLResponse, include_in_schema=False)
    def verify_page(request: Request, code: Annotated[str, Query()] = "",
                    national: Annotated[str, Query()] = "") -> HTMLResponse:
        code, national = code[:60], national[:20]
        try:
            check_typed(code, "کد صحت")
            check_typed(national, "کد ملی")
        except DaftarError as e:  # nothing invisible echoed into the page or looked up
            return _html(page.refused(e.message()), 422)
        try:
            answer = public.inquire(central, client_of(request), code, national or None)
        except DaftarError as e:
            return _html(page.refused(e.message()), _status(e))
        return _html(page.answer(answer, code, national))

    @app.post("/verify/upload", response_class=HTMLResponse, include_in_schema=False)
    async def verify_upload(request: Request) -> HTMLResponse:
        client = client_of(request)

        def refuse(detail: str, status: int) -> HTMLResponse:
            public.log_refusal(central, client, "upload")
            return _html(page.refused(DaftarError("central.upload", detail=detail).message()),
                         status)

        length = request.headers.get("content-length")
        if length is None or not length.isascii() or not length.isdigit():
            return refuse("اندازۀ پرونده معلوم نیست؛ دوباره بفرستید", 411)
        if int(length) > UPLOAD_LIMIT:
            return refuse(f"بزرگ‌تر از {public.MAX_UPLOAD // (1024 * 1024)} مگابایت است", 413)
        try:
            form = await request.form(max_files=1, max_fields=4)
        except Exception:   # a malformed multipart body: the parser's own errors vary
            return refuse("فرم درست فرستاده نشده", 400)
        photo, national = form.get("photo"), str(form.get("national") or "")[:20]
        data = await photo.read() if hasattr(photo, "read") else b""
        from starlette.concurrency import run_in_threadpool

        try:
            public.check_rate(central, client, "upload")
        except DaftarError as e:
            return _html(page.refused(e.message()), _status(e))
        try:
            text = await run_in_threadpool(public.decode_upload, data)
        except DaftarError as e:
            public.log_refusal(central, client, "upload")
            return _html(page.refused(e.message()), _status(e))
        try:
            answer = await run_in_threadpool(public.inquire_qr, central, client, text,
                                             national or None)
        except DaftarError as e:
            return _html(page.refused(e.message()), _status(e))
        return _html(page.answer(answer, answer.code or "", national))

    @app.get("/confirm", response_class=HTMLResponse, include_in_schema=False)
    def confirm_page() -> HTMLResponse:
        return _html(page.confirm_form())

    @app.post("/confirm", include_in_schema=False)
    def confirm(request: Request, kind: Annotated[str, Form()] = "",
                value: Annotated[str, Form()] = "",
                secret: Annotated[str, Form()] = "") -> Response:
        try:
            _typed_identity(kind, value, secret)
            issued = records.confirm(central, kind[:20], value[:30], secret[:30],
                                     client_of(request))
        except DaftarError as e:
            return _html(page.confirm_form(e.message()), _status(e))
        return pdf_response(issued)

    @app.get("/record-code", response_class=HTMLResponse, include_in_schema=False)
    def record_page() -> HTMLResponse:
        return _html(page.record_form())

    @app.post("/record-code", response_class=HTMLResponse, include_in_schema=False)
    def record_code(request: Request, kind: Annotated[str, Form()] = "",
                    value: Annotated[str, Form()] = "",
                    secret: Annotated[str, Form()] = "") -> HTMLResponse:
        try:
            _typed_identity(kind, value, secret)
            code, replay = record_codes.issue(central, kind[:20], value[:30], secret[:30],
                                              client_of(request))
        except DaftarError as e:
            return _html(page.record_form(e.message()), _status(e))
        return _html(page.record_answer(code, replay))
