"""Issue 24, point 4: the demo school and the reference central server, out of the box
(tools/demo_central.py, ``./dev.sh demo-central``).  Over real HTTP with PostgreSQL: the
stand-in's decisions handed back, the graduating class approved by this centre's district
and province, a graduate's confirmation asked for, and the archived diploma's code this
centre's: genuine offline and on the public page alike."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

from desktop.services import confirmations, verification
from desktop.services.context import PRINCIPAL_ACTOR

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

pytestmark = pytest.mark.postgres


def test_the_demo_and_the_centre_agree_out_of_the_box(demo_db, central, tmp_path) -> None:
    import demo_central

    enrol, district, province = demo_central.prepare_centre(central, "12345678", "فرهیختگان")
    done = demo_central.flow(demo_db, central.url, enrol, district, province,
                             tmp_path / "originals.pdf")
    assert done.handed[0] > 0 and done.handed[1] == 1
    assert done.approved >= 2 * done.handed[0]     # district and province each
    # a graduate's confirmation, as the office asks for it
    national, serial = done.graduate
    issued = confirmations.request(demo_db, PRINCIPAL_ACTOR, "national", national, serial,
                                   tmp_path / "c.pdf")
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF") and issued
    # the archived diploma: this centre's code, genuine offline and on the page
    code = done.diploma_code
    assert code and verification.verify_code(demo_db, code).status == verification.GENUINE
    from sqlalchemy import select

    from desktop.models.entities import LegacyDiploma

    with demo_db.unit() as s:
        seal_text = s.scalar(select(LegacyDiploma.seal).where(LegacyDiploma.code == code))
    assert seal_text.startswith("DF2:")            # sealed by this centre's own key
    assert verification.verify_text(demo_db, seal_text).status == verification.GENUINE
    answer = httpx.get(f"{central.url}/v1/verify/{code}").json()
    assert answer["status"] == "genuine", answer
