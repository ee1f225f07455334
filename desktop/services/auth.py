"""Users, passwords (argon2id), sign-in, and which teacher teaches what.

The principal's account is made with the school; the principal adds the others.
Every service that changes something takes the signed-in :class:`Actor` and checks
its role itself: a button hidden in the window is not a check.

Sign-in slows down after repeated failures of one username (whether or not it exists):
after the third, the next try waits 5 s, then 10, 20, ... up to 5 minutes, and the
refusal says how long (the count is kept in the database, so restarting does not reset
it).  The principal's sign-in opens the school's signing key (:mod:`.school_key`); a new
principal account or the principal's new password re-wraps it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from ..domain.errors import DaftarError, NotFound, ValidationError
from ..domain.text import normalize
from ..domain.workflow import OFFICE, Role
from ..models.db import Database
from ..models.entities import ClassGroup, Course, Teaching, User
from . import audit, school_key
from .context import Actor
from .school import list_courses
from .state import get_state, put_state

# argon2id (the library's default type) with its RFC 9106 "low memory" profile:
# ~50 ms on an office PC, 64 MiB.
HASHER = PasswordHasher()
MIN_PASSWORD = 6
PRINCIPAL_ONLY = frozenset({Role.PRINCIPAL})
FREE_TRIES, FIRST_WAIT_S, LONGEST_WAIT_S = 3, 5, 300


def wait_after(failures: int) -> int:
    """Seconds the next sign-in of a username waits after ``failures`` failures in a row."""
    if failures < FREE_TRIES:
        return 0
    return min(FIRST_WAIT_S * 2 ** (failures - FREE_TRIES), LONGEST_WAIT_S)


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError("auth.password_short", length=MIN_PASSWORD)
    return password


def _username(text: str) -> str:
    name = normalize(text).lower()
    if not name or " " in name or len(name) > 50:
        raise ValidationError("auth.username", value=text)
    return name


def create_user(db: Database, username: str, display_name: str, role: Role, password: str,
                actor: Actor, first: bool = False) -> UserInfo:
    """Add a user.  Only the principal may, except the school's very first account."""
    if role not in OFFICE:
        raise ValidationError("auth.role", value=role.label_fa)
    name = _username(username)
    shown = normalize(display_name)
    if not shown:
        raise ValidationError("name.empty", field="نام")
    digest = HASHER.hash(_check_password(password))
    with db.unit() as s:
        has_users = s.scalar(select(User.id).limit(1)) is not None
        if first:
            if has_users or role is not Role.PRINCIPAL:
                raise DaftarError("auth.not_first")
        else:
            actor.require(PRINCIPAL_ONLY, "افزودن کاربر")
        if s.scalar(select(User.id).where(User.username == name)) is not None:
            raise ValidationError("auth.username_taken", value=name)
        user = User(username=name, display_name=shown, role=role, password_hash=digest)
        s.add(user)
        s.flush()
        if role is Role.PRINCIPAL:
            # The school key now opens with the new principal's password (and not the
            # old one's); the first account sets it.  Refused if the key is not open here.
            school_key.set_passphrase(s, password)
        audit.record(s, actor if not first else Actor(name, shown, role, user.id),
                     "user.create", "app_user", user.id,
                     new={"username": name, "role": role.value})
        return UserInfo(user.id, name, shown, role, True)


