#!/usr/bin/env bash
# Daftar's two commands for a fresh Linux machine with Python 3.11 or 3.12:
#   ./dev.sh start   install into .venv and open Daftar on the demo school
#   ./dev.sh test    install everything (system packages too, when root) and run all tests
# Other: ./dev.sh install | package (the self-contained program in dist/) | bench | central
#        (the reference central server on this machine) | demo-central (a fresh demo school
#        and a central server that knows it: a confirmation can be asked for at once)
set -euo pipefail
cd "$(dirname "$0")"

PY=${PYTHON:-}
pick_python() {
    if [ -n "$PY" ]; then return; fi
    for candidate in python3.11 python3.12 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
           "$candidate" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 12)))' 2>/dev/null; then
            PY=$candidate; return
        fi
    done
    echo "Daftar needs Python 3.11 or 3.12 (see README.md)" >&2; exit 1
}

# The libraries Qt's window needs on a real X11 or Wayland session (Qt 6.5+ loads xcb-cursor,
# icccm, keysyms and the rest that the offscreen tests never touch), and for the tests:
# PostgreSQL, poppler-utils (pdftoppm renders printed PDFs back to images), zbar-tools (scans
# the printed QR), CUPS with cups-pdf (a virtual printer), chromium with its driver (the
# central server's public page in a real browser), Xvfb and xdotool (the program on a real
# X server, signed in by key presses).
WINDOW_PKGS=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
             libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
             libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
             libxcb-xfixes0 libxcb-xkb1 libwayland-client0 libwayland-cursor0 libwayland-egl1)
TEST_PKGS=(postgresql poppler-utils zbar-tools cups cups-bsd printer-driver-cups-pdf chromium
           chromium-driver xvfb xdotool binutils)

