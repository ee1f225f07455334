"""Codes cannot be walked: from one real code, guesses of the same school, year and kind
(neighbouring serials and random ones, each with a correct check digit) reach another
document at most about once in 100,000."""

import random

from desktop.domain.calendar import SessionKind
from desktop.domain.verification import DocumentKind, damm, draw_serials, parse_code
from desktop.services import auth
from desktop.services import certificates as C
from desktop.services import verification as V
from desktop.services.school import list_classes


def test_ten_thousand_guesses_next_to_a_schools_documents(demo_db, tmp_path):
    clerk = auth.login(demo_db, "clerk", "daftar")
    classes = [c for c in list_classes(demo_db, 1405) if c.grade_level >= 7][:6]
    issued = C.issue(demo_db, [c.id for c in classes], DocumentKind.REPORT_CARD,
                     SessionKind.DEY, clerk, tmp_path / "cards.pdf")
    codes = {d.code for d in issued}
    assert len(codes) == len(issued) >= 200
    serials = sorted(parse_code(c).serial for c in codes)
    # drawn, not counted: no two documents of the batch are neighbours
    assert max(b - a for a, b in zip(serials, serials[1:], strict=False)) > 10 ** 6
    rng = random.Random(1405)
    known = sorted(codes)
    guesses = set()
    while len(guesses) < 10_000:
        base = rng.choice(known)
        serial = int(base[11:19])
        near = serial + rng.choice((-1, 1)) * rng.randint(1, 50)
        serial = near if rng.random() < 0.5 else rng.randint(1, 10 ** 8 - 1)
        body = f"{base[:11]}{serial % 10 ** 8:08d}"
        guesses.add(body + str(damm(body)))
    guesses -= codes
    hits = sum(V.verify_code(demo_db, g).status != V.UNKNOWN for g in guesses)
    # expected len(codes) / 10^8 per guess: ~0.02 hits in 10,000 (counted serials: thousands)
    print(f"{hits} of {len(guesses)} guesses next to {len(codes)} documents hit one")
    assert hits <= 1


def test_draws_are_distinct_and_avoid_taken_serials():
    taken_before = set(range(1, 1001))
    sequence = iter([5, 5, 7, 999, 1_000_000, 7, 42] + list(range(2000, 3000)))
    drawn = draw_serials(4, lambda c: c & taken_before, rng=lambda _n: next(sequence) - 1)
    # 5, 7 and 999 are taken, 5 came twice, 7 again and 42 taken: drawn again until four
    assert sorted(drawn) == [2000, 2001, 2002, 1_000_000]
