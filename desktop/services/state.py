"""Small facts kept between runs in ``app_state`` (key -> text), in the caller's session."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..models.entities import AppState


def get_state(s: Session, key: str) -> str | None:
    row = s.get(AppState, key)
    return row.value if row else None


def put_state(s: Session, key: str, value: str) -> None:
    row = s.get(AppState, key)
    if row is None:
        s.add(AppState(key=key, value=value))
    else:
        row.value = value
