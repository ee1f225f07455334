"""Issue 25: ``daftar --help`` speaks Persian (argparse's own words and the commands'
one-line helps), ``--lang en`` English; a wrong command is refused in Persian."""

import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True,
                          text=True, timeout=60)


def test_the_help_is_persian_and_english_on_request() -> None:
    fa = run("--help")
    assert fa.returncode == 0
    assert fa.stdout.startswith("کاربرد: daftar") and "فرمان‌ها:" in fa.stdout
    assert "گزینه‌ها:" in fa.stdout and "همین راهنما را نشان بده" in fa.stdout
    assert "ساختن مدرسه در پایگاه دادهٔ تازه" in fa.stdout
    assert "show this help" not in fa.stdout and "create the school" not in fa.stdout
    en = run("--lang", "en", "--help")
    assert en.stdout.startswith("usage: daftar") and "create the school" in en.stdout
    wrong = run("nosuch")
    assert wrong.returncode == 2 and "خطا:" in wrong.stderr and "گزینهٔ نادرست" in wrong.stderr
    sub = run("print", "--help")   # a command's own help: argparse's words Persian too
    assert sub.returncode == 0 and sub.stdout.startswith("کاربرد: daftar print")
