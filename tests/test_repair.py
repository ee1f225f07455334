"""Registering a past graduate at an adult school for grade repair (seed 000), end to end
with a real central server: their record code and identity checked there, their
record's final-exam courses listed, the courses chosen only from that record and only
in the window, the selection slip printed; and the repair rule as policy data."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import update

from desktop.domain.errors import DaftarError, ValidationError
from desktop.domain.grading import DEFAULT_POLICY, DEFAULT_POLICY_DATA, GradingPolicy
from desktop.domain.repair import RepairPolicy
from desktop.models.entities import Student
from desktop.services import record_codes, repair
from desktop.services.context import PRINCIPAL_ACTOR
from tests.test_confirmations import graduated  # noqa: F401  (the fixture)

pytestmark = pytest.mark.postgres

IN_WINDOW = dt.datetime(2027, 4, 14, 8, 0, tzinfo=dt.UTC)      # 25 Farvardin 1406


def test_the_repair_rule_is_policy_data() -> None:
    rule = DEFAULT_POLICY.repair
    assert rule.rule == "higher" and rule.source
    assert not rule.replaces(Decimal("14"), Decimal("12.5"))    # never lowers a record
    assert not rule.replaces(Decimal("14"), Decimal("14"))
    assert rule.replaces(Decimal("14"), Decimal("14.25")) and rule.replaces(None, Decimal("9"))
    latest = GradingPolicy.from_dict(DEFAULT_POLICY_DATA | {"repair": {"rule": "latest"}})
    assert latest.repair.replaces(Decimal("14"), Decimal("12.5"))
    with pytest.raises(ValidationError):
        RepairPolicy.from_dict({"rule": "best-of-three"})


def test_a_past_graduate_registers_for_repair(graduated, central, tmp_path: Path  # noqa: F811
                                              ) -> None:
    db, issued, who = graduated
    sid = issued[0].student_id
    with db.unit() as s:   # the demo's graduates hold codes from elsewhere; this one has none
        s.execute(update(Student).where(Student.id == sid).values(record_code=None))
    national, serial = who[sid]
    code, _ = record_codes.request(db, PRINCIPAL_ACTOR, national)
    # outside the window (Azar): refused with its dates
    with pytest.raises(ValidationError, match="۱۴۰۶/۰۱/۲۰"):
        repair.register(db, PRINCIPAL_ACTOR, code, "national", national, serial, ["فیزیک"])
    db.clock = lambda: IN_WINDOW
    person, record = repair.graduate_courses(db, code, "national", national, serial)
    assert person["identity"] == national and len(record) >= 5
    assert all(c.grade_level == 12 and c.year == 1405 for c in record)
    chosen = [record[0].name, record[1].code]
    # a course not in the record, a course twice, a wrong record code: refused, nothing kept
    with pytest.raises(ValidationError, match="در سابقهٔ تحصیلی"):
        repair.register(db, PRINCIPAL_ACTOR, code, "national", national, serial, ["نقاشی"])
    with pytest.raises(ValidationError, match="دو بار"):
        repair.register(db, PRINCIPAL_ACTOR, code, "national", national, serial,
                        [record[0].name, record[0].code])
    other = code[:-1] + str((int(code[-1]) + 1) % 10)
    with pytest.raises(DaftarError, match="یکی نیست"):
        repair.register(db, PRINCIPAL_ACTOR, other, "national", national, serial, chosen)
    assert repair.registrations(db) == []
    reg = repair.register(db, PRINCIPAL_ACTOR, code, "national", national, serial, chosen)
    assert [c.name for c in reg.courses] == [record[0].name, record[1].name]
    slip = tmp_path / "slip.pdf"
    assert repair.selection_slip(db, reg.id, slip) == 2
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(slip),
                    str(tmp_path / "slip")], check=True)
    assert (tmp_path / "slip.png").stat().st_size > 5000
