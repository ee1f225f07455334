"""This PC's own settings (not the school's): which database the program opens.

A JSON file in the user's configuration folder (platformdirs): ``{"database": URL}``.
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


def choose_database(target: str | None) -> Path:
    """Remember ``target`` (a URL or a file) as this PC's database; None forgets it."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = load()
    if target:
        data["database"] = target
    else:
        data.pop("database", None)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path
