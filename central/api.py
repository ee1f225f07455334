"""HTTP for the central server (FastAPI).  ``openapi.json`` beside this file is this
app's own document; a test regenerates it and fails on any difference.

Authentication: ``Authorization: Bearer <token>``; a school's token (from enrolment)
reaches only the school's own batches and feed; a reviewer's token reaches the
review routes within their district or province.  Refusals answer
``{"code", "message" (Persian), "message_en"}`` with a 4xx status.
"""

import datetime as dt
import os
import time
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from desktop.domain.calendar import SessionKind
from desktop.domain.errors import DaftarError

from . import matching, objections, public, record_codes, records, stats, transfers, web
from .db import make_engine
from .service import Central, Refusal, ReviewerAccount, SchoolAccount, utcnow

VERSION = "1"
# A batch holds at most 10,000 grade rows (~1 MB); 16 MB leaves room and bounds the memory
# one request can take.
MAX_BATCH_BYTES = 16_000_000


class Problem(BaseModel):
    code: str
    message: str = Field(description="Persian, for the office")
    message_en: str


class EnrolIn(BaseModel):
    school: str = Field(pattern="^[0-9]{8}$")
    enrol_code: str = Field(min_length=4, max_length=64)
    public_key: str = Field(pattern="^[0-9a-f]{64}$", description="Ed25519, raw, hex")


class EnrolOut(BaseModel):
    token: str
    certificate: str = Field(description="the school key's certificate, hex")
    central_keys: list[str]
    valid_until: dt.date


class Receipt(BaseModel):
    uuid: str
    school: str
    received_at: str
    items: int
    rows: int
    sheets: list[int]
    digest: str
    signature: str = Field(description="central key over DFR1 + canonical JSON of the rest")


class BatchOut(BaseModel):
    receipt: Receipt
    replay: bool


class FeedItem(BaseModel):
    seq: int
    kind: str = Field(description="sheet | change | permit | revocation | deadline")
    body: dict[str, Any]


class FeedOut(BaseModel):
    items: list[FeedItem]
    cursor: int
    more: bool


class DeadlineOut(BaseModel):
    year: int
    session: str
    day: dt.date


class StatusOut(BaseModel):
    now: str
    deadlines: list[DeadlineOut]
    central_keys: list[str]


class GradeLine(BaseModel):
    course: str
    units: str
    grades: str
    state: str | None = None


class InquiryOut(BaseModel):
    status: str = Field(description="genuine | pending (a school's document whose grades "
                        "the centre does not yet hold at the level its kind needs) | "
                        "mismatch (they differ from the centre's) | revoked | unknown | "
                        "invalid | forged")
    message: str
    code: str | None = None
    kind: str | None = None
    year: int | None = None
    name: str | None = Field(None, description="masked")
    issued: str | None = None
    school: str | None = None
    grades: list[GradeLine] | None = Field(
        None, description="only when ?national= is the holder's national code")
    consent: str | None = Field(None, description="why the grades are not shown")


class ConfirmIn(BaseModel):
    kind: str = Field(description="national, or a foreign id type", max_length=20)
    value: str = Field(max_length=30, description="national code or the foreign id")
    secret: str = Field(max_length=30,
                        description="birth-certificate serial, or birth date (Jalali)")


class RepairRecordIn(ConfirmIn):
    record_code: str = Field(max_length=40, description="the 19-digit academic-record code")


class RecordCodeOut(BaseModel):
    code: str = Field(pattern="^[0-9]{19}$")
    replay: bool = Field(description="issued before: the same code again")


class LegacyDecision(BaseModel):
    id: int
    level: str
    approve: bool
    state: str
    reason: str | None
    by: str
    code: str | None
    seal: str | None


# Every id the API takes fits PostgreSQL's bigint (larger ones are refused as 422, not
# passed on to fail in the database).
BIGINT = 2 ** 63 - 1
RowId = Annotated[int, Field(ge=1, le=BIGINT)]
PathId = Annotated[int, Path(ge=1, le=BIGINT)]


class DecideSheetsIn(BaseModel):
    ids: list[RowId] = Field(min_length=1, max_length=5000)
    approve: bool
    reason: str | None = None


class DecideIn(BaseModel):
    approve: bool
    reason: str | None = None


class PermitIn(BaseModel):
    school: str = Field(pattern="^[0-9]{8}$")
    identity: str | None = None
    valid_from: dt.date
    valid_until: dt.date
    reason: str


