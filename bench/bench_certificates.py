"""Certificates benchmark: 1,000 report cards into one PDF and into 1,000 files.

Prints pages per second for the whole service (read grades, apply the printing
rule, seal, log, shape, draw), for drawing alone, and for the same pages drawn by
a bare reportlab script (strings shaped and QR matrices made beforehand, direct
canvas calls), with the ratio; and the peak memory.  ``./dev.sh bench``.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import segno  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from desktop.domain.calendar import SessionKind  # noqa: E402
from desktop.domain.verification import DocumentKind  # noqa: E402
from desktop.models.db import open_database  # noqa: E402
from desktop.printing import certificates as layout  # noqa: E402
from desktop.printing.fonts import register  # noqa: E402
from desktop.printing.shaping import shape  # noqa: E402
from desktop.services import auth  # noqa: E402
from desktop.services import certificates as C  # noqa: E402
from desktop.services.demo import build_demo  # noqa: E402
from desktop.services.school import list_classes  # noqa: E402


def bare(docs, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The same pages with reportlab alone: every string and QR prepared beforehand."""
    regular, bold = register()
    prepared = []
    for d in docs:
        texts = [shape(t) for t in (d.title, *d.school_lines, *d.summary, d.code_grouped)]
        texts += [shape(v) for pair in d.fields for v in pair]
        texts += [shape(v) for c in d.courses for v in (c.name, c.units, c.grade, c.status)]
        prepared.append((texts, list(segno.make(d.qr_text, error="q",
                                                boost_error=False).matrix)))
    start = time.perf_counter()
    c = Canvas(str(out), pagesize=A4, pageCompression=1)
    for texts, matrix in prepared:
        c.setFont(regular, 9.5)
        for i, t in enumerate(texts):
            c.drawRightString(560, 800 - (i % 60) * 12, t)
        path = c.beginPath()
        m = 99 / (len(matrix) + 4)
        for r, row in enumerate(matrix):
            for col, dark in enumerate(row):
                if dark:
                    path.rect(45 + (col + 2) * m, 45 + 99 - (r + 3) * m, m, m)
        c.drawPath(path, stroke=0, fill=1)
        c.showPage()
    c.save()
    return time.perf_counter() - start


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="daftar-bench-cert-"))
    db = open_database(work / "school.sqlite")
    build_demo(db, year=1405)
    clerk = auth.login(db, "clerk", "daftar")
    classes = [c.id for c in list_classes(db, 1405)]

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    issued = C.issue(db, classes, DocumentKind.REPORT_CARD, SessionKind.DEY, clerk,
                     work / "all.pdf")
    one_pdf = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(issued)
    size = (work / "all.pdf").stat().st_size / 2**20
    print(f"{n} report cards into one PDF (whole service: grades, rule, seal, log, draw): "
          f"{one_pdf:.2f} s, {n / one_pdf:.0f} pages/s, {size:.1f} MiB; peak resident memory "
          f"{rss_after:.0f} MiB ({rss_after - rss_before:+.0f} MiB during the batch)")

    start = time.perf_counter()
    again = C.issue(db, classes, DocumentKind.REPORT_CARD, SessionKind.DEY, clerk,
                    work / "unused.pdf", split_dir=work / "split", reason="بنچمارک")
    split = time.perf_counter() - start
    files = len(list((work / "split").glob("*.pdf")))
    print(f"{len(again)} report cards into {files} files (reprints): {split:.2f} s, "
          f"{len(again) / split:.0f} pages/s")

    # drawing alone, from the documents the service built
    docs = _documents(db, classes, clerk, work)
    shape.cache_clear()
    start = time.perf_counter()
    layout.render(docs, work / "draw.pdf")
    draw = time.perf_counter() - start
    bare_time = bare(docs, work / "bare.pdf")
    print(f"drawing alone: {len(docs) / draw:.0f} pages/s; the same pages by a bare reportlab "
          f"script (strings and QR prepared): {len(docs) / bare_time:.0f} pages/s; "
          f"ratio {draw / bare_time:.2f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the whole benchmark process: {rss:.0f} MiB")


def _documents(db, classes, clerk, work):  # type: ignore[no-untyped-def]
    """Capture the CertificateData of a batch (drawn to a throw-away file)."""
    captured = []
    original = layout.render

    def keep(docs, out):  # type: ignore[no-untyped-def]
        captured.extend(docs)
        return original(captured[-1:], out)

    C_render = C.__dict__.get("render")
    layout.render = keep
    try:
        C.issue(db, classes, DocumentKind.REPORT_CARD, SessionKind.DEY, clerk,
                work / "capture.pdf", reason="بنچمارک")
    finally:
        layout.render = original
    assert C_render is None
    return captured


if __name__ == "__main__":
    main()
