"""The official curriculum as reference data: which courses a grade and track take.

The tables live in ``curricula/<version>.json`` beside this module, one file a version,
each valid from the school year it names (``from_year``): curricula change, and a school
year reads the newest version that had begun by then (:func:`curriculum_for`).  Every
course names its source and a confidence (H, M, L; the file's ``sources`` say what each
means and where the table was found, or that it was not).  A school's courses are made
from here when the school opens a grade and track (``services.setup``); what the ministry
leaves to the school is a local course (:func:`check_local`).

Primary grades (1-6) are descriptive: four levels, no units.  Upper-secondary grades
(10-12) are taught in tracks (رشته); lower secondary and primary have none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import ValidationError
from .grading import Stage, stage_of
from .structure import FIELDS, GRADE_LEVEL_NAMES, TRACK_SHORT

LOCAL_MAX_UNITS = 4  # a local course weighs at most as much as the heaviest official one


@dataclass(frozen=True)
class CourseSpec:
    """One course of a grade and track, as the curriculum gives it."""

    key: str                  # unique within its grade and track
    name: str
    units: int                # weekly hours; 0 for primary and discipline
    has_final: bool = True    # a final exam at the end of each term
    national_exam: bool = False
    discipline: bool = False
    source: str = ""
    confidence: str = ""
    official: str = ""        # the title in the source's table, where it differs

    def code(self, grade: int, track: str | None) -> str:
        """The school's course code: ``12-math-calculus2``, ``7-farsi``."""
        return f"{grade}-{track}-{self.key}" if track else f"{grade}-{self.key}"


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    where: str
    confidence: str


@dataclass(frozen=True)
class Curriculum:
    version: str
    from_year: int
    title: str
    sources: dict[str, Source]
    track_map: dict[int, tuple[str, ...]]
    programmes: dict[tuple[int, str | None], tuple[CourseSpec, ...]]

    def tracks(self, grade: int) -> tuple[str, ...]:
        """The tracks a grade is taught in (none below grade 10)."""
        return self.track_map.get(grade, ())

    def check_track(self, grade: int, track: str | None) -> str | None:
        """``track`` if the grade has it (None for a grade without tracks), or refused."""
        if grade not in GRADE_LEVEL_NAMES:
            raise ValidationError("setup.grade", value=grade)
        tracks = self.tracks(grade)
        if not tracks:
            if track:
                raise ValidationError("setup.no_tracks", grade=GRADE_LEVEL_NAMES[grade],
                                      track=_track_name(track))
            return None
        if not track:
            raise ValidationError("setup.track_needed", grade=GRADE_LEVEL_NAMES[grade],
                                  tracks="، ".join(_track_name(t) for t in tracks))
        if track not in tracks:
            raise ValidationError("setup.track", grade=GRADE_LEVEL_NAMES[grade],
                                  track=_track_name(track),
                                  tracks="، ".join(_track_name(t) for t in tracks))
        return track

    def courses(self, grade: int, track: str | None) -> tuple[CourseSpec, ...]:
        """The courses of a grade and track (checked), in the table's order."""
        track = self.check_track(grade, track)
        found = self.programmes.get((grade, track))
        if found is None:
            raise ValidationError("setup.no_table", grade=GRADE_LEVEL_NAMES[grade],
                                  track=_track_name(track) if track else "—",
                                  version=self.version)
        return found

    def offered(self) -> list[tuple[int, str | None]]:
        """Every (grade, track) this version has a table for, in order."""
        return sorted(self.programmes, key=lambda k: (k[0], k[1] or ""))


def _track_name(track: str) -> str:
    return FIELDS[track][1] if track in FIELDS else track


def track_name(track: str | None) -> str:
    """The Persian name of a track (رشته), or "" for none."""
    return _track_name(track) if track else ""


