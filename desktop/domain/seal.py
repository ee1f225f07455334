"""The signed QR payload: verifiable offline with the central public key alone.

As European health certificates do: the central server certifies each school's
Ed25519 public key (a *key certificate*); the school signs each document with
its private key; the QR carries the document's fields, the school's key
certificate and the school's signature.  A verifier holding only the central
public key checks the certificate, then the document.

Binary layout (all integers big-endian), base45-encoded (RFC 9285) after the
prefix ``DF1:`` so the whole QR is in alphanumeric mode:

    key certificate  school code (4 bytes) | valid until (days since 1 Jan 2000, 2)
                     | school public key (32) | central signature (64)
    document         code (9 bytes: the 20 digits as a number) | kind (1) | session (1)
                     | issued (days since 1 Jan 2000, 2) | grades digest (16)
                     | identity, name (each: 1 length byte + text: one byte a
                       letter for Persian names, UTF-8 otherwise; see _pack_text)
    school signature (64) over b"DFD1" + key certificate + document

About 250 bytes: a QR of version 12-13 at error correction Q, within the
version-15 limit for 35 mm on a 300 dpi printer.

What only the central server issues (an academic confirmation, an archived diploma's
code: :data:`desktop.domain.authority.AUTHORITY`) is sealed by its own key, with no key
certificate, after the prefix ``DF2:``:

    document | central signature (64) over b"DFC1" + document

so a centre seal cannot be confused with a school's (:attr:`Opened.by_centre`).  Centre
documents sealed before ``DF2:`` carry the central key certified by itself as if it were
a school's; they keep verifying, as centre seals, since only the central key can make
such a certificate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PREFIX = "DF1:"
CENTRE_PREFIX = "DF2:"
EPOCH = dt.date(2000, 1, 1)
_B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_B45_INDEX = {ch: i for i, ch in enumerate(_B45)}


class SealError(ValueError):
    """The payload cannot be read at all (not a Daftar QR, or damaged)."""


def b45encode(data: bytes) -> str:
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        e, n = divmod(n, 45 * 45)
        d, c = divmod(n, 45)
        out += [_B45[c], _B45[d], _B45[e]]
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += [_B45[c], _B45[d]]
    return "".join(out)


def b45decode(text: str) -> bytes:
    try:
        values = [_B45_INDEX[ch] for ch in text]
    except KeyError:
        raise SealError("not base45") from None
    out = bytearray()
    for i in range(0, len(values), 3):
        chunk = values[i:i + 3]
        if len(chunk) == 3:
            n = chunk[0] + chunk[1] * 45 + chunk[2] * 45 * 45
            if n > 0xFFFF:
                raise SealError("not base45")
            out += n.to_bytes(2, "big")
        elif len(chunk) == 2:
            n = chunk[0] + chunk[1] * 45
            if n > 0xFF:
                raise SealError("not base45")
            out.append(n)
        else:
            raise SealError("not base45")
    return bytes(out)


# Names in Persian letters take one byte a letter (UTF-8 takes two): a long name stays
# within a version-15 QR.  A name with any other character falls back to UTF-8; the
# top bit of the length byte says which.
_PERSIAN = (" \u200cآابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئءۀةأإؤ-."
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'")
_P_INDEX = {ch: i for i, ch in enumerate(_PERSIAN)}


def _pack_text(text: str) -> bytes:
    if all(ch in _P_INDEX for ch in text):
        data = bytes(_P_INDEX[ch] for ch in text)
        flag = 0x80
    else:
        data, flag = text.encode(), 0
    if len(data) > 0x7F:
        raise SealError("field too long")
    return bytes([flag | len(data)]) + data


def _unpack_text(d: bytes, pos: int) -> tuple[str, int]:
    flag, length = d[pos] & 0x80, d[pos] & 0x7F
    raw = d[pos + 1:pos + 1 + length]
    if len(raw) != length:
        raise SealError("damaged")
    if flag:
        try:
            return "".join(_PERSIAN[b] for b in raw), pos + 1 + length
        except IndexError:
            raise SealError("damaged") from None
    return raw.decode(), pos + 1 + length


def _days(d: dt.date) -> bytes:
    return (d - EPOCH).days.to_bytes(2, "big")


def _date(b: bytes) -> dt.date:
    return EPOCH + dt.timedelta(days=int.from_bytes(b, "big"))


def canonical(data: object) -> bytes:
    """The one byte form of a JSON value that gets signed (sorted keys, no spaces, UTF-8):
    sync batches, receipts and print permits, on both ends."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class KeyCertificate:
    school_code: str
    valid_until: dt.date
    public_key: bytes      # 32 raw bytes
    signature: bytes       # the central key's, 64 bytes

    def body(self) -> bytes:
        return (int(self.school_code).to_bytes(4, "big") + _days(self.valid_until)
                + self.public_key)

    def encode(self) -> bytes:
        return self.body() + self.signature

    @classmethod
    def decode(cls, data: bytes) -> KeyCertificate:
        """The first 102 bytes of ``data`` as a key certificate."""
        if len(data) < CERT_LENGTH:
            raise SealError("too short")
        return cls(str(int.from_bytes(data[0:4], "big")).zfill(8), _date(data[4:6]),
                   data[6:38], data[38:CERT_LENGTH])


