"""The public page's defects an independent tester found (issue 24, point 3), each in a
test, over real HTTP against the reference centre on PostgreSQL where the page is the
thing tested.  (3a, the one-digit typo, is in tests/test_authority.py.)"""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from central import page, public
from central.core import Refusal
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
    assert "۱۴۰۵-۱۴۰۶" in shown                           # the school year as on the card
    assert "max-width: 480px" in page.CSS and "overflow-x: auto" in page.CSS