def _spec(row: list, programme: dict, sources: dict[str, Source]) -> CourseSpec:  # type: ignore[type-arg]
    key, name, units = row[0], row[1], int(row[2])
    extra = row[3] if len(row) > 3 else {}
    source = extra.get("source", programme["source"])
    if source not in sources:
        raise ValueError(f"course {key}: unknown source {source!r}")
    return CourseSpec(
        key=key, name=name, units=units,
        has_final=extra.get("final", True),
        national_exam=extra.get("national", programme.get("national", False)),
        discipline=extra.get("discipline", False),
        source=source, confidence=sources[source].confidence,
        official=extra.get("official", ""))


def parse(data: dict) -> Curriculum:  # type: ignore[type-arg]
    """A curriculum from its JSON form (checked: unique keys, known sources and tracks)."""
    sources = {k: Source(k, v["title"], v["where"], v["confidence"])
               for k, v in data["sources"].items()}
    track_map = {int(g): tuple(ts) for g, ts in data["tracks"].items()}
    for grade, tracks in track_map.items():
        if stage_of(grade) is not Stage.UPPER_SECONDARY or not set(tracks) <= set(FIELDS):
            raise ValueError(f"grade {grade}: tracks {tracks} are not upper-secondary fields")
    programmes: dict[tuple[int, str | None], tuple[CourseSpec, ...]] = {}
    for p in data["programmes"]:
        specs = tuple(_spec(row, p, sources) for row in p["courses"])
        if len({s.key for s in specs}) != len(specs):
            raise ValueError(f"programme {p['grades']} {p.get('track')}: a course key twice")
        for grade in p["grades"]:
            track = p.get("track")
            if (track is None) != (not track_map.get(grade)) or \
                    (track and track not in track_map[grade]):
                raise ValueError(f"grade {grade}: track {track!r} does not fit the tracks")
            if (grade, track) in programmes:
                raise ValueError(f"grade {grade} track {track!r} given twice")
            if p.get("descriptive", False) != (stage_of(grade) is Stage.PRIMARY):
                raise ValueError(f"grade {grade}: descriptive only in primary")
            programmes[(grade, track)] = specs
    return Curriculum(data["version"], int(data["from_year"]), data["title"], sources,
                      track_map, programmes)


@lru_cache(maxsize=None)
def versions() -> tuple[Curriculum, ...]:
    """Every curriculum version shipped, oldest first."""
    folder = resources.files(__package__).joinpath("curricula")
    found = [parse(json.loads(f.read_text(encoding="utf-8")))
             for f in folder.iterdir() if f.name.endswith(".json")]
    return tuple(sorted(found, key=lambda c: c.from_year))


def curriculum_for(year: int) -> Curriculum:
    """The version in force in school year ``year`` (Jalali year of 1 Mehr): the newest
    that had begun by then, or the oldest shipped for a year before all of them."""
    shipped = versions()
    current = [c for c in shipped if c.from_year <= year]
    return current[-1] if current else shipped[0]


def check_local(grade: int, name: str, units: int) -> None:
    """What the rules allow a school's own course: a name, and at most
    ``LOCAL_MAX_UNITS`` units (0: graded but out of the average); none in primary, whose
    evaluation is the ministry's list."""
    if stage_of(grade) is Stage.PRIMARY:
        raise ValidationError("setup.local_primary")
    if not name:
        raise ValidationError("name.empty", field="نام درس")
    if not 0 <= units <= LOCAL_MAX_UNITS:
        raise ValidationError("setup.local_units", value=units, most=LOCAL_MAX_UNITS)


def class_of_name(name: str, curriculum: Curriculum) -> tuple[int, str | None] | None:
    """The grade and track a class's name says, as the office names classes: the grade's
    name first, then (from grade 10) the track's short name — «دهم ریاضی ۱» is grade 10,
    math; «هفتم الف» grade 7.  None when the name does not say it (or the curriculum has
    no such grade and track)."""
    words = name.split()
    grades = {v: k for k, v in GRADE_LEVEL_NAMES.items()}
    if not words or words[0] not in grades:
        return None
    grade = grades[words[0]]
    tracks = curriculum.tracks(grade)
    if not tracks:
        return grade, None
    short = {v: k for k, v in TRACK_SHORT.items()}
    track = short.get(words[1]) if len(words) > 1 else None
    return (grade, track) if track in tracks else None