def login(db: Database, username: str, password: str) -> Actor:
    """The actor for a correct username and password; one message for every failure.

    Every attempt is an audit event; a failed one is recorded, then refused.  While a
    username waits after repeated failures (:func:`wait_after`) it is refused unread.
    """
    name = normalize(username).lower()
    failures_key = f"auth.failures:{name}"
    now = db.clock()
    with db.unit() as s:
        failures = json.loads(get_state(s, failures_key) or '{"n": 0, "at": null}')
        if failures["at"] is not None:
            ready = dt.datetime.fromisoformat(failures["at"]) + dt.timedelta(
                seconds=wait_after(failures["n"]))
            if now < ready:
                raise DaftarError("auth.slowed", count=failures["n"],
                                  seconds=int((ready - now).total_seconds()) + 1)
        user = s.scalar(select(User).where(User.username == name))
        ok = False
        ahead = None
        if user is not None and user.active and user.role is Role.PRINCIPAL:
            ahead = school_key.derive_ahead(s, password or "")  # beside the check below
        if user is not None and user.active and user.password_hash:
            try:
                ok = HASHER.verify(user.password_hash, password or "")
            except (VerificationError, InvalidHashError):
                ok = False
        else:
            HASHER.hash("timing")  # the same cost whether or not the user exists
        if ok and user is not None:
            who = Actor(user.username, user.display_name, user.role, user.id)
            if HASHER.check_needs_rehash(user.password_hash or ""):
                user.password_hash = HASHER.hash(password)
            if failures["n"]:
                put_state(s, failures_key, json.dumps({"n": 0, "at": None}))
            if user.role is Role.PRINCIPAL:
                school_key.open_with(s, password, ahead() if ahead else None)
            audit.record(s, who, "login", "app_user", user.id)
            erased = bool(s.info.pop(school_key.ERASED, False))
        if ahead is not None and not ok:
            ahead()  # a wrong password: its derivation is waited for, not used
        entity_id = user.id if user is not None else name
    if ok:
        if erased:
            school_key.checkpoint(db)
        return who
    with db.unit() as s:
        put_state(s, failures_key, json.dumps({"n": failures["n"] + 1, "at": now.isoformat()}))
        audit.record(s, Actor(name, name, Role.CLERK), "login.failed", "app_user", entity_id)
    wait = wait_after(failures["n"] + 1)
    if wait:
        raise DaftarError("auth.failed_wait", seconds=wait)
    raise DaftarError("auth.failed")


def change_password(db: Database, actor: Actor, old: str, new: str) -> None:
    login(db, actor.username, old)  # the principal's: opens the school key
    digest = HASHER.hash(_check_password(new))
    with db.unit() as s:
        user = s.get(User, actor.user_id)
        if user is None:
            raise NotFound("not_found", what="کاربر", value=actor.username)
        user.password_hash = digest
        if user.role is Role.PRINCIPAL and school_key.is_open(db):
            school_key.set_passphrase(s, new)
        audit.record(s, actor, "user.password", "app_user", user.id)


def list_users(db: Database) -> list[UserInfo]:
    with db.unit() as s:
        return [UserInfo(u.id, u.username, u.display_name, u.role, u.active)
                for u in s.scalars(select(User).order_by(User.id))]


def has_users(db: Database) -> bool:
    with db.unit() as s:
        return s.scalar(select(User.id).limit(1)) is not None


def assign_course(db: Database, teacher_id: int, class_id: int, course_id: int,
                  actor: Actor) -> None:
    """Give a class's course to a teacher (replacing any earlier teacher of it)."""
    actor.require(PRINCIPAL_ONLY | {Role.DEPUTY}, "واگذاری درس")
    taken = {c.id for c in list_courses(db, class_id)}  # the courses the class takes
    with db.unit() as s:
        teacher = s.get(User, teacher_id)
        if teacher is None or teacher.role is not Role.TEACHER:
            raise ValidationError("auth.not_teacher")
        klass, course = s.get(ClassGroup, class_id), s.get(Course, course_id)
        if klass is None or course is None:
            raise NotFound("not_found", what="کلاس یا درس", value=f"{class_id}/{course_id}")
        if course_id not in taken:
            raise ValidationError("setup.teaching_course", klass=klass.name, course=course.name)
        row = s.scalar(select(Teaching).where(Teaching.class_id == class_id,
                                              Teaching.course_id == course_id))
        old = row.user_id if row else None
        if row is None:
            s.add(Teaching(user_id=teacher_id, class_id=class_id, course_id=course_id))
        else:
            row.user_id = teacher_id
        audit.record(s, actor, "teaching.assign", "teaching", f"{class_id}:{course_id}",
                     old={"teacher": old}, new={"teacher": teacher_id})


def teaches(s, actor: Actor, class_id: int, course_id: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``actor`` is the teacher of this class's course (in the caller's session)."""
    if actor.user_id is None:
        return False
    return s.scalar(select(Teaching.id).where(
        Teaching.user_id == actor.user_id, Teaching.class_id == class_id,
        Teaching.course_id == course_id)) is not None
