"""How a group of students did: the figures a school council asks for, from the results
the grading policy gives (the same outcomes and averages as the report cards; nothing here
decides a pass or an average again).

* Numeric results: how many have a result, the mean, the median and the standard
  deviation (population: the group is the whole class, not a sample), to hundredths
  (half up); the pass rate (passed / with a result, in percent, one decimal); the
  distribution in the policy's bands (``BANDS``: 0-<10, 10-<12, 12-<15, 15-<17, 17-20),
  each band naming its students; absent (the session's exam marked absent: its grade
  counts as 0, as on the card), exempt, and those without a result yet; those under the
  pass mark (the policy's ``passed`` is False) and the top students.
* Descriptive results (primary): the share of each of the four levels, never averaged.

A figure over nobody is None, not zero: an empty class has no mean.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .grading import CourseOutcome, Descriptive

# The policy's bands: [low, high) except the last, which holds 20.
BANDS: tuple[tuple[Decimal, Decimal], ...] = (
    (Decimal(0), Decimal(10)), (Decimal(10), Decimal(12)), (Decimal(12), Decimal(15)),
    (Decimal(15), Decimal(17)), (Decimal(17), Decimal(20)))
TOP = 5
HUNDREDTH, TENTH = Decimal("0.01"), Decimal("0.1")


@dataclass(frozen=True)
class Band:
    low: Decimal
    high: Decimal
    students: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.students)

    @property
    def short(self) -> str:
        """For a chart's axis: «زیر ۱۰», «۱۰–۱۲», … «۱۷–۲۰» (the label says the ends)."""
        return f"زیر {self.high}" if self.low == 0 else f"{self.low}–{self.high}"

    @property
    def label(self) -> str:
        """«۰ تا کمتر از ۱۰»; the last «۱۷ تا ۲۰» (Persian digits by the caller)."""
        last = self.high == BANDS[-1][1]
        return f"{self.low} تا {self.high}" if last else f"{self.low} تا کمتر از {self.high}"


@dataclass(frozen=True)
class Share:
    level: Descriptive
    students: tuple[int, ...]
    percent: Decimal

    @property
    def count(self) -> int:
        return len(self.students)


@dataclass(frozen=True)
class Figures:
    """One group's figures (a course of a class, a class, a grade level, the school)."""

    title: str
    enrolled: int                   # students in the group
    count: int                      # with a result (numeric or a level)
    mean: Decimal | None
    median: Decimal | None
    std: Decimal | None
    passed: int
    failed: int
    pass_rate: Decimal | None       # percent of ``count``
    bands: tuple[Band, ...]
    absent: tuple[int, ...]
    exempt: tuple[int, ...]
    missing: tuple[int, ...]        # no result yet
    below: tuple[int, ...]          # under the pass mark (the policy's decision)
    top: tuple[tuple[int, Decimal], ...]
    levels: tuple[Share, ...] = ()  # descriptive groups only
    descriptive: bool = False
    pooled: bool = False            # counts (student, course) results, not students


def _round(value: Decimal, step: Decimal = HUNDREDTH) -> Decimal:
    return value.quantize(step, rounding=ROUND_HALF_UP)


def band_of(grade: Decimal) -> int:
    """The index of the band ``grade`` falls in (20 in the last)."""
    for i, (low, high) in enumerate(BANDS):
        if low <= grade < high:
            return i
    return len(BANDS) - 1


