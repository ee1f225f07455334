"""This PC's own settings (not the school's): which database the program opens.

A JSON file in the user's configuration folder (platformdirs): ``{"database": URL,
"schools": {URL: {"code", "name"}}, "audit": {URL: {"id", "hash", "events"}}}``: the
database, which school each database held when the window last opened it, and the audit
chain's head this PC last verified there (the start checks only what came after it).
Without it, the embedded default: the SQLite file in the user's data folder.  The URL of a
shared PostgreSQL may carry its password; the file is the user's own (mode 0600).
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def settings_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("Daftar", appauthor=False) / "settings.json"


def load() -> dict[str, str]:
    try:
        value = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def chosen_database() -> str | None:
    """The database this PC opens by default (None: the embedded SQLite file)."""
    return load().get("database") or None


def _save(data: dict) -> Path:  # type: ignore[type-arg]
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


def check_school(url: str, code: str, name: str) -> None:
    """The window's start: the database this PC opened before must still hold the same
    school (a file of another school copied over it is refused); the first time, remember."""
    from ..domain.errors import DaftarError

    data = load()
    schools = data.get("schools")
    schools = schools if isinstance(schools, dict) else {}
    known = schools.get(url)
    if known is None:
        schools[url] = {"code": code, "name": name}
        data["schools"] = schools
        _save(data)
        return
    if known.get("code") != code:
        raise DaftarError("db.other_school", path=url, found=name, found_code=code,
                          expected=known.get("name", "-"), expected_code=known.get("code", "-"))


def accept_school(target: str) -> None:
    """The school now in ``target`` (a file or URL) is the one intended
    (``daftar database --accept``)."""
    from ..models.db import to_url

    url = to_url(target)
    data = load()
    schools = data.get("schools")
    if isinstance(schools, dict):
        schools.pop(url, None)
        _save(data)


def choose_database(target: str | None) -> Path:
    """Remember ``target`` (a URL or a file) as this PC's database; None forgets it."""
    data = load()
    if target:
        data["database"] = target
    else:
        data.pop("database", None)
    return _save(data)


def audit_checkpoint(url: str) -> dict | None:  # type: ignore[type-arg]
    """The audit head this PC verified last in ``url`` (None: never, or forgotten)."""
    seen = load().get("audit")
    value = seen.get(url) if isinstance(seen, dict) else None
    if not (isinstance(value, dict) and isinstance(value.get("id"), int)
            and isinstance(value.get("hash"), str) and isinstance(value.get("events"), int)):
        return None
    return value


def remember_audit(url: str, head: dict | None) -> None:  # type: ignore[type-arg]
    """Remember a verified head (None: forget it, as after a restore)."""
    data = load()
    seen = data.get("audit")
    seen = seen if isinstance(seen, dict) else {}
    if head is None:
        if seen.pop(url, None) is None:
            return
    else:
        seen[url] = head
    data["audit"] = seen
    _save(data)
