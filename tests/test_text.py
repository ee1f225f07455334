from desktop.domain.text import (
    ZWNJ,
    collation_key,
    digits_only,
    is_ascii_digits,
    normalize,
    search_key,
    to_ascii_digits,
    to_persian_digits,
)


def test_arabic_letters_become_persian():
    assert normalize("علي كاظمي") == "علی کاظمی"
    assert normalize("مصطفى") == "مصطفی"


def test_digits_to_ascii_for_storage_and_persian_for_display():
    assert to_ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert to_persian_digits("18.75") == "۱۸٫۷۵"
    assert to_persian_digits(1404) == "۱۴۰۴"
    assert normalize("کلاس ۱۰۲") == "کلاس 102"


def test_ascii_digit_check_refuses_persian_digits():
    # int("۱۲۳") is 123 and \d matches Persian digits: the check must not.
    assert is_ascii_digits("123")
    assert not is_ascii_digits("۱۲۳")
    assert not is_ascii_digits("")
    assert not is_ascii_digits("12a")


def test_zwnj_kept_tatweel_and_marks_stripped():
    assert normalize("حسین" + ZWNJ + "زاده") == "حسین" + ZWNJ + "زاده"
    assert normalize("حسیـــن") == "حسین"
    assert normalize("\u200fعلی\u200e") == "علی"
    assert normalize("علی" + ZWNJ * 3 + "پور") == "علی" + ZWNJ + "پور"
    assert normalize("علی " + ZWNJ + " پور") == "علی پور"
    assert normalize(ZWNJ + "علی" + ZWNJ) == "علی"


def test_spaces_folded_and_trimmed():
    assert normalize("  فاطمه \t  زهرا\u00a0 ") == "فاطمه زهرا"
    assert normalize(None) == ""


def test_heh_with_hamza_is_precomposed():
    assert normalize("خانه\u0654") == "خان\u06c0"


def test_search_key_matches_every_way_of_typing_a_name():
    forms = ["علی‌پور", "علي پور", "عليپور", "علی  پور", "عَلی‌پور"]
    assert len({search_key(f) for f in forms}) == 1
    assert search_key("آرش") == search_key("ارش")
    assert search_key("رضا") != search_key("رضوان")


def test_digits_only_removes_separators():
    assert digits_only("۰۰۱-۲۳۴۵۶۷-۸") == "0012345678"
    assert digits_only(" 12 34 ") == "1234"


def test_collation_follows_the_persian_alphabet():
    names = ["یزدانی", "گودرزی", "پورمحمدی", "باقری", "آقایی", "احمدی", "چمران", "ژیان",
             "کریمی"]
    assert sorted(names, key=collation_key) == [
        "آقایی", "احمدی", "باقری", "پورمحمدی", "چمران", "ژیان", "کریمی", "گودرزی", "یزدانی"]