apt_install() {
    # apt_install required|optional PACKAGE...: installs what is missing (as root or with sudo);
    # otherwise names the missing packages in one line, and stops when they are required.
    local need=$1; shift
    command -v dpkg >/dev/null 2>&1 || return 0   # not Debian/Ubuntu: the README says what
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    local SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo
        else
            echo "Daftar needs these system packages: sudo apt-get install ${missing[*]}" >&2
            [ "$need" = required ] && exit 1
            return 0
        fi
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

venv_install() {
    pick_python
    if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
    # pip only when what to install changed (pyproject.toml) since these extras were last
    # installed: the code itself is installed editable, so a start after a pull needs none
    local stamp=".venv/.installed-${1//,/-}" want
    want=$(sha256sum pyproject.toml | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e ".[$1]"
        echo "$want" > "$stamp"
    fi
    # Compiled translations are build output, made from the .ts sources when they changed.
    if [ ! -f translations/daftar_fa.qm ] || [ translations/daftar_fa.ts -nt translations/daftar_fa.qm ]; then
        .venv/bin/pyside6-lrelease -silent translations/daftar_fa.ts -qm translations/daftar_fa.qm
    fi
}

start_postgres() {
    # A throwaway cluster for the tests, owned by the postgres user, on a private port.
    local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$bin" ] || { echo "PostgreSQL not installed: its tests will be skipped" >&2; return 0; }
    local dir=/tmp/daftar-pg port=54329
    local as=()
    if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi
    if ! "${as[@]}" "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        rm -rf "$dir"; mkdir -p "$dir"
        [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
        "${as[@]}" "$bin/initdb" -D "$dir" -U daftar --auth=trust -E UTF8 >/dev/null
        "${as[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/log" -w \
            -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    fi
    export DAFTAR_TEST_PG_URL="postgresql+psycopg://daftar@127.0.0.1:$port/postgres"
}

build_package() {
    # The self-contained application folder and its archive (PyInstaller; see README).
    local version arch
    version=$(.venv/bin/python -c 'import desktop; print(desktop.__version__)')
    arch="$(uname -s | tr A-Z a-z)-$(uname -m)"
    .venv/bin/pyinstaller --noconfirm --log-level ERROR --distpath dist --workpath build/pyinstaller \
        packaging/daftar.spec
    tar -C dist -czf "dist/daftar-$version-$arch.tar.gz" daftar
    export DAFTAR_PACKAGE="$PWD/dist/daftar"
    echo "built dist/daftar ($(du -sh dist/daftar | cut -f1)) and dist/daftar-$version-$arch.tar.gz"
}

start_printer() {
    # CUPS with the cups-pdf virtual printer "PDF" (writes ~/PDF/*.pdf), when root.
    [ "$(id -u)" -eq 0 ] && command -v cupsd >/dev/null || return 0
    pgrep -x cupsd >/dev/null || cupsd
    for _ in $(seq 20); do lpstat -r >/dev/null 2>&1 && break; sleep 0.5; done
    lpstat -p PDF >/dev/null 2>&1 ||
        lpadmin -p PDF -v cups-pdf:/ -E -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null || true
}

case "${1:-}" in
    install) venv_install desktop,postgres ;;
    package)
        venv_install desktop,package
        build_package ;;
    start)
        apt_install required "${WINDOW_PKGS[@]}"
        venv_install desktop,postgres
        exec .venv/bin/daftar ;;
    test)
        apt_install required "${WINDOW_PKGS[@]}"
        apt_install optional "${TEST_PKGS[@]}"
        venv_install desktop,test
        build_package
        start_postgres
        start_printer
        exec .venv/bin/python -m pytest "${@:2}" ;;
    bench)
        venv_install desktop,test
        start_postgres
        .venv/bin/python bench/bench_sync.py
        .venv/bin/python bench/bench_ingest.py
        .venv/bin/python bench/bench_fdw.py
        .venv/bin/python bench/bench_peak.py --schools 2000
        .venv/bin/python bench/bench_foundation.py
        .venv/bin/python bench/bench_start.py
        .venv/bin/python bench/bench_window.py
        .venv/bin/python bench/bench_approvals.py
        .venv/bin/python bench/bench_statistics.py
        .venv/bin/python bench/bench_inquiry.py
        .venv/bin/python bench/bench_repair.py
        .venv/bin/python bench/bench_setup.py
        .venv/bin/python bench/bench_year_end.py
        .venv/bin/python bench/bench_qr_photos.py
        [ -x dist/daftar/daftar ] || build_package
        .venv/bin/python bench/bench_office.py
        .venv/bin/python bench/soak_kill9.py --kills 20
        exec .venv/bin/python bench/bench_certificates.py ;;
    central)
        # The reference central server over the throwaway PostgreSQL, on 127.0.0.1:8750.
        venv_install desktop,test
        start_postgres
        db="${DAFTAR_TEST_PG_URL%/postgres}/daftar_central"
        psql_url="${db/+psycopg/}"
        .venv/bin/python - "$psql_url" <<'PY'
import sys, psycopg
base, name = sys.argv[1].rsplit("/", 1)
with psycopg.connect(base + "/postgres", autocommit=True) as c:
    if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
        c.execute(f'CREATE DATABASE "{name}"')
PY
        .venv/bin/daftar-central --db "$db" init >/dev/null
        echo "central server: http://127.0.0.1:8750 (database $db)"
        exec .venv/bin/daftar-central --db "$db" serve ;;
    demo-central)
        # A fresh demo school and a fresh reference central server that knows it (its
        # graduating class approved there, its archived diploma's code issued there):
        # tools/demo_central.py says what to try.  Ctrl+C stops the server.
        venv_install desktop,test
        start_postgres
        db="${DAFTAR_TEST_PG_URL%/postgres}/daftar_demo_central"
        .venv/bin/python - "${db/+psycopg/}" <<'PY'
import sys, psycopg
base, name = sys.argv[1].rsplit("/", 1)
with psycopg.connect(base + "/postgres", autocommit=True) as c:
    c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    c.execute(f'CREATE DATABASE "{name}"')
PY
        school="${XDG_DATA_HOME:-$HOME/.local/share}/Daftar/demo-central.sqlite"
        mkdir -p "$(dirname "$school")"
        exec .venv/bin/python tools/demo_central.py --db "$db" --school "$school" ;;
    *) sed -n '2,5p' "$0"; exit 2 ;;
esac
