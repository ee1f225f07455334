"""The public page in a real browser: Debian's chromium, headless, driven by Selenium
(Playwright's own browser download does not work here).  A person types a code in
Persian digits, then uploads a photo of a QR; screenshots are kept in the test's
folder for a person to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.domain.calendar import SessionKind
from desktop.domain.text import to_persian_digits
from desktop.domain.verification import DocumentKind
from desktop.services import certificates, sync
from desktop.services.context import PRINCIPAL_ACTOR
from desktop.services.school import list_classes

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
pytestmark = [pytest.mark.postgres, pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="chromium and chromium-driver (./dev.sh test installs them)")]


@pytest.fixture
def browser():  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=900,1100", "--lang=fa"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def result_after_submit(browser):  # type: ignore[no-untyped-def]
    """The answer page's result, once the form's navigation has finished (a click does not
    wait for it; the form page has no result element)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 30).until(
        expected_conditions.presence_of_element_located((By.ID, "result")))


def test_a_person_checks_a_code_and_a_photo_in_the_browser(enrolled, central, browser,
                                                           tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    klass = next(c for c in list_classes(enrolled, 1405) if c.name.startswith("دهم"))
    pdf = tmp_path / "cards.pdf"
    issued = certificates.issue_class(enrolled, klass.id, DocumentKind.REPORT_CARD,
                                      SessionKind.DEY, PRINCIPAL_ACTOR, pdf)
    assert sync.run(enrolled).ok
    code = issued[0].code

    browser.get(central.url + "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    typed = to_persian_digits(" ".join(code[i:i + 5] for i in range(0, 20, 5)))
    browser.find_element(By.ID, "code").send_keys(typed)
    browser.find_element(By.CSS_SELECTOR, "form[action='/verify'] button").click()
    result = result_after_submit(browser)
    assert "معتبر" in result.text and "کارنامه" in result.text and "*" in result.text
    # the page's own font came through (no box glyphs): the computed family is Vazirmatn
    family = browser.execute_script(
        "return getComputedStyle(document.body).fontFamily")
    assert "Vazirmatn" in family
    browser.save_screenshot(str(tmp_path / "by-code.png"))

    subprocess.run(["pdftoppm", "-r", "120", "-png", "-f", "3", "-l", "3", "-singlefile",
                    str(pdf), str(tmp_path / "photo")], check=True)
    browser.get(central.url + "/")
    browser.find_element(By.ID, "photo").send_keys(str(tmp_path / "photo.png"))
    browser.find_element(By.CSS_SELECTOR, "form[action='/verify/upload'] button").click()
    result = result_after_submit(browser)
    assert "معتبر" in result.text and to_persian_digits(issued[2].code[15:]) in result.text
    browser.save_screenshot(str(tmp_path / "by-photo.png"))

    browser.get(central.url + "/verify?code=" + "<b>12</b>")
    result = browser.find_element(By.ID, "result")
    assert "کد نادرست" in result.text and not browser.find_elements(By.CSS_SELECTOR, "main b")
    browser.save_screenshot(str(tmp_path / "bad-code.png"))
    for shot in ("by-code", "by-photo", "bad-code"):
        assert (tmp_path / f"{shot}.png").stat().st_size > 10_000