class RevokeIn(BaseModel):
    code: str
    reason: str


REFUSALS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem} for status in (400, 401, 403, 404, 409, 413, 422)}

bearer = HTTPBearer(auto_error=False)


def fixed_clock(start: str) -> Any:
    """A clock that starts at ``start`` and runs (for test rigs: DAFTAR_CENTRAL_NOW)."""
    origin = dt.datetime.fromisoformat(start.replace("Z", "+00:00"))
    began = time.monotonic()
    return lambda: origin + dt.timedelta(seconds=time.monotonic() - began)


def _bearer(request: Request, cred: HTTPAuthorizationCredentials | None, kind: str) -> Any:
    """The school or reviewer account a bearer token names, or 401."""
    central = request.app.state.central
    lookup = central.school_by_token if kind == "school" else central.reviewer_by_token
    found = lookup(cred.credentials) if cred else None
    if found is None:
        raise Refusal(401, "central.auth")
    return found


def _school(request: Request, cred: Annotated[HTTPAuthorizationCredentials | None,
                                             Depends(bearer)]) -> SchoolAccount:
    return _bearer(request, cred, "school")


def _reviewer(request: Request, cred: Annotated[HTTPAuthorizationCredentials | None,
                                               Depends(bearer)]) -> ReviewerAccount:
    return _bearer(request, cred, "reviewer")


School = Annotated[SchoolAccount, Depends(_school)]
Reviewer = Annotated[ReviewerAccount, Depends(_reviewer)]


def problem_response(e: DaftarError, status: int,
                     headers: dict[str, str] | None = None) -> JSONResponse:
    """A refusal as the documented :class:`Problem`: its code, Persian and English."""
    return JSONResponse({"code": e.code, "message": e.message("fa"),
                         "message_en": e.message("en")}, status_code=status, headers=headers)


