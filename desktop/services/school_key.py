"""The school's signing key, kept encrypted: a copied database file cannot sign.

The Ed25519 private key that seals certificates and sync batches is stored in ``app_state``
only encrypted (AES-256-GCM) under a key derived from the
principal's password with argon2id (OWASP's parameters: 19 MiB, 2 passes).  The salt, the
parameters and a check value (the same cipher over a constant) sit beside it, so a wrong
password is told at once, before anything is signed.

* The derived key is held in this process's memory only, per open database, from an unlock
  until :func:`lock`: the principal's sign-in unlocks it with the password just typed;
  anyone else who prints or sends is asked for the principal's password once per sign-in
  (:func:`unlock`); the window's idle lock and sign-out forget it.
* The key is always wrapped under the *current* principal's password: a new principal
  account, or the principal's new password, re-wraps it (:func:`set_passphrase`) while the
  key is open, and the old password stops opening it.
* A file from before this protection holds the key in plain text; the principal's next
  sign-in encrypts it and erases the plain text (SQLite ``secure_delete`` and a WAL
  checkpoint).  Backups made before that still hold it; the closing note says so.
* A new school key (enrolment with the central server, the demo's) is sealed with the open
  key; with none open it is refused (``key.locked``).
"""

from __future__ import annotations

import json
import os
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from ..domain.errors import DaftarError
from ..models.db import Database
from .state import get_state, put_state

PLAIN = "school.ed25519"            # the key before this protection (hex), erased on wrapping
SEALED = "school.ed25519.sealed"    # {"nonce", "ct"}
KDF = "school.ed25519.kdf"          # {"salt", "t", "m", "p", "nonce", "check"}
TIME_COST, MEMORY_KIB, LANES = 2, 19_456, 1
_CHECK = b"daftar school key check v1"
ERASED = "school_key.erased_plain"  # in Session.info

_OPEN: weakref.WeakKeyDictionary[Engine, bytes] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class KeyState:
    protected: bool   # a passphrase is set
    has_key: bool     # a school key exists (sealed or, before protection, plain)
    plain: bool       # still in plain text (a file from before the protection)


def _derive(passphrase: str, params: dict[str, object]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(passphrase.encode(), bytes.fromhex(str(params["salt"])),
                           time_cost=int(params["t"]), memory_cost=int(params["m"]),  # type: ignore[call-overload]
                           parallelism=int(params["p"]), hash_len=32, type=Type.ID)  # type: ignore[call-overload]


def _aad(_s: Session) -> bytes:
    return b"daftar-school-key-v1"


def _engine(s: Session) -> Engine:
    bind = s.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def state(s: Session) -> KeyState:
    return KeyState(get_state(s, KDF) is not None,
                    get_state(s, SEALED) is not None or get_state(s, PLAIN) is not None,
                    get_state(s, PLAIN) is not None)


def is_open(db: Database) -> bool:
    return db.engine in _OPEN


def needs_unlock(db: Database) -> bool:
    """Whether signing here would ask for the principal's password first."""
    with db.unit() as s:
        st = state(s)
    return st.has_key and not st.plain and not is_open(db)


def lock(db: Database) -> None:
    """Forget the open key (sign-out, the idle lock)."""
    _OPEN.pop(db.engine, None)


def _seal(s: Session, kek: bytes, private: Ed25519PrivateKey) -> None:
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    nonce = os.urandom(12)
    ct = AESGCM(kek).encrypt(nonce, raw, _aad(s))
    put_state(s, SEALED, json.dumps({"nonce": nonce.hex(), "ct": ct.hex()}))
    if get_state(s, PLAIN) is not None:
        _erase_plain(s)


def _erase_plain(s: Session) -> None:
    from ..models.entities import AppState

    if _engine(s).url.get_backend_name() == "sqlite":
        s.execute(text("PRAGMA secure_delete=ON"))  # the freed page is overwritten with zeros
    row = s.get(AppState, PLAIN)
    if row is not None:
        s.delete(row)
        s.flush()
    s.info[ERASED] = True  # the caller checkpoints the WAL after the commit: see checkpoint()


def checkpoint(db: Database) -> None:
    """After the plain key was erased: copy the WAL into the file and empty it, so that no
    old page with the plain key stays in the -wal file."""
    if db.path is not None:
        import sqlite3

        conn = sqlite3.connect(db.path, timeout=10)  # outside any transaction
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()


def derive_ahead(s: Session, passphrase: str) -> Callable[[], bytes | None]:
    """Start deriving the key-encryption key from ``passphrase`` on another thread (argon2
    leaves the interpreter free, so the sign-in's own password check runs beside it on
    the second core); the returned call waits for it (None: no passphrase set yet)."""
    params = json.loads(get_state(s, KDF) or "null")
    if params is None:
        return lambda: None
    out: list[bytes] = []
    worker = threading.Thread(target=lambda: out.append(_derive(passphrase, params)),
                              name="daftar-kdf")
    worker.start()

    def wait() -> bytes | None:
        worker.join()
        return out[0] if out else None
    return wait


def _open_kek(s: Session, passphrase: str, derived: bytes | None = None) -> bytes | None:
    params = json.loads(get_state(s, KDF) or "null")
    if params is None:
        return None
    kek = derived if derived is not None else _derive(passphrase, params)
    try:
        AESGCM(kek).decrypt(bytes.fromhex(params["nonce"]), bytes.fromhex(params["check"]),
                            _aad(s))
    except InvalidTag:
        return None
    return kek


def set_passphrase(s: Session, passphrase: str) -> None:
    """Wrap the school key under a new passphrase (the current principal's password).

    The first time (no passphrase yet) anyone may; afterwards the key must be open in this
    process (the principal signed in, or unlocked it), and it is re-wrapped."""
    engine = _engine(s)
    current = state(s)
    private = None
    if current.protected:
        kek = _OPEN.get(engine)
        if kek is None:
            raise DaftarError("key.locked")
        private = _decrypt(s, kek) if get_state(s, SEALED) else None
    elif current.plain:
        private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(get_state(s, PLAIN) or ""))
    params: dict[str, object] = {"salt": os.urandom(16).hex(), "t": TIME_COST, "m": MEMORY_KIB,
                                 "p": LANES}
    kek = _derive(passphrase, params)
    nonce = os.urandom(12)
    params.update(nonce=nonce.hex(), check=AESGCM(kek).encrypt(nonce, _CHECK, _aad(s)).hex())
    put_state(s, KDF, json.dumps(params))
    if private is not None:
        _seal(s, kek, private)
    _OPEN[engine] = kek


