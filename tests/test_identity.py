import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.identity import (
    ForeignIdType,
    is_valid_national_code,
    make_national_code,
    national_code_check_digit,
    normalize_foreign_id,
    normalize_national_code,
    normalize_record_code,
    normalize_school_code,
)


def _by_hand(code: str) -> bool:
    s = sum(int(code[i]) * (10 - i) for i in range(9)) % 11
    return int(code[9]) == (s if s < 2 else 11 - s)


@pytest.mark.parametrize("code", ["0499370899", "0790419904", "0084575948",
                                  "4608968882"])
def test_valid_codes(code):
    assert _by_hand(code)
    assert normalize_national_code(code) == code


def test_persian_digits_and_separators_are_accepted():
    assert normalize_national_code("۰۴۹۹۳۷۰۸۹۹") == "0499370899"
    assert normalize_national_code("٠٤٩٩٣٧٠٨٩٩") == "0499370899"
    assert normalize_national_code("049-937089-9") == "0499370899"


def test_eight_and_nine_digits_are_left_padded():
    assert normalize_national_code("84575948") == "0084575948"
    assert normalize_national_code("499370899") == "0499370899"


@pytest.mark.parametrize("digit", "0123456789")
def test_repeated_digit_codes_refused_although_checksum_passes(digit):
    code = digit * 10
    assert _by_hand(code)
    with pytest.raises(ValidationError) as e:
        normalize_national_code(code)
    assert e.value.code == "national_code.repeated"


@pytest.mark.parametrize("code,why", [
    ("0499370898", "national_code.checksum"),
    ("0499370890", "national_code.checksum"),
    ("1234567", "national_code.length"),
    ("12345678901", "national_code.length"),
    ("04993708a9", "national_code.not_digits"),
    ("", "national_code.empty"),
    ("   ", "national_code.empty"),
])
def test_bad_codes_refused_with_a_reason(code, why):
    with pytest.raises(ValidationError) as e:
        normalize_national_code(code)
    assert e.value.code == why
    assert "کد ملی" in str(e.value)


def test_any_single_digit_change_is_caught():
    code = "0499370899"
    for i in range(10):
        for d in "0123456789":
            if d != code[i]:
                changed = code[:i] + d + code[i + 1:]
                if changed != changed[0] * 10 and is_valid_national_code(changed):
                    pytest.fail(f"{changed} accepted")


def test_make_national_code_round_trips():
    for nine in ("049937089", "000000001", "987654321"):
        assert is_valid_national_code(make_national_code(nine))
    assert national_code_check_digit("049937089") == 9


def test_foreign_ids():
    assert normalize_foreign_id("fida", "۱۲۳۴۵۶۷۸۹۰۱۲").value == "123456789012"
    assert normalize_foreign_id("passport", " p12 34567 ").value == "P1234567"
    assert normalize_foreign_id("student_code", "12345678").kind is ForeignIdType.STUDENT_CODE
    with pytest.raises(ValidationError):
        normalize_foreign_id("fida", "12345")
    with pytest.raises(ValidationError) as e:
        normalize_foreign_id("visa", "123")
    assert e.value.code == "foreign_id.type"


def test_opaque_codes_have_their_length_checked():
    assert normalize_record_code("۱" * 19) == "1" * 19
    with pytest.raises(ValidationError):
        normalize_record_code("1" * 18)
    assert normalize_school_code("12345678") == "12345678"
    with pytest.raises(ValidationError) as e:
        normalize_school_code("1234567a")
    assert "۸" in str(e.value)
