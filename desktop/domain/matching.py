"""Does a school's document agree with the grades the centre holds? (issue 24, point 2)

A report card, a temporary or an original certificate is sealed by the school: its seal
proves who printed it, not that the grades on it are the ones the school sent and the
reviewers approved.  The centre says «معتبر» only when the card it computes from its own
grade rows, by the same rule the office printed with (:func:`.results.card`), prints the
same lines (:func:`.results.printed_lines`) and so the same grades digest as the seal.

* **The level a kind needs** (:data:`LEVEL_NEEDED`): a report card and a temporary
  certificate rest on the sheets as the school sent them, after its principal approved
  them; an original certificate on the province's final approval (DOMAIN.md, seed 002).
* **Awaiting** while a sheet the document rests on has not reached the centre, or not
  that level (sent back to the school, still with the district): the page says what is
  known, printed and sealed by the school, not «معتبر».
* **Mismatch** when every sheet is there at its level and the digests differ: the
  district looks at it.

Batches arrive in any order; nothing is decided at intake that a later batch could
change: the judgement is made from what the centre holds when someone asks.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .calendar import SessionKind
from .grading import DEFAULT_POLICY, Entry, GradingPolicy
from .results import CardResult, CourseRow, card, printed_lines
from .seal import grades_digest
from .verification import DocumentKind
from .workflow import SheetState

LEVEL_NEEDED: dict[DocumentKind, SheetState] = {
    DocumentKind.REPORT_CARD: SheetState.SENT,
    DocumentKind.TEMPORARY: SheetState.SENT,
    DocumentKind.ORIGINAL: SheetState.PROVINCE_APPROVED,
}

# The states a sheet has at the centre, in the order it climbs them; a sheet sent back
# to the school is a draft again and rests on nothing.
_CLIMB = (SheetState.SENT, SheetState.DISTRICT_APPROVED, SheetState.PROVINCE_APPROVED)


def reached(state: SheetState, needed: SheetState) -> bool:
    """Whether a sheet in ``state`` at the centre is at least at ``needed``."""
    return state in _CLIMB and _CLIMB.index(state) >= _CLIMB.index(needed)


class Match(enum.StrEnum):
    MATCHED = "matched"
    AWAITING = "awaiting"      # grades not (all) received, or not at the level needed
    MISMATCH = "mismatch"


@dataclass
class CourseCells:
    """One course of the card as the centre holds it: the sheet's flags and the holder's
    cells from every session's sheet of the year (Khordad's annual grade reads Dey's)."""

    order: int                 # the office's course order (its local course id)
    name: str
    units: int
    has_final: bool = True
    national: bool = False
    discipline: bool = False
    cells: dict[str, Entry] = field(default_factory=dict)


def centre_card(grade_level: int, session: SessionKind, courses: Sequence[CourseCells],
                policy: GradingPolicy = DEFAULT_POLICY) -> CardResult:
    """The card the office would print from these cells (its course order kept)."""
    rows = []
    for c in sorted(courses, key=lambda c: c.order):
        scheme = policy.scheme_for(grade_level, c.has_final, c.national, False)
        rows.append(CourseRow(c.name, c.units, scheme.session_grade(session, c.cells),
                              c.national, c.discipline))
    return card(grade_level, session, rows, policy)


def judge(sealed_digest: bytes, states: Mapping[int, SheetState | None],
          needed: SheetState, computed: CardResult | None) -> Match:
    """``states``: each sheet the document rests on and its state at the centre (None:
    not received); ``computed``: the centre's card from its rows (None: none to compute)."""
    if not states or computed is None or \
            any(s is None or not reached(s, needed) for s in states.values()):
        return Match.AWAITING
    if grades_digest(printed_lines(computed)) == sealed_digest:
        return Match.MATCHED
    return Match.MISMATCH
