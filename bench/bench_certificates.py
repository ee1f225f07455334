"""Certificates benchmark: 1,000 report cards into one PDF and into 1,000 files.

Prints pages per second for the whole service (read grades, apply the printing
rule, seal, log, shape, draw), for drawing alone, and for the same pages drawn by
a bare reportlab script (strings shaped and QR matrices made beforehand, direct
canvas calls), with the ratio; and the peak memory.  ``./dev.sh bench``.
"""

from __future__ import annotations

import io
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


def bare(docs, out: Path) -> float:  # type: ignore[no-untyped-def]
    """The same pages with reportlab alone: every string shaped and placed beforehand
    (the positions our layout chose), the QR as the same single path; no wrapping,
    measuring or table logic.  Returns the seconds of drawing."""
    register()
    prepared = []
    for d in docs:
        pen = layout.draw(Canvas(io.BytesIO(), pagesize=A4), d, record=True)
        strings = [p.drawn for p in pen.placed]
        prepared.append((strings, d.qr_text))
    start = time.perf_counter()
    c = Canvas(str(out), pagesize=A4, pageCompression=1)
    for strings, qr in prepared:
        for shaped, x, y, font, size in strings:
            c.setFont(font, size)
            c.drawString(x, y, shaped)
        layout.qr(c, qr, 40, 40, layout.QR_SIZE)
        c.showPage()
    c.save()
    return time.perf_counter() - start


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="daftar-bench-cert-"))
    db = open_database(work / "school.sqlite")
    build_demo(db, year=1405)  # the principal's password opens the seal in this process
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

    # Reprints, one PDF and separate files interleaved three times (this machine's
    # speed wanders by a fifth from one minute to the next): the median and the best.
    timings: dict[str, list[float]] = {"one PDF": [], "files": []}
    for round_ in range(3):
        for mode in timings:
            split_dir = work / f"split{round_}" if mode == "files" else None
            start = time.perf_counter()
            again = C.issue(db, classes, DocumentKind.REPORT_CARD, SessionKind.DEY, clerk,
                            work / "again.pdf", split_dir=split_dir, reason="بنچمارک")
            timings[mode].append(len(again) / (time.perf_counter() - start))
    files = len(list((work / "split0").glob("*.pdf")))
    for mode, rates in timings.items():
        rates.sort()
        into = "one PDF" if mode == "one PDF" else f"{files} files"
        print(f"{n} report cards (reprints) into {into}: median {rates[1]:.0f} pages/s, "
              f"best {rates[2]:.0f}, worst {rates[0]:.0f}")

    # drawing alone, from the documents the service built: on all cores as the service
    # draws, then in one process beside the bare script (also one process)
    docs = _documents(db, classes, clerk, work)
    shape.cache_clear()
    start = time.perf_counter()
    layout.render(docs, work / "draw.pdf")
    draw = time.perf_counter() - start
    shape.cache_clear()
    start = time.perf_counter()
    c = Canvas(str(work / "draw1.pdf"), pagesize=A4, pageCompression=1)
    for d in docs:
        layout.draw(c, d)
    c.save()
    single = time.perf_counter() - start
    bare_time = bare(docs, work / "bare.pdf")
    print(f"drawing alone: {len(docs) / draw:.0f} pages/s on all cores; in one process "
          f"{len(docs) / single:.0f} pages/s; the same strings and QR by a bare reportlab "
          f"script (shaped and placed beforehand, one process): {len(docs) / bare_time:.0f} "
          f"pages/s; ratio {single / bare_time:.2f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the whole benchmark process: {rss:.0f} MiB")


def _documents(db, classes, clerk, work):  # type: ignore[no-untyped-def]
    """What each page of a batch says (the batch drawn to a throw-away file)."""
    keep: list = []  # type: ignore[type-arg]
    C.issue(db, classes, DocumentKind.REPORT_CARD, SessionKind.DEY, clerk,
            work / "capture.pdf", reason="بنچمارک", keep=keep)
    return keep


if __name__ == "__main__":
    main()
