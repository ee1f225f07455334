"""The public page's defects an independent tester found (issue 24, point 3), each in a
test, over real HTTP against the reference centre on PostgreSQL where the page is the
thing tested.  (3a, the one-digit typo, is in tests/test_authority.py.)"""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from central import page, public
from central.core import Refusal
from desktop.domain.calendar import school_year_shown
from tests.conftest import FIXED_NOW

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("where,fields", [
    ("/verify", {"code": "1\x002"}), ("/verify", {"code": "12345", "national": "00\x07"}),
    ("/confirm", {"kind": "national", "value": "abc\u202eTXT.EXE 0012", "secret": "1"}),
    ("/record-code", {"kind": "national", "value": "0012345679", "secret": "12\x00"}),
    ("/confirm", {"kind": "national\u2067", "value": "0012345679", "secret": "1"}),
])
def test_control_and_reordering_characters_are_refused_not_echoed(central, where, fields):
    if where == "/verify":
        answer = httpx.get(central.url + where, params=fields)
    else:
        answer = httpx.post(central.url + where, data=fields)
    assert answer.status_code == 422
    assert "نویسهٔ کنترلی" in answer.text
    for ch in ("\x00", "\x07", "\u202e", "\u2067"):
        assert ch not in answer.text


def test_the_limit_counts_what_was_answered(central, monkeypatch):
    """A client polling at 40 a minute is answered about 30 times a minute for as long as
    it polls, not locked out for ever by its own refused inquiries."""
    now = [FIXED_NOW]
    monkeypatch.setattr(central, "clock", lambda: now[0])
    answered = []
    for i in range(200):                        # 5 minutes at one every 1.5 s
        now[0] = FIXED_NOW + dt.timedelta(seconds=1.5 * i)
        try:
            public.inquire(central, "198.51.100.4", "12345678901234567890")
            answered.append(i)
        except Refusal as e:
            assert e.status == 429
    assert len(answered) >= 140                 # ~30 a minute over 5 minutes
    assert any(i > 100 for i in answered)       # and still, minutes later


def test_headers_the_year_and_who_issued(central):
    status = httpx.get(central.url + "/v1/status")
    assert status.headers["x-content-type-options"] == "nosniff"
    home = httpx.get(central.url + "/")
    assert "frame-ancestors 'none'" in home.headers["content-security-policy"]
    assert "انتخاب عکس یا اسکن" in home.text           # the file button in Persian
    shown = page.answer(public.Answer("genuine", "m", code="12345678051000000018",
                                      kind="کارنامه", year=1405, school="دبیرستان"))
    assert school_year_shown(1405) in shown               # the school year as on the card
    assert "max-width: 480px" in page.CSS and "overflow-x: auto" in page.CSS


def test_a_bulk_verifier_has_its_own_key_quota_and_log(central):
    """A university's registrar behind one address verifies with an API key: its own quota
    a minute, its own lines in the log, and the public's limit untouched."""
    from tests.central_rig import central_cli

    done = central_cli(central.engine.url.render_as_string(hide_password=False),
                       "apikey", "add", "دانشگاه نمونه", "--per-minute", "50")
    assert done.returncode == 0, done.stderr
    key = done.stdout.strip()
    assert key.startswith("k_")
    code = "12345678051000000018"
    for _ in range(40):   # past the public's 30 a minute, within the key's 50
        answer = httpx.get(f"{central.url}/v1/verify/{code}", headers={"X-Api-Key": key})
        assert answer.status_code == 200, answer.text
        assert answer.headers["x-content-type-options"] == "nosniff"
    # the address's own limit is untouched by the key's inquiries
    assert httpx.get(f"{central.url}/v1/verify/{code}").status_code == 200
    for _ in range(10):
        httpx.get(f"{central.url}/v1/verify/{code}", headers={"X-Api-Key": key})
    limited = httpx.get(f"{central.url}/v1/verify/{code}", headers={"X-Api-Key": key})
    assert limited.status_code == 429
    assert httpx.get(f"{central.url}/v1/verify/{code}",
                     headers={"X-Api-Key": "k_wrong"}).status_code == 401
    log = central_cli(central.engine.url.render_as_string(hide_password=False),
                      "inquiries", "--key", "1", "--minutes", "100000")  # the server's clock
    assert "api\tunknown\t50" in log.stdout and "api\tlimited\t1" in log.stdout
