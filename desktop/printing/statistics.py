"""The statistics report for the school council (A4, right to left), from a
:class:`desktop.services.statistics.Report`: the figures of this session beside the
session before, the same three charts as the window (reportlab graphics: the
distribution, the pass rate of each part, the distribution beside the session before),
the parts' table (students with a result, average, pass rate: the scope's average is
recomputable from it, weighted by the counts) and the students under the pass mark.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, BinaryIO

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ..domain.calendar import format_jalali, school_year_shown, to_jalali
from ..domain.statistics import Figures, labels, table_rows
from ..domain.text import to_persian_digits
from .fonts import register
from .layout import Box, Column, Pen, table
from .shaping import shape

MARGIN = 36.0
FILLS = (colors.HexColor("#9bb7d4"), colors.HexColor("#2f5f8a"))


def fa(value: object) -> str:
    return "—" if value is None else to_persian_digits(value)


def _chart(title: str, categories: list[str], sets: list[tuple[str, list[float]]],
           width: float, height: float, font: str, top: float | None = None) -> Drawing:
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 34
    chart.width, chart.height = width - 40, height - 62
    chart.data = [values or [0] for _n, values in sets] or [[0]]
    chart.categoryAxis.categoryNames = [shape(c) for c in categories] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 30 if len(categories) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(categories) > 6 else "n"
    chart.valueAxis.valueMin = 0
    highest = max((max(v) for _n, v in sets if v), default=0)
    chart.valueAxis.valueMax = top if top is not None else max(1, highest * 1.15)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: shape(f"{v:g}")
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6
    chart.barLabelFormat = lambda v: shape(f"{v:g}")
    chart.barLabels.nudge = 6
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = FILLS[-1] if len(chart.data) == 1 else FILLS[i % 2]
    d.add(chart)
    d.add(String(width - 4, height - 14, shape(title), fontName=font, fontSize=9,
                 textAnchor="end"))
    if len(sets) > 1:  # the legend, right to left: the session before, then this one
        x = width - 4
        for (name, _v), fill in zip(sets, FILLS, strict=False):
            d.add(String(x, 6, shape(f"■ {name}"), fontName=font, fontSize=7,
                         textAnchor="end", fillColor=fill))
            x -= 90
    return d


def _distribution(f: Figures | None) -> tuple[list[str], list[float]]:
    if f is None:
        return [], []
    if f.descriptive:
        return [s.level.label_fa for s in f.levels], [float(s.count) for s in f.levels]
    return [b.label for b in f.bands], [float(b.count) for b in f.bands]


def _figure_rows(f: Figures, b: Figures | None, ch: Any) -> list[dict[str, str]]:
    return [{"name": n, "now": now, "before": was, "change": moved}
            for n, now, was, moved in table_rows(f, b, ch)]


def statistics_pdf(report: Any, year: int, out: BinaryIO,
                   today: dt.date | None = None) -> int:
    """The report into ``out``; the pages written."""
    regular, bold = register()
    c = Canvas(out, pagesize=A4, pageCompression=1)
    c.setTitle(f"آمار {report.title}")
    c.setCreator("Daftar")
    pen = Pen(c, regular, bold)
    width, height = A4
    right, usable = width - MARGIN, width - 2 * MARGIN
    today = today or dt.date.today()
    y = height - MARGIN
    pen.text(f"گزارش آماری نتایج — {report.title}", Box(MARGIN, y - 22, right, y), 14,
             bold=True, align="center")
    y -= 24
    pen.text(f"{report.session.label_fa} سال تحصیلی {school_year_shown(year)} — تاریخ تهیه: "
             f"{format_jalali(to_jalali(today))}", Box(MARGIN, y - 16, right, y), 9,
             align="center")
    y -= 24
    before = {f.descriptive: f for f in report.previous}
    columns = [Column("name", "شاخص", 2.2, "right"), Column("now", "این نوبت", 1.4),
               Column("before", "نوبت پیشین", 1.4), Column("change", "تغییر", 1)]
    for f, ch in zip(report.figures, report.changes, strict=True):
        if len(report.figures) > 1:
            pen.text("ارزشیابی توصیفی (ابتدایی)" if f.descriptive else "نمره‌ای (متوسطه)",
                     Box(MARGIN, y - 14, right, y), 9, bold=True)
            y -= 16
        y = table(pen, right, y, usable * 0.55, columns,
                  _figure_rows(f, before.get(f.descriptive), ch), 8.5, 14) - 10
    main = report.figures[0] if report.figures else None
    cats, values = _distribution(main)
    chart_h = 170.0
    if y - chart_h < MARGIN:
        c.showPage()
        y = height - MARGIN
    d = _chart("توزیع نتیجه‌ها", cats, [("این نوبت", values)], usable / 2 - 6, chart_h, regular)
    renderPDF.draw(d, c, right - usable / 2 + 6, y - chart_h)
    prev_cats, prev_values = _distribution(before.get(main.descriptive) if main else None)
    d = _chart("این نوبت در کنار نوبت پیشین", cats,
               [("نوبت پیشین", prev_values or [0.0] * len(cats)), ("این نوبت", values)],
               usable / 2 - 6, chart_h, regular)
    renderPDF.draw(d, c, MARGIN, y - chart_h)
    y -= chart_h + 8
    parts = list(report.parts)
    if parts:
        if y - chart_h < MARGIN:
            c.showPage()
            y = height - MARGIN
        d = _chart(f"{labels(parts[0])['rate']} هر بخش", [p.title for p in parts],
                   [("این نوبت", [float(p.pass_rate or 0) for p in parts])], usable, chart_h,
                   regular, top=100)
        renderPDF.draw(d, c, MARGIN, y - chart_h)
        y -= chart_h + 8
        rows = [{"title": p.title, "count": fa(p.count), "mean": fa(p.mean),
                 "rate": fa(p.pass_rate), "failed": fa(p.failed)} for p in parts]
        names = labels(parts[0])
        cols = [Column("title", "بخش", 3, "right"), Column("count", names["count"], 1.2),
                Column("mean", "میانگین", 1.2), Column("rate", names["rate"], 1.2),
                Column("failed", names["below"], 1.2)]
        y = _paged_table(pen, c, rows, cols, right, y, usable, height)
    if main is not None and main.below and len(main.below) <= 60:
        names = [report.names.get(k[0] if isinstance(k, tuple) else k, "") for k in main.below]
        rows = [{"n": fa(i + 1), "name": n} for i, n in enumerate(names)]
        if y - 40 < MARGIN:
            c.showPage()
            y = height - MARGIN
        pen.text(labels(main)["below"], Box(MARGIN, y - 16, right, y), 10, bold=True)
        y = _paged_table(pen, c, rows, [Column("n", "ردیف", 0.5), Column("name", "نام", 4,
                                                                        "right")],
                         right, y - 18, usable * 0.6, height)
    c.showPage()
    c.save()
    return c.getPageNumber() - 1


def _paged_table(pen: Pen, c: Canvas, rows: list[dict[str, str]], cols: list[Column],
                 right: float, y: float, width: float, page_height: float) -> float:
    """``rows`` under ``y``, going on to new pages (the heading repeated) as needed."""
    step = 15.0
    while rows:
        room = max(1, int((y - MARGIN - step) // step))
        chunk, rows = rows[:room], rows[room:]
        y = table(pen, right, y, width, cols, chunk, 8.5, step) - 10
        if rows:
            c.showPage()
            y = page_height - MARGIN
    return y
