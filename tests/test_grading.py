from decimal import Decimal as D

import pytest

from desktop.domain.calendar import SessionKind
from desktop.domain.errors import ValidationError
from desktop.domain.grading import (
    DEFAULT_POLICY,
    DEFAULT_POLICY_DATA,
    CourseRecord,
    Descriptive,
    GradingPolicy,
    Mark,
    Rounding,
    Stage,
    format_grade,
    from_centi,
    stage_of,
    to_centi,
    weighted_average,
)

UPPER = DEFAULT_POLICY.scheme_for(10)
NATIONAL = DEFAULT_POLICY.scheme_for(12, national=True)
LOWER = DEFAULT_POLICY.scheme_for(8)
PRIMARY = DEFAULT_POLICY.scheme_for(3)


def test_stages():
    assert stage_of(1) is Stage.PRIMARY and stage_of(6) is Stage.PRIMARY
    assert stage_of(7) is Stage.LOWER_SECONDARY and stage_of(9) is Stage.LOWER_SECONDARY
    assert stage_of(10) is Stage.UPPER_SECONDARY and stage_of(12) is Stage.UPPER_SECONDARY
    with pytest.raises(ValueError):
        stage_of(13)


@pytest.mark.parametrize("typed,value", [
    ("18", D("18.00")), ("۱۸٫۵", D("18.50")), ("۱۸/۵", D("18.50")), ("18.75", D("18.75")),
    ("٢٠", D("20.00")), ("0", D("0.00")), (" 7.25 ", D("7.25")), ("12,5", D("12.50")),
])
def test_parse_accepts_every_digit_form(typed, value):
    assert UPPER.parse(typed) == value


@pytest.mark.parametrize("typed,code", [
    ("21", "grade.range"), ("20.25", "grade.range"), ("-1", "grade.range"),   # a number under 0
    ("18.3", "grade.step"), ("18.1", "grade.step"), ("abc", "grade.not_number"),
    ("1e1", "grade.not_number"), ("۱۸..۵", "grade.not_number"),
])
def test_parse_refuses_with_a_persian_reason(typed, code):
    with pytest.raises(ValidationError) as e:
        UPPER.parse(typed)
    assert e.value.code == code
    assert "نمره" in str(e.value)


def test_marks_and_empty():
    assert UPPER.parse("غ") is Mark.ABSENT
    assert UPPER.parse("غایب") is Mark.ABSENT
    assert UPPER.parse("معاف") is Mark.EXEMPT
    assert UPPER.parse("") is None and UPPER.parse("  ") is None


def test_upper_secondary_annual_formula_and_ceiling_rounding():
    # (18 + 2*15 + 19 + 4*16) / 8 = 16.375 -> 16.50 (up to the next quarter)
    out = UPPER.annual({"c1": D(18), "f1": D(15), "c2": D(19), "f2": D(16)})
    assert out.grade == D("16.50") and out.passed


def test_rounding_modes():
    assert Rounding.CEIL_QUARTER.apply(D("12.10")) == D("12.25")
    assert Rounding.CEIL_QUARTER.apply(D("12.60")) == D("12.75")
    assert Rounding.CEIL_QUARTER.apply(D("12.00")) == D("12.00")
    assert Rounding.NEAREST_QUARTER.apply(D("12.10")) == D("12.00")
    assert Rounding.HUNDREDTHS.apply(D("12.105")) == D("12.11")


def test_pass_mark_edge():
    # (10 + 2*10 + 9.5 + 4*10) / 8 = 9.9375 -> 10.00 passes after rounding up
    assert UPPER.annual({"c1": D(10), "f1": D(10), "c2": D("9.5"), "f2": D(10)}).passed
    # (9 + 2*9 + 9 + 4*9.75)/8 = 9.375 -> 9.50 fails
    assert not UPPER.annual({"c1": D(9), "f1": D(9), "c2": D(9), "f2": D("9.75")}).passed


def test_national_exam_paper_minimum():
    good = {"c1": D(20), "f1": D(20), "c2": D(20)}
    # paper 6.75: annual (20+40+20+27)/8 = 13.375 -> 13.5, still fails
    out = NATIONAL.annual({**good, "f2": D("6.75")})
    assert out.grade == D("13.50") and not out.passed and out.paper_failed
    out = NATIONAL.annual({**good, "f2": D(7)})
    assert out.passed and not out.paper_failed
    # The same grades in a school (non-national) course pass.
    assert DEFAULT_POLICY.scheme_for(12).annual({**good, "f2": D("6.75")}).passed


def test_absent_counts_as_zero_and_exempt_leaves_the_course_out():
    out = UPPER.annual({"c1": D(20), "f1": D(20), "c2": D(20), "f2": Mark.ABSENT})
    assert out.grade == D("10.00")
    out = NATIONAL.annual({"c1": D(20), "f1": D(20), "c2": D(20), "f2": Mark.ABSENT})
    assert not out.passed and out.paper_failed
    out = UPPER.annual({"c1": Mark.EXEMPT, "f1": D(20), "c2": D(20), "f2": D(20)})
    assert out.exempt and out.grade is None and out.complete


def test_incomplete_has_no_result():
    out = UPPER.annual({"c1": D(20), "f1": D(20)})
    assert out.grade is None and out.passed is None and not out.complete