def numeric(title: str, grades: Mapping[int, Decimal | None], passed: Mapping[int, bool | None],
            absent: Sequence[int] = (), exempt: Sequence[int] = ()) -> Figures:
    """Figures over numeric results: ``grades`` student -> grade (None: none yet; an exempt
    student is left out of the grades), ``passed`` the policy's decision for each."""
    exempt_set = set(exempt)
    have = {sid: g for sid, g in grades.items() if g is not None and sid not in exempt_set}
    values = sorted(have.values())
    bands = [[] for _ in BANDS]  # type: list[list[int]]
    for sid, g in sorted(have.items()):
        bands[band_of(g)].append(sid)
    yes = sum(1 for sid in have if passed.get(sid) is True)
    no = tuple(sorted(sid for sid in have if passed.get(sid) is False))
    top = tuple(sorted(have.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP])
    return Figures(
        title=title, enrolled=len(grades), count=len(have),
        mean=_round(sum(values, Decimal(0)) / len(values)) if values else None,
        median=_round(statistics.median(values)) if values else None,
        std=_round(statistics.pstdev(values)) if values else None,
        passed=yes, failed=len(no),
        pass_rate=_round(Decimal(100 * yes) / len(have), TENTH) if have else None,
        bands=tuple(Band(lo, hi, tuple(b)) for (lo, hi), b in zip(BANDS, bands, strict=True)),
        absent=tuple(sorted(set(absent) & set(grades))),
        exempt=tuple(sorted(exempt_set & set(grades))),
        missing=tuple(sorted(sid for sid, g in grades.items()
                             if g is None and sid not in exempt_set)),
        below=no, top=top)


def of_outcomes(title: str, outcomes: Mapping[int, CourseOutcome],
                absent: Sequence[int] = ()) -> Figures:
    """A course's figures from the policy's outcomes (numeric or descriptive)."""
    if any(o.level is not None for o in outcomes.values()):
        return descriptive(title, {sid: o.level for sid, o in outcomes.items()},
                           {sid: o.passed for sid, o in outcomes.items()},
                           exempt=[sid for sid, o in outcomes.items() if o.exempt])
    return numeric(title, {sid: o.grade for sid, o in outcomes.items()},
                   {sid: o.passed for sid, o in outcomes.items()}, absent,
                   [sid for sid, o in outcomes.items() if o.exempt])


def descriptive(title: str, levels: Mapping[Any, Descriptive | None],
                passed: Mapping[Any, bool | None], exempt: Sequence[Any] = (),
                pooled: bool = False) -> Figures:
    """The share at each of the four levels (never an average); ``pooled``: the keys are
    (student, course) results, not students."""
    exempt_set = set(exempt)
    have = {sid: lv for sid, lv in levels.items() if lv is not None and sid not in exempt_set}
    shares = tuple(
        Share(level, ids, _round(Decimal(100 * len(ids)) / len(have), TENTH) if have
              else Decimal(0))
        for level in Descriptive
        for ids in [tuple(sorted(sid for sid, lv in have.items() if lv is level))])
    yes = sum(1 for sid in have if passed.get(sid) is True)
    no = tuple(sorted(sid for sid in have if passed.get(sid) is False))
    return Figures(
        title=title, enrolled=len(levels), count=len(have), mean=None, median=None, std=None,
        passed=yes, failed=len(no),
        pass_rate=_round(Decimal(100 * yes) / len(have), TENTH) if have else None,
        bands=(), absent=(), exempt=tuple(sorted(exempt_set & set(levels))),
        missing=tuple(sorted(sid for sid, lv in levels.items()
                             if lv is None and sid not in exempt_set)),
        below=no, top=(), levels=shares, descriptive=True, pooled=pooled)


@dataclass(frozen=True)
class Change:
    """From the previous session to this one (None where either has no figure)."""

    mean: Decimal | None
    pass_rate: Decimal | None


def change(now: Figures, before: Figures | None) -> Change | None:
    if before is None:
        return None
    return Change(
        None if now.mean is None or before.mean is None else now.mean - before.mean,
        None if now.pass_rate is None or before.pass_rate is None
        else now.pass_rate - before.pass_rate)


def change_text(value: Decimal | None) -> str:
    """A change in words (a sign beside Persian digits reads either way in right-to-left
    text): «افزایش ۰٫۵», «کاهش ۱٫۲۰», «بدون تغییر»; «—» with nothing to compare."""
    from .text import to_persian_digits

    if value is None:
        return "—"
    if value == 0:
        return "بدون تغییر"
    return f"{'افزایش' if value > 0 else 'کاهش'} {to_persian_digits(abs(value))}"