def open_with(s: Session, passphrase: str, derived: bytes | None = None) -> bool:
    """At the principal's sign-in: open the key with the password just checked
    (``derived``: its key-encryption key from :func:`derive_ahead`).  A school with no
    passphrase yet gets this one (and a plain key from before is wrapped)."""
    if get_state(s, KDF) is None:
        set_passphrase(s, passphrase)
        return True
    kek = _open_kek(s, passphrase, derived)
    if kek is None:
        return False  # a principal account that is not the one the key was given to
    _OPEN[_engine(s)] = kek
    return True


def unlock(db: Database, passphrase: str) -> None:
    """Open the key with the principal's password (someone else is printing or sending)."""
    with db.unit() as s:
        kek = _open_kek(s, passphrase or "")
    if kek is None:
        raise DaftarError("key.passphrase")
    _OPEN[db.engine] = kek


def store(s: Session, private: Ed25519PrivateKey) -> None:
    """Keep a new school key, sealed with the open key."""
    kek = _OPEN.get(_engine(s))
    if kek is None:
        raise DaftarError("key.locked")
    _seal(s, kek, private)


def _decrypt(s: Session, kek: bytes) -> Ed25519PrivateKey:
    sealed = json.loads(get_state(s, SEALED) or "null")
    if sealed is None:
        raise DaftarError("cert.no_key")
    try:
        raw = AESGCM(kek).decrypt(bytes.fromhex(sealed["nonce"]), bytes.fromhex(sealed["ct"]),
                                  _aad(s))
    except InvalidTag:
        raise DaftarError("key.passphrase") from None
    return Ed25519PrivateKey.from_private_bytes(raw)


def private_key(s: Session) -> Ed25519PrivateKey:
    """The school key to sign with; ``key.locked`` until it is opened in this process."""
    plain = get_state(s, PLAIN)
    if plain is not None:  # a file from before the protection, until the principal signs in
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(plain))
    if get_state(s, SEALED) is None:
        raise DaftarError("cert.no_key")
    kek = _OPEN.get(_engine(s))
    if kek is None:
        raise DaftarError("key.locked")
    return _decrypt(s, kek)
