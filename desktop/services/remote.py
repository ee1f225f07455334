"""The wire to the central server: :class:`Remote` (HTTP calls with the school's token,
a dropped connection or a 5xx as :class:`Transient`, a refusal as :class:`Refused` with
the server's Persian reason), the configured server (:func:`remote_for`), and enrolment
(:func:`connect`: a new school key certified by the central key).  What is sent and pulled
over it is :mod:`.sync`.
"""

from __future__ import annotations

import base64
import logging
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from ..domain.errors import DaftarError, ValidationError
from ..domain.seal import KeyCertificate, raw_public
from ..domain.workflow import Role
from ..models.db import Database
from ..models.entities import CertificatePrint, School
from . import audit
from .certificates import install_keys
from .context import Actor
from .logs import log_path
from .outbox import PRINTS_FROM, SERVER, TOKEN
from .state import get_state, put_state

# --- the wire -------------------------------------------------------------------------

LOG = logging.getLogger("daftar.sync")
# httpx's transport errors, by what they mean at the office.
_NETWORK = {
    "ConnectError": "sync.unreachable",       # nothing answers at that address
    "ConnectTimeout": "sync.unreachable",
    "RemoteProtocolError": "sync.cut",        # the connection closed in the middle
    "ReadError": "sync.cut",
    "WriteError": "sync.cut",
    "ProxyError": "sync.proxy",
    "UnsupportedProtocol": "sync.unreachable",
}


class Transient(Exception):
    """Try again later: the server could not be reached or could not answer."""

    def __init__(self, error: DaftarError) -> None:
        super().__init__(error.message())
        self.error = error


class Refused(Exception):
    """The server answered no; sending the same again will not change it."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class Remote:
    """The central server over HTTP (httpx): one client, keep-alive, fixed timeouts."""

    def __init__(self, base_url: str, token: str | None = None, timeout: float = 30.0) -> None:
        import httpx

        if not base_url.startswith(("http://", "https://")):
            raise ValidationError("sync.url", value=base_url)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._httpx = httpx
        self.client = httpx.Client(base_url=base_url.rstrip("/"), headers=headers,
                                   timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))

    def close(self) -> None:
        self.client.close()

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """A JSON request; its JSON answer (None when empty)."""
        response = self.fetch(method, path, **kwargs)
        try:
            return response.json() if response.content else None
        except ValueError:
            raise Transient(DaftarError("sync.answer")) from None

    def fetch(self, method: str, path: str, **kwargs: Any) -> Any:
        """A request whose answer is wanted whole (a PDF); refusals as in :meth:`call`."""
        httpx = self._httpx
        try:
            response = self.client.request(method, path, **kwargs)
        except httpx.TransportError as e:
            # The library's exception is for the log; the clerk is told what it means.
            LOG.warning("%s %s: %s %s", method, path, type(e).__name__, e)
            code = _NETWORK.get(type(e).__name__) or (
                "sync.timeout" if isinstance(e, httpx.TimeoutException) else "sync.unreachable")
            raise Transient(DaftarError(code, log=log_path())) from None
        status = response.status_code
        if status >= 500 or status in (408, 429):
            LOG.warning("%s %s: HTTP %s", method, path, status)
            raise Transient(DaftarError("sync.server_error", status=status, log=log_path()))
        if status >= 400:
            try:
                problem = response.json()
                raise Refused(status, str(problem["code"]), str(problem["message"]))
            except (ValueError, KeyError, TypeError):
                raise Refused(status, "http", f"HTTP {status}") from None
        return response

    def put_batch(self, batch_uuid: str, body: bytes, signature: bytes) -> dict[str, Any]:
        return self.call("PUT", f"/v1/batches/{batch_uuid}", content=body, headers={
            "Content-Type": "application/json",
            "X-Daftar-Signature": base64.b64encode(signature).decode()})

    def updates(self, after: int) -> dict[str, Any]:
        return self.call("GET", "/v1/updates", params={"after": after})

    def status(self) -> dict[str, Any]:
        return self.call("GET", "/v1/status")

    def comparison(self, **params: Any) -> dict[str, Any]:
        """The district's and province's aggregates for one course and session."""
        return self.call("GET", "/v1/stats", params=params)

    def enrol(self, school: str, code: str, public_key: bytes) -> dict[str, Any]:
        return self.call("POST", "/v1/enrol", json={"school": school, "enrol_code": code,
                                                     "public_key": public_key.hex()})


def remote_for(db: Database, timeout: float = 30.0, server: str | None = None) -> Remote:
    """The configured server (``server`` overrides the address, not the token)."""
    with db.unit() as s:
        url, token = server or get_state(s, SERVER), get_state(s, TOKEN)
    if not url or not token:
        raise DaftarError("sync.not_configured")
    return Remote(url, token, timeout)


# --- enrolment ---------------------------------------------------------------------------

def connect(db: Database, server: str, enrol_code: str, actor: Actor,
            remote: Remote | None = None) -> str:
    """Enrol this school with the central server (principal): a new school key, certified
    by the central key; documents printed before keep verifying with their old key."""
    actor.require(frozenset({Role.PRINCIPAL}), "اتصال به سرور مرکزی")
    with db.unit() as s:
        code = s.scalar(select(School.code))
    if code is None:
        raise DaftarError("school.missing")
    key = Ed25519PrivateKey.generate()
    own = remote is None
    remote = remote or Remote(server)
    try:
        answer = remote.enrol(code, enrol_code.strip(), raw_public(key.public_key()))
    except Refused as e:
        raise DaftarError("sync.refused", reason=e.message) from None
    except Transient as e:
        raise e.error from None
    finally:
        if own:
            remote.close()
    certificate = KeyCertificate.decode(bytes.fromhex(answer["certificate"]))
    central = [bytes.fromhex(k) for k in answer["central_keys"]]
    with db.unit() as s:
        install_keys(s, key, certificate, *central)
        put_state(s, SERVER, server.rstrip("/"))
        put_state(s, TOKEN, answer["token"])
        last_print = s.scalar(select(func.max(CertificatePrint.id))) or 0
        put_state(s, PRINTS_FROM, str(last_print))
        audit.record(s, actor, "sync.enrol", "school", code, new=server)
    return code