def labels(f: Figures) -> dict[str, str]:
    """The names of a group's rows (Persian): a primary group's «under the pass mark» is
    the remedial programme's, a pooled one counts results."""
    return {
        "enrolled": "نتیجه‌های درس‌ها" if f.pooled else "دانش‌آموزان",
        "count": "دارای سطح" if f.descriptive else "دارای نتیجه",
        "rate": "درصد «کسب شد»" if f.descriptive else "درصد قبولی",
        "below": "نیازمند برنامهٔ جبرانی" if f.descriptive else "زیر نمرهٔ قبولی",
    }


def fields(f: Figures) -> list[tuple[str, Any, str | None]]:
    """The figures a group is shown with, in order: (name, how to read it from a group,
    which :class:`Change` field it has, if any).  The page, the printed report, the command
    line (:func:`table_rows`) and the workbook all list these."""
    from .text import to_persian_digits

    names = labels(f)
    out: list[tuple[str, Any, str | None]] = [
        (names["enrolled"], lambda x: x.enrolled, None), (names["count"], lambda x: x.count, None)]
    if not f.descriptive:
        out += [("میانگین", lambda x: x.mean, "mean"), ("میانه", lambda x: x.median, None),
                ("انحراف معیار", lambda x: x.std, None)]
    out += [(names["rate"], lambda x: x.pass_rate, "pass_rate"),
            (names["below"], lambda x: x.failed, None)]
    if not f.descriptive:
        out.append(("غایب", lambda x: len(x.absent), None))
    out += [("معاف", lambda x: len(x.exempt), None), ("بی‌نتیجه", lambda x: len(x.missing), None)]
    for i, band in enumerate(f.bands):
        out.append((to_persian_digits(band.label),
                    lambda x, i=i: x.bands[i].count if x.bands else None, None))
    for i, share in enumerate(f.levels):
        out.append((share.level.label_fa,
                    lambda x, i=i: x.levels[i].count if x.levels else None, None))
    return out


def table_rows(f: Figures, before: Figures | None,
               delta: Change | None) -> list[tuple[str, str, str, str]]:
    """The figures as the page, the printed report and the command line show them:
    (name, this session, the session before, the change), Persian digits; a level's
    count with its share."""
    from .text import to_persian_digits

    def fa(value: object) -> str:
        return "—" if value is None else to_persian_digits(value)

    shares = {s.level.label_fa: s for s in f.levels}
    out = []
    for name, get, moved in fields(f):
        now = fa(get(f))
        if name in shares:
            now = fa(f"{shares[name].count} ({shares[name].percent}٪)")
            out.append((name, now, "", ""))
            continue
        was = fa(get(before)) if before is not None else "—"
        told = "" if before is None or moved is None else change_text(
            getattr(delta, moved) if delta else None)
        out.append((name, now, was, told))
    return out


def comparison_text(answer: dict[str, Any]) -> str:
    """The central server's district and province figures in one line (Persian)."""
    from .text import to_persian_digits

    parts = []
    for key, name in (("district", "ناحیه"), ("province", "استان")):
        group = answer.get(key) or {}
        size = (f"{to_persian_digits(group.get('schools', 0))} مدرسه، "
                f"{to_persian_digits(group.get('students', 0))} دانش‌آموز")
        f = group.get("figures")
        if not f:
            parts.append(f"{name} ({size}): کمتر از آن است که آمارش گفته شود")
            continue
        rate = to_persian_digits(f.get("pass_rate") or "—")
        if f.get("descriptive"):
            parts.append(f"{name} ({size}): «کسب شد» {rate}٪")
        else:
            parts.append(f"{name} ({size}): میانگین {to_persian_digits(f.get('mean') or '—')}، "
                         f"قبولی {rate}٪")
    return " — ".join(parts)
