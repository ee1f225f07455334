"""The demo school with the reference central server, end to end, in one command
(``./dev.sh demo-central``; issue 24, point 4).

A fresh demo school decides its graduating class and its archived diploma with a
stand-in centre (its own throwaway key), so a real centre knows nothing of them: a
confirmation is refused («نمره‌ای از او به سرور مرکزی نرسیده است») and the diploma's code
is unknown on the public page.  This makes a centre that knows them, truthfully, through
the real paths over HTTP:

1. a fresh central database: the demo school registered, a district and a province
   reviewer, the demo's sessions' deadlines moved so that its sheets are in time;
2. a fresh demo school enrolled there (a new school key, certified by this centre);
3. what the stand-in decided handed back (``services.demo.hand_to_centre``): the
   graduating class's sheets re-approved by the principal and queued, the archived
   diploma filed again; with the year's other approved sheets, sent;
4. the district and then the province approve everything waiting, over the review API;
5. the school pulls the decisions: its graduates' originals can be printed, a
   confirmation asked for, and the diploma's code is this centre's, «اصیل» offline and
   «معتبر» on the page alike.

    python tools/demo_central.py --db POSTGRES_URL --school FILE.sqlite [--port 8750]

The server keeps running (Ctrl+C stops it); the commands to try are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DISTRICT = "منطقه ۶ تهران"


@dataclass
class Done:
    sheets_sent: int
    handed: tuple[int, int]
    approved: int
    diplomas: int
    graduate: tuple[str, str]       # national code, birth-certificate serial
    diploma_code: str | None


def prepare_centre(admin: Any, school_code: str, school_name: str) -> tuple[str, str, str]:
    """The demo school registered, a district and a province reviewer, the deadlines of
    this school year moved 60 days ahead (the demo's sheets are in time whenever it is
    made); (enrolment code, district token, province token)."""
    from desktop.domain.calendar import DEFAULT_CALENDAR, SessionKind, today_tehran
    from desktop.domain.workflow import Role

    today = today_tehran(admin.clock())
    year = DEFAULT_CALENDAR.school_year_of(today)

    code = admin.add_school(school_code, school_name, "تهران", DISTRICT)
    district = admin.add_reviewer("district-demo", "کارشناس سنجش منطقه", Role.DISTRICT,
                                  "تهران", DISTRICT)
    province = admin.add_reviewer("province-demo", "کارشناس سنجش استان", Role.PROVINCE,
                                  "تهران", None)
    for session in (SessionKind.DEY, SessionKind.KHORDAD):
        admin.set_deadline(year, session, today.togregorian() + dt.timedelta(days=60))
    return code, district, province


def approve_all(url: str, token: str) -> tuple[int, int]:
    """Every sheet and archived diploma waiting for this reviewer, approved; how many."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
        sheets = [w["id"] for w in http.get("/v1/review/sheets").raise_for_status().json()]
        if sheets:
            http.post("/v1/review/sheets/decide",
                      json={"ids": sheets, "approve": True}).raise_for_status()
        diplomas = http.get("/v1/review/legacy").raise_for_status().json()
        for d in diplomas:
            http.post(f"/v1/review/legacy/{d['id']}/decide",
                      json={"approve": True}).raise_for_status()
    return len(sheets), len(diplomas)


def flow(db: Any, url: str, enrol: str, district: str, province: str,
         originals: Path) -> Done:
    """Steps 2-5 on an open demo school ``db`` and a centre at ``url``; the graduating
    class's originals printed to ``originals`` and registered, as the school would."""
    from sqlalchemy import select

    from desktop.domain.calendar import SessionKind
    from desktop.domain.verification import DocumentKind
    from desktop.domain.workflow import Action
    from desktop.models.entities import LegacyDiploma, Student
    from desktop.services import approvals, auth, school_key, sync
    from desktop.services.certificates import issue_class
    from desktop.services.demo import DEMO_PASSWORD, GRADUATING_CLASS, hand_to_centre
    from desktop.services.remote import connect
    from desktop.services.school import find_class, list_years
    from desktop.services.students import search_students

    principal = auth.login(db, "principal", DEMO_PASSWORD)
    if school_key.needs_unlock(db):
        school_key.unlock(db, DEMO_PASSWORD)
    connect(db, url, enrol, principal)
    assert sync.run(db).ok, "the first pull (the moved deadlines) failed"
    handed = hand_to_centre(db, principal)
    ready = [x.sheet_id for year in list_years(db)
             for x in approvals.queue(db, principal, year) if x.state.value == "approved"]
    approvals.move(db, ready, Action.QUEUE, principal)
    report = sync.run(db)
    assert report.ok, report
    sent = report.sent
    approved = 0
    diplomas = 0
    for token in (district, province):
        n, d = approve_all(url, token)
        approved += n
        diplomas = max(diplomas, d)
    assert sync.run(db).ok
    year = list_years(db)[-1]
    klass = find_class(db, GRADUATING_CLASS, year)
    issue_class(db, klass.id, DocumentKind.ORIGINAL, SessionKind.KHORDAD, principal, originals)
    assert sync.run(db).ok   # the prints reach the centre: a confirmation may be asked for
    graduate = search_students(db, class_id=klass.id, year=year)[0]
    with db.unit() as s:
        serial = s.get(Student, graduate.id).birth_cert_serial or ""
        code = s.scalar(select(LegacyDiploma.code).limit(1))
    return Done(sent, handed, approved, diplomas, (graduate.national_code or "", serial),
                code)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="the central server's PostgreSQL URL "
                                                "(an empty database)")
    ap.add_argument("--school", required=True, help="the demo school's file (made anew)")
    ap.add_argument("--port", type=int, default=8750)
    a = ap.parse_args()
    from central.db import make_engine, migrate
    from central.service import Central
    from desktop.models.db import open_database
    from desktop.services.demo import DEMO_SCHOOL_CODE, build_demo

    admin = Central(make_engine(a.db, 2))
    migrate(admin.engine)
    admin.make_partitions()
    admin.init_authority()
    school = Path(a.school)
    if school.exists():
        school.unlink()
    db = open_database(school)
    build_demo(db)
    from desktop.services.school import get_school

    enrol, district, province = prepare_centre(admin, DEMO_SCHOOL_CODE, get_school(db).name)
    url = f"http://127.0.0.1:{a.port}"
    server = subprocess.Popen([sys.executable, "-m", "central.cli", "--db", a.db, "serve",
                               "--port", str(a.port)], cwd=ROOT)
    try:
        import httpx

        for _ in range(100):   # until it answers
            try:
                if httpx.get(url + "/v1/status", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        done = flow(db, url, enrol, district, province,
                    school.with_name("demo-originals.pdf"))
        national, serial = done.graduate
        print(f"""
central server: {url} (database {a.db})
the demo school: {school}
  (the graduates' originals in {school.with_name("demo-originals.pdf")});
  {done.handed[0]} sheets and {done.handed[1]} archived diploma handed from the demo's
  stand-in to this centre; {done.approved} sheet approvals by the district and the
  province; the archived diploma's code from this centre: {done.diploma_code}

try:
  .venv/bin/daftar --db {school} confirm {national} --serial "{serial}" --out c.pdf
  .venv/bin/daftar --db {school} verify {done.diploma_code}
  {url}/verify?code={done.diploma_code}
  .venv/bin/daftar --db {school}           (the window; principal / daftar)
Ctrl+C stops the server.""", flush=True)
        db.dispose()
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.terminate()


if __name__ == "__main__":
    sys.exit(main())