CERT_LENGTH = 4 + 2 + 32 + 64


def certify(central: Ed25519PrivateKey, school_code: str, school_public: bytes,
            valid_until: dt.date) -> KeyCertificate:
    """What the central server does when it enrols a school's key."""
    unsigned = KeyCertificate(school_code, valid_until, school_public, b"")
    return KeyCertificate(school_code, valid_until, school_public,
                          central.sign(b"DFK1" + unsigned.body()))


@dataclass(frozen=True)
class Document:
    code: str              # the 20 digits
    kind: int
    session: int           # 0 none, 1 Dey, 2 Khordad, 3 Shahrivar
    issued: dt.date        # Gregorian
    grades_digest: bytes   # 16 bytes
    identity: str          # national code, or "fida:123..." for a foreign student
    name: str

    def encode(self) -> bytes:
        return (int(self.code).to_bytes(9, "big") + bytes([self.kind, self.session])
                + _days(self.issued) + self.grades_digest
                + _pack_text(self.identity) + _pack_text(self.name))


def grades_digest(lines: list[str]) -> bytes:
    """16 bytes that change if any printed grade changes (one line per course)."""
    return hashlib.sha256("\n".join(lines).encode()).digest()[:16]


def seal(document: Document, certificate: KeyCertificate, school: Ed25519PrivateKey) -> str:
    """The QR text."""
    signed = certificate.encode() + document.encode()
    return PREFIX + b45encode(signed + school.sign(b"DFD1" + signed))


def seal_by_central(central: Ed25519PrivateKey, document: Document) -> str:
    """A document the central server issues itself (an academic confirmation, an archived
    diploma's code): ``DF2:``, signed by the central key alone."""
    body = document.encode()
    return CENTRE_PREFIX + b45encode(body + central.sign(b"DFC1" + body))


@dataclass(frozen=True)
class Opened:
    """A payload read back; ``valid`` says whether both signatures hold.  ``by_centre``:
    sealed by a trusted central key (a ``DF2:`` seal, or a ``DF1:`` one whose certified
    key is the central key itself); ``certificate`` is None for a ``DF2:`` seal."""

    document: Document
    certificate: KeyCertificate | None
    certificate_ok: bool
    signature_ok: bool
    by_centre: bool = False

    @property
    def valid(self) -> bool:
        return self.certificate_ok and self.signature_ok


def _document(d: bytes) -> Document:
    try:
        identity, pos = _unpack_text(d, 29)
        name, pos = _unpack_text(d, pos)
        if pos != len(d):
            raise SealError("bad length")
    except (IndexError, UnicodeDecodeError):
        raise SealError("damaged") from None
    return Document(str(int.from_bytes(d[0:9], "big")).zfill(20), d[9], d[10],
                    _date(d[11:13]), d[13:29], identity, name)


def _verifies(key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def open_seal(text: str, central_keys: list[bytes]) -> Opened:
    """Read and check a QR text against the trusted central public keys (the rule of who
    may seal what is :func:`desktop.domain.authority.seal_fault`)."""
    text = text.strip()
    if text.startswith(CENTRE_PREFIX):
        data = b45decode(text[len(CENTRE_PREFIX):])
        if len(data) < 31 + 64:
            raise SealError("too short")
        body, signature = data[:-64], data[-64:]
        ok = any(_verifies(k, signature, b"DFC1" + body) for k in central_keys)
        return Opened(_document(body), None, ok, ok, by_centre=True)
    if not text.startswith(PREFIX):
        raise SealError("not a Daftar QR")
    data = b45decode(text[len(PREFIX):])
    if len(data) < CERT_LENGTH + 31 + 64:
        raise SealError("too short")
    cert = KeyCertificate.decode(data)
    body, signature = data[:-64], data[-64:]
    document = _document(data[CERT_LENGTH:-64])
    cert_ok = any(_verifies(k, cert.signature, b"DFK1" + cert.body()) for k in central_keys)
    sig_ok = _verifies(cert.public_key, signature, b"DFD1" + body)
    return Opened(document, cert, cert_ok, sig_ok,
                  by_centre=cert_ok and cert.public_key in central_keys)
