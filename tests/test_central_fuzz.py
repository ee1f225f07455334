"""The central API fuzzed from its own OpenAPI document (Schemathesis, property-based)
against the real server on PostgreSQL on loopback, as a school and as a reviewer: no
server error for any example; then hand-written hostile requests, with nothing stored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_sync import _token, reviewer

pytestmark = pytest.mark.postgres
EXAMPLES = int(os.environ.get("DAFTAR_FUZZ_EXAMPLES", "40"))  # per operation


def schemathesis(base: str, token: str, report: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("schemathesis")
    return subprocess.run(
        [str(exe), "run", f"{base}/openapi.json",
         "--checks", os.environ.get("DAFTAR_FUZZ_CHECKS", "all"),
         # A body the schema allows (any object) but the server refuses after reading it
         # (a batch's signature, its items) is a refusal, not a fault:
         "--exclude-checks", "positive_data_acceptance",
         "--phases", "examples,coverage,fuzzing,stateful", "--max-examples", str(EXAMPLES),
         # One worker: Python 3.11.7's AST builder keeps its recursion depth per interpreter,
         # not per thread, and hypothesis parses lambdas' source in each worker thread: two
         # threads give a spurious "SystemError: AST constructor recursion depth mismatch"
         # (CPython gh-106905), a crash of the fuzzer, not a fault of the server.
         "--seed", "1405", "--workers", "1", "--request-timeout", "20",
         "-H", f"Authorization: Bearer {token}", "--report", "junit",
         "--report-junit-path", str(report), "--warnings", "off"],
        capture_output=True, text=True, timeout=900, cwd=report.parent)  # its cache there


def test_schemathesis_finds_no_server_error(enrolled, central, tmp_path):
    for who, token in (("school", _token(enrolled)), ("reviewer", reviewer(central))):
        done = schemathesis(central.url, token, tmp_path / f"{who}.xml")
        tail = done.stdout[-4000:]
        print(f"\nschemathesis as {who}:\n" + "\n".join(
            ln for ln in done.stdout.splitlines() if "passed" in ln or "failed" in ln
            or "cases" in ln.lower())[-800:])
        assert done.returncode == 0, tail


def test_hostile_requests_are_refused_with_a_reason_and_store_nothing(enrolled, central):
    import httpx
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from central.api import MAX_BATCH_BYTES
    from tests.test_sync import central_counts, first_batch, signed_by_school

    body, signature, batch_uuid = first_batch(enrolled)
    token = _token(enrolled)
    school = {"Authorization": f"Bearer {token}"}
    sig = {"x-daftar-signature": __import__("base64").b64encode(signature).decode()}
    put = f"{central.url}/v1/batches/{batch_uuid}"
    empty = central_counts(central)
    from desktop.services.certificates import signing_key

    with enrolled.unit() as s:
        key, _ = signing_key(s)

    def signed(raw: bytes) -> dict[str, str]:
        return {"x-daftar-signature": __import__("base64").b64encode(
            key.sign(b"DFB1" + raw)).decode()}

    def refused(response: httpx.Response, status: int) -> dict:
        assert response.status_code == status, (response.status_code, response.text[:300])
        problem = response.json()
        assert set(problem) == {"code", "message", "message_en"}, problem
        assert problem["message"] and problem["message"] != problem["message_en"]
        return problem

    with httpx.Client(timeout=30) as http:
        refused(http.put(put, content=body, headers=sig), 401)                # no token
        refused(http.put(put, content=body, headers={**sig, "Authorization": "Bearer x"}),
                401)                                                          # a wrong one
        # malformed bodies, even signed by the school's own key: refused as malformed
        for bad in (b"{not json", body[: len(body) // 2], b"\xff\xfe\x00garbage", b"[]"):
            refused(http.put(put, content=bad, headers={**school, **signed(bad)}), 422)
        refused(http.put(put, content=b"{not json", headers={**school, **sig}), 403)
        refused(http.put(put, content=body, headers=school), 422)            # no signature
        big = refused(http.put(put, content=b" " * (MAX_BATCH_BYTES + 1),
                               headers={**school, **sig}), 413)
        assert big["code"] == "central.too_large"

        def chunks():  # no Content-Length: the server counts as it reads
            for _ in range(MAX_BATCH_BYTES // 1_000_000 + 2):
                yield b" " * 1_000_000

        refused(http.put(put, content=chunks(), headers={**school, **sig}), 413)
        # a key the centre never certified, with the school's own token
        stranger = Ed25519PrivateKey.generate()
        forged = {"x-daftar-signature": __import__("base64").b64encode(
            stranger.sign(b"DFB1" + body)).decode()}
        refused(http.put(put, content=body, headers={**school, **forged}), 403)
        # well signed, but with ids past 64 bits or fields of the wrong kind
        import copy
        import json as _json

        good = _json.loads(body)
        for mutate in (lambda b: b["sheets"][0].__setitem__("id", 2 ** 70),
                       lambda b: b["sheets"][0].__setitem__("version", "x"),
                       lambda b: b["sheets"][0].pop("rows"),
                       lambda b: b["sheets"][0].__setitem__("rows", [[1]])):
            bad = copy.deepcopy(good)
            mutate(bad)
            raw, raw_sig = signed_by_school(enrolled, bad)
            refused(http.put(put, content=raw, headers={**school, "x-daftar-signature":
                             __import__("base64").b64encode(raw_sig).decode()}), 422)
        assert central_counts(central) == empty  # nothing stored by any of these

        # the real batch arrives; replaying its UUID with other content is refused
        assert http.put(put, content=body, headers={**school, **sig}).status_code == 200
        after = central_counts(central)
        changed = __import__("json").loads(body)
        changed["sheets"][0]["rows"][0][2] = "19.75" if changed["sheets"][0]["rows"][0][2] \
            != "19.75" else "18.5"
        other_body, other_sig = signed_by_school(enrolled, changed)
        problem = refused(http.put(put, content=other_body, headers={**school,
                          "x-daftar-signature": __import__("base64").b64encode(
                              other_sig).decode()}), 409)
        assert problem["code"]
        assert central_counts(central) == after  # the first content stands, nothing added
