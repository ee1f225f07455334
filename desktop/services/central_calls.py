"""A request to the central server that the office waits for (a confirmation, a record
code): the configured server and token, and the server's Persian refusal or the
network's failure as a :class:`DaftarError` to show at the desk."""

from __future__ import annotations

from typing import Any

from ..domain.errors import DaftarError
from ..models.db import Database
from .remote import Refused, Transient, remote_for


def ask(db: Database, method: str, path: str, timeout: float = 30.0, **kwargs: Any) -> Any:
    """The whole answer (an ``httpx.Response``) of one request."""
    remote = remote_for(db, timeout)
    try:
        return remote.fetch(method, path, **kwargs)
    except Refused as e:
        raise DaftarError("central.said_no", detail=e.message) from None
    except Transient as e:
        raise e.error from None
    finally:
        remote.close()
