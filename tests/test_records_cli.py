"""``daftar legacy``, ``daftar confirm`` and ``daftar-central confirm / inquiries`` as
a script would run them, against a real central server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain.verification import DocumentKind, parse_code
from tests.central_rig import ROOT, central_cli
from tests.test_sync import review, reviewer

pytestmark = pytest.mark.postgres


def daftar(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(path), *args],
                          cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, DAFTAR_PASSWORD="daftar",
                                   DAFTAR_KEY_PASSPHRASE="daftar"))


def test_archived_diploma_and_confirmation_from_the_command_line(enrolled, central,
                                                                 central_server,
                                                                 tmp_path: Path) -> None:
    path = Path(enrolled.engine.url.database)
    enrolled.dispose()
    entry = ["--national", "0012345679", "--first", "حسن", "--last", "کاظمی", "--father", "رضا",
             "--birth", "1360/05/01", "--serial", "ج/12 456789", "--field", "ریاضی فیزیک",
             "--graduated", "1378", "--ledger", "دفتر 2 صفحه 45"]
    wrong = daftar(path, "legacy", "add", *entry, "--average", "21")
    assert wrong.returncode == 1 and "معدل" in wrong.stderr
    done = daftar(path, "legacy", "add", *entry, "--average", "16.25")
    assert done.returncode == 0, done.stderr
    assert daftar(path, "sync").returncode == 0
    for token in (reviewer(central), reviewer(central, "province", None)):
        [waiting] = review(central, token, "/v1/review/legacy").json()
        review(central, token, f"/v1/review/legacy/{waiting['id']}/decide", {"approve": True})
    pulled = daftar(path, "sync")
    assert pulled.returncode == 3 and "دریافتی: ۲" in pulled.stdout   # nothing to send
    listed = daftar(path, "--lang", "en", "legacy", "list")
    assert "province_approved" in listed.stdout
    code = listed.stdout.strip().split("\t")[-1]
    assert parse_code(code).kind is DocumentKind.LEGACY
    page = daftar(path, "legacy", "print", "2", "--out", str(tmp_path / "legacy.pdf"))
    assert page.returncode == 0 and (tmp_path / "legacy.pdf").stat().st_size > 5000
    asked = daftar(path, "confirm", "0012345679", "--serial", "ج12456789",
                   "--out", str(tmp_path / "c.pdf"))
    assert asked.returncode == 0, asked.stderr
    refused = daftar(path, "confirm", "0012345679", "--serial", "x", "--out",
                     str(tmp_path / "no.pdf"))
    assert refused.returncode == 1 and "تأییدیه صادر نشد" in refused.stderr
    assert not (tmp_path / "no.pdf").exists()
    # at the centre's desk: the same confirmation again; the log counted, codes not listed
    desk = central_cli(central_server.db_url, "confirm", "0012345679", "--serial", "ج/12 456789",
                       "--out", str(tmp_path / "desk.pdf"))
    assert desk.returncode == 0 and "issued before" in desk.stdout
    # (the test server's clock starts on 1 Azar; the command's is today's)
    summary = central_cli(central_server.db_url, "inquiries", "--minutes", "100000")
    assert summary.returncode == 0
    lines = {tuple(line.split("\t")[:2]) for line in summary.stdout.splitlines()}
    assert ("school", "issued") in lines and ("school", "refused") in lines
    assert code not in summary.stdout


def test_sync_queue_puts_the_approved_sheets_in_the_outbox_and_sends_them(demo_db, central):
    """Issue 24, point 4: the window's «گذاشتن در صف ارسال» from the command line."""
    from desktop.services import sync
    from desktop.services.context import PRINCIPAL_ACTOR
    from tests.test_sync import central_counts

    sync.connect(demo_db, central.url, central.add_school("12345678", "فرهیختگان", "تهران",
                                                          "منطقه ۶ تهران"), PRINCIPAL_ACTOR)
    path = Path(demo_db.engine.url.database)
    demo_db.dispose()
    done = daftar(path, "sync", "--queue")
    assert done.returncode == 0, done.stderr
    assert "برگهٔ تأییدشدهٔ مدیر در صف ارسال گذاشته شد" in done.stdout
    assert central_counts(central)["sheet"] > 100    # the Dey sheets the principal approved
    again = daftar(path, "sync", "--queue")
    assert again.returncode == 3 and "۰ برگهٔ تأییدشدهٔ" in again.stdout