def test_course_without_final_is_the_mean_of_continuous_grades():
    scheme = DEFAULT_POLICY.scheme_for(11, has_final=False)
    assert [c.code for c in scheme.components] == ["c1", "c2"]
    assert scheme.annual({"c1": D(17), "c2": D("18.5")}).grade == D("17.75")


def test_lower_secondary_year_is_term1_plus_twice_term2():
    # term1 = (14+16)/2 = 15, term2 = (12+10)/2 = 11; (15 + 2*11)/3 = 12.333 -> 12.50
    out = LOWER.annual({"c1": D(14), "f1": D(16), "c2": D(12), "f2": D(10)})
    assert out.grade == D("12.50") and out.passed
    # out of 60: 15 + 22 = 37 >= 30 passes, the same decision


def test_summer_formula_and_exam_only():
    assert UPPER.summer({"sc": D(16), "sf": D(10)}).grade == D("11.50")  # (16+30)/4
    assert UPPER.summer({"sf": D("9.5")}).grade == D("9.50")
    assert not UPPER.summer({"sf": D("9.5")}).passed


def test_session_grade_shows_the_term_for_dey():
    # Dey term of upper secondary: (c1 + 2 f1) / 3 = (18 + 2*12)/3 = 14
    out = UPPER.session_grade(SessionKind.DEY, {"c1": D(18), "f1": D(12)})
    assert out.grade == D("14.00")
    assert UPPER.session_grade(SessionKind.KHORDAD, {"c1": D(18), "f1": D(12)}).grade is None


def test_primary_levels_are_chosen_not_averaged():
    assert PRIMARY.descriptive
    assert PRIMARY.parse("خیلی خوب") is Descriptive.VERY_GOOD
    assert PRIMARY.parse("۲") is Descriptive.ACCEPTABLE
    assert PRIMARY.parse("نیاز به تلاش بیشتر") is Descriptive.NEEDS_EFFORT
    with pytest.raises(ValidationError) as e:
        PRIMARY.parse("18")
    assert e.value.code == "grade.level"
    assert PRIMARY.promoted([Descriptive.GOOD, Descriptive.ACCEPTABLE])
    assert not PRIMARY.promoted([Descriptive.GOOD, Descriptive.NEEDS_EFFORT])
    assert PRIMARY.promoted([Descriptive.GOOD, None]) is None
    with pytest.raises(ValidationError):
        DEFAULT_POLICY.average(Stage.PRIMARY, [])


def test_average_weighted_by_units_with_discipline_per_stage():
    courses = [CourseRecord("ریاضی", 4, D(20), True), CourseRecord("ادبیات", 2, D(14), True),
               CourseRecord("انضباط", 0, D(20), True, discipline=True),
               CourseRecord("ورزش", 2, None, None, exempt=True)]
    # upper: (80 + 28 + 2*20) / 8 = 18.5 ; lower: (80 + 28) / 6 = 18
    assert DEFAULT_POLICY.average(Stage.UPPER_SECONDARY, courses) == D("18.50")
    assert DEFAULT_POLICY.average(Stage.LOWER_SECONDARY, courses) == D("18.00")
    assert weighted_average([]) is None


def test_diploma_waivers_two_national_and_two_school():
    base = [CourseRecord(f"درس{i}", 2, D(16), True) for i in range(6)]
    failing = [CourseRecord("ن۱", 2, D(8), False, national=True),
               CourseRecord("ن۲", 2, D(7), False, national=True),
               CourseRecord("م۱", 2, D(9), False), CourseRecord("م۲", 2, D("7.5"), False)]
    result = DEFAULT_POLICY.diploma(base + failing)
    assert result.granted and set(result.waived) == {"ن۱", "ن۲", "م۱", "م۲"}
    third = CourseRecord("ن۳", 2, D(9), False, national=True)
    result = DEFAULT_POLICY.diploma(base + failing + [third])
    assert not result.granted and any("ن۳" in r for r in result.reasons)
    low = CourseRecord("م۳", 2, D("6.75"), False)
    assert not DEFAULT_POLICY.diploma(base + [low]).granted


def test_diploma_needs_average_ten():
    result = DEFAULT_POLICY.diploma([CourseRecord("الف", 2, D("9.75"), False),
                                     CourseRecord("ب", 2, D(10), True)])
    assert not result.granted
    assert any("معدل" in r for r in result.reasons)


def test_policy_is_data():
    data = {**DEFAULT_POLICY_DATA, "diploma": {**DEFAULT_POLICY_DATA["diploma"],
                                                "min_average": 12}}
    strict = GradingPolicy.from_dict(data)
    result = strict.diploma([CourseRecord("الف", 2, D(11), True)])
    assert not result.granted
    assert DEFAULT_POLICY.diploma([CourseRecord("الف", 2, D(11), True)]).granted


def test_storage_and_display_forms():
    assert to_centi(D("18.75")) == 1875 and from_centi(1875) == D("18.75")
    assert format_grade(D("18.50")) == "۱۸٫۵"
    assert format_grade(D("18.00")) == "۱۸"
    assert format_grade(D("18.00"), persian=False) == "18"
    assert format_grade(Mark.ABSENT) == "غایب"
    assert format_grade(Descriptive.GOOD) == "خوب"