class NoSniff:
    """Every answer, JSON included, says ``X-Content-Type-Options: nosniff`` (a plain ASGI
    middleware: it adds a header and nothing else)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", [])
                           if h[0].lower() != b"x-content-type-options"]
                message["headers"] = [*headers, (b"x-content-type-options", b"nosniff")]
            await send(message)

        await self.app(scope, receive, sending)


def create_app(central: Central) -> FastAPI:
    app = FastAPI(
        title="Daftar central server", version=VERSION,
        description="Receives the schools' batches; district and province review; print "
                    "permits; revocations; verification inquiries.")
    app.state.central = central
    app.add_middleware(NoSniff)

    @app.exception_handler(RequestValidationError)
    async def malformed(_request: Request, e: RequestValidationError) -> JSONResponse:
        """A request that does not fit the OpenAPI document: the same Problem as any refusal
        (code, Persian message, English), naming the first field that does not fit."""
        first = (e.errors() or [{}])[0]
        where = " ".join(str(p) for p in first.get("loc", ())) or "-"
        problem = DaftarError("central.request", where=where[:200],
                              detail=str(first.get("msg", ""))[:200])
        return problem_response(problem, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_refusal(_request: Request, e: StarletteHTTPException) -> JSONResponse:
        """The framework's own refusals (a body that is not JSON, an unknown path, a wrong
        method) in the same Problem form."""
        problem = DaftarError("central.http", status=e.status_code)
        return problem_response(problem, e.status_code, getattr(e, "headers", None))

    @app.exception_handler(DaftarError)
    async def refused(_request: Request, e: DaftarError) -> JSONResponse:
        status = e.status if isinstance(e, Refusal) else 422
        return problem_response(e, status)

    @app.get("/v1/status", response_model=StatusOut, tags=["public"])
    def status() -> dict[str, Any]:
        """The server's clock (it decides deadlines) and the deadlines it applies."""
        return central.status()

    @app.get("/v1/verify/{code}", response_model=InquiryOut, response_model_exclude_none=True,
             responses={401: {"model": Problem}, 422: {"model": Problem},
                        429: {"model": Problem}},
             tags=["public"])
    def verify(code: str, request: Request,
               national: Annotated[str | None, Query(max_length=20)] = None,
               x_api_key: Annotated[str | None, Header(max_length=100)] = None
               ) -> dict[str, Any]:
        """Inquiry by 20-digit verification code (rate limited per address, logged); the
        grades only with the holder's national code.  An office that verifies in bulk
        sends its key in ``X-Api-Key``: its own quota a minute and its own log."""
        key = None
        if x_api_key is not None:
            key = central.api_key_by(x_api_key)
            if key is None:
                raise Refusal(401, "central.auth")
        return public.inquire(central, web.client_of(request), code[:60], national,
                              channel="api", api_key=key).public()

    @app.post("/v1/confirmations", responses=REFUSALS | {200: {
        "content": {"application/pdf": {}},
        "description": "the confirmation; headers X-Daftar-Code and X-Daftar-Replay"}},
        response_class=Response, tags=["school"])
    def confirmation(body: ConfirmIn, request: Request, school: School) -> Response:
        """An academic confirmation for one of the school's graduates (the same one again
        when asked again)."""
        issued = records.confirm(central, body.kind, body.value, body.secret,
                                 web.client_of(request), channel="school", school_code=school.code)
        return web.pdf_response(issued)

    @app.post("/v1/record-codes", response_model=RecordCodeOut, responses=REFUSALS,
              tags=["school"])
    def record_code(body: ConfirmIn, request: Request, school: School) -> dict[str, Any]:
        """The 19-digit academic-record code of one of the school's students (the same one
        every time)."""
        code, replay = record_codes.issue(central, body.kind, body.value, body.secret,
                                          web.client_of(request), channel="school",
                                          school_code=school.code)
        return {"code": code, "replay": replay}

    @app.get("/v1/transfers/{identity}", responses=REFUSALS, tags=["school"])
    def transfer(identity: Annotated[str, Path(max_length=40)],
                 school: School) -> dict[str, Any]:
        """A student's transfer to this school (the latest), with the grades the centre
        holds for them: the sending school's sheets of that year that reached the centre,
        and province-approved sheets of earlier years."""
        return transfers.lookup(central, school, identity)

    @app.post("/v1/repair/record", responses=REFUSALS, tags=["school"])
    def repair_record(body: RepairRecordIn, request: Request, school: School) -> dict[str, Any]:
        """A past graduate's final-exam courses, for an adult school registering them for
        grade repair (with their record code and identity)."""
        return record_codes.graduate_record(central, body.record_code, body.kind, body.value,
                                            body.secret, web.client_of(request))

    @app.get("/v1/review/objections", responses=REFUSALS, tags=["review"])
    def waiting_objections(reviewer: Reviewer) -> list[dict[str, Any]]:
        """Students' objections from the review window (district reviewers)."""
        return objections.waiting(central, reviewer)

    @app.post("/v1/review/objections/{objection_id}/decide", responses=REFUSALS,
              tags=["review"])
    def decide_objection(objection_id: PathId, body: DecideIn, reviewer: Reviewer
                         ) -> dict[str, Any]:
        """Accept an objection, or reject it with a reason (the district's alone)."""
        return objections.decide(central, reviewer, objection_id, body.approve, body.reason)

    @app.get("/v1/review/documents", responses=REFUSALS, tags=["review"])
    def mismatched_documents(reviewer: Reviewer) -> list[dict[str, Any]]:
        """Documents a school registered whose grades were found not to match the rows the
        centre holds (district reviewers; revoke one with /v1/review/revocations)."""
        return matching.mismatched(central, reviewer)

    @app.get("/v1/review/legacy", responses=REFUSALS, tags=["review"])
    def waiting_legacy(reviewer: Reviewer) -> list[dict[str, Any]]:
        """Archived diplomas waiting for this reviewer's step."""
        return records.waiting_legacy(central, reviewer)

    @app.post("/v1/review/legacy/{legacy_id}/decide", response_model=LegacyDecision,
              responses=REFUSALS, tags=["review"])
    def decide_legacy(legacy_id: PathId, body: DecideIn, reviewer: Reviewer) -> dict[str, Any]:
        """Confirm or send back an archived diploma; the province's approval gives its code."""
        return records.decide_legacy(central, reviewer, legacy_id, body.approve, body.reason)

    web.add_routes(app, central)

    @app.post("/v1/enrol", response_model=EnrolOut, responses=REFUSALS, tags=["school"])
    def enrol(body: EnrolIn) -> dict[str, Any]:
        """Register the school's public key with its one-time code."""
        return central.enrol(body.school, body.enrol_code, body.public_key)

    @app.put("/v1/batches/{uuid}", response_model=BatchOut, responses=REFUSALS, tags=["school"],
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": {
                     "type": "object",
                     "description": "canonical JSON: school, uuid, created, students, "
                                    "sheets, changes, prints, voids"}}}}})
    async def put_batch(uuid: str, request: Request, school: School,
                        x_daftar_signature: Annotated[str, Header(
                            description="Ed25519 of DFB1 + body, base64")]) -> dict[str, Any]:
        """Deliver one immutable batch; the UUID is the idempotency key.  A body past
        ``MAX_BATCH_BYTES`` is refused (413) before it is read whole."""
        declared = request.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > MAX_BATCH_BYTES:
            raise Refusal(413, "central.too_large", limit=MAX_BATCH_BYTES // 1_000_000)
        parts, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BATCH_BYTES:
                raise Refusal(413, "central.too_large", limit=MAX_BATCH_BYTES // 1_000_000)
            parts.append(chunk)
        body = b"".join(parts)
        receipt, replay = await run_in_threadpool(central.receive, school, uuid, body,
                                                  x_daftar_signature)
        return {"receipt": receipt, "replay": replay}

    @app.get("/v1/updates", response_model=FeedOut, responses=REFUSALS, tags=["school"])
    def updates(school: School, after: Annotated[int, Query(ge=0, le=BIGINT)] = 0,
                limit: Annotated[int, Query(ge=1, le=500)] = 500) -> dict[str, Any]:
        """Decisions, permits, revocations and deadline changes after the cursor."""
        return central.updates(school, after, limit)

    @app.get("/v1/stats", responses=REFUSALS, tags=["school"])
    def comparison(school: School, year: Annotated[int, Query(ge=1300, le=1600)],
                   session: SessionKind,
                   grade_level: Annotated[int, Query(ge=1, le=12)],
                   course_code: Annotated[str, Query(min_length=1, max_length=40)]
                   ) -> dict[str, Any]:
        """The school's district and province for one course and session: aggregates
        only (counts, average, median, spread, pass rate, bands or levels), no student."""
        return stats.comparison(central, school, year, session, grade_level, course_code)

    @app.get("/v1/review/sheets", responses=REFUSALS, tags=["review"])
    def waiting_sheets(reviewer: Reviewer) -> list[dict[str, Any]]:
        """Sheets waiting for this reviewer (district: sent; province: district-approved)."""
        return central.waiting_sheets(reviewer)

    @app.get("/v1/review/sheets/{sheet_id}/rows", responses=REFUSALS, tags=["review"])
    def sheet_rows(sheet_id: PathId, reviewer: Reviewer) -> list[dict[str, str]]:
        return central.sheet_rows(reviewer, sheet_id)

    @app.post("/v1/review/sheets/decide", responses=REFUSALS, tags=["review"])
    def decide_sheets(body: DecideSheetsIn, reviewer: Reviewer) -> list[str]:
        """Approve, or send back with a reason, many sheets: all or none."""
        return central.decide_sheets(reviewer, body.ids, body.approve, body.reason)

    @app.get("/v1/review/changes", responses=REFUSALS, tags=["review"])
    def waiting_changes(reviewer: Reviewer) -> list[dict[str, Any]]:
        return central.waiting_changes(reviewer)

    @app.post("/v1/review/changes/{request_id}/decide", responses=REFUSALS, tags=["review"])
    def decide_change(request_id: PathId, body: DecideIn, reviewer: Reviewer) -> str:
        return central.decide_change(reviewer, request_id, body.approve, body.reason)

    @app.post("/v1/review/permits", responses=REFUSALS, tags=["review"])
    def permit(body: PermitIn, reviewer: Reviewer) -> dict[str, Any]:
        """A print permit after the six-month window (signed by the central key)."""
        return central.issue_permit(reviewer, body.school, body.identity, body.valid_from,
                                    body.valid_until, body.reason)

    @app.post("/v1/review/revocations", status_code=204, responses=REFUSALS, tags=["review"])
    def revoke(body: RevokeIn, reviewer: Reviewer) -> None:
        central.revoke(reviewer, body.code, body.reason)

    return app


def app_from_env() -> FastAPI:
    """The app ``daftar-central serve`` runs: DAFTAR_CENTRAL_DB names the database."""
    url = os.environ.get("DAFTAR_CENTRAL_DB")
    if not url:
        raise SystemExit("DAFTAR_CENTRAL_DB is not set")
    now = os.environ.get("DAFTAR_CENTRAL_NOW")
    central = Central(make_engine(url, int(os.environ.get("DAFTAR_CENTRAL_POOL", "10"))),
                      clock=fixed_clock(now) if now else utcnow)
    return create_app(central)
