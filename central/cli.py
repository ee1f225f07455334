"""``daftar-central``: the central server's administration and ``serve``.

  daftar-central init                         migrate the database and make the central key
  daftar-central serve [--host --port --workers --forwarded-allow-ips ADDRESSES]
  daftar-central school add CODE NAME --province P --district D   prints the enrolment code
  daftar-central reviewer add USER NAME --role district|province --province P [--district D]
  daftar-central deadline set YEAR SESSION YYYY/MM/DD (Jalali)
  daftar-central confirm IDENTITY (--serial S | --foreign TYPE --birth YYYY/MM/DD) --out F.pdf
                                              a graduate's academic confirmation at the desk
  daftar-central inquiries [--minutes 60]     the inquiry log, counted by channel and answer
  daftar-central openapi [--out central/openapi.json]

The database is DAFTAR_CENTRAL_DB (or --db), a PostgreSQL URL.  Exit status: 0 done,
1 refused (the Persian reason on stderr), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.domain.calendar import SessionKind, parse_jalali, to_gregorian
from desktop.domain.errors import DaftarError
from desktop.domain.workflow import Role

OPENAPI = Path(__file__).parent / "openapi.json"


def _central(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .db import make_engine
    from .service import Central

    url = args.db or os.environ.get("DAFTAR_CENTRAL_DB")
    if not url:
        raise SystemExit("set DAFTAR_CENTRAL_DB or --db to the PostgreSQL URL")
    return Central(make_engine(url, 2))


def openapi_document() -> str:
    from .api import create_app
    from .service import Central

    doc = create_app(Central(None)).openapi()  # type: ignore[arg-type]
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="daftar-central", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", help="PostgreSQL URL (default: DAFTAR_CENTRAL_DB)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="migrate the database and make the central key")
    s = sub.add_parser("serve", help="run the HTTP API")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8750)
    s.add_argument("--workers", type=int, default=1)
    s.add_argument("--forwarded-allow-ips", metavar="ADDRESSES",
                   help="behind a proxy or load balancer: its addresses, whose "
                        "X-Forwarded-For then names the client the rate limit counts")
    s = sub.add_parser("school", help="register a school; prints its one-time enrolment code")
    s.add_argument("action", choices=["add"])
    s.add_argument("code")
    s.add_argument("name")
    s.add_argument("--province", required=True)
    s.add_argument("--district", required=True)
    s = sub.add_parser("reviewer", help="add a reviewer; prints the access token")
    s.add_argument("action", choices=["add"])
    s.add_argument("username")
    s.add_argument("name")
    s.add_argument("--role", choices=["district", "province"], required=True)
    s.add_argument("--province", required=True)
    s.add_argument("--district")
    s = sub.add_parser("deadline", help="move a session's deadline (all schools hear of it)")
    s.add_argument("action", choices=["set"])
    s.add_argument("year", type=int)
    s.add_argument("session", choices=[k.value for k in SessionKind])
    s.add_argument("day", help="Jalali date, e.g. 1405/12/10")
    s = sub.add_parser("confirm", help="issue a graduate's academic confirmation (PDF)")
    s.add_argument("identity")
    s.add_argument("--serial", help="birth-certificate serial")
    s.add_argument("--foreign", help="a foreign id's type (then --birth)")
    s.add_argument("--birth", help="birth date, Jalali")
    s.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("inquiries", help="the inquiry log, counted (codes are not listed)")
    s.add_argument("--minutes", type=int, default=60)
    s.add_argument("--key", type=int, help="one bulk verifier's API key (its id) only")
    s = sub.add_parser("apikey", help="an API key for an office that verifies in bulk (a "
                       "university's registrar): its own quota a minute; prints the key")
    s.add_argument("action", choices=["add"])
    s.add_argument("name")
    s.add_argument("--per-minute", type=int, default=600)
    s = sub.add_parser("openapi", help="write the OpenAPI document")
    s.add_argument("--out", type=Path, default=OPENAPI)
    args = p.parse_args(argv)

    try:
        if args.command == "openapi":
            args.out.write_text(openapi_document(), encoding="utf-8")
            return 0
        if args.command == "serve":
            import uvicorn

            if args.db:
                os.environ["DAFTAR_CENTRAL_DB"] = args.db
            proxied = bool(args.forwarded_allow_ips)
            uvicorn.run("central.api:app_from_env", factory=True, host=args.host,
                        port=args.port, workers=args.workers, log_level="warning",
                        proxy_headers=proxied,
                        forwarded_allow_ips=args.forwarded_allow_ips if proxied else None)
            return 0
        central = _central(args)
        if args.command == "init":
            from .db import migrate

            migrate(central.engine)
            central.make_partitions()
            print(central.init_authority().hex())
        elif args.command == "school":
            print(central.add_school(args.code, args.name, args.province, args.district))
        elif args.command == "reviewer":
            if args.role == "district" and not args.district:
                p.error("a district reviewer needs --district")
            print(central.add_reviewer(args.username, args.name, Role(args.role),
                                       args.province, args.district))
        elif args.command == "confirm":
            from desktop.domain.verification import DocumentKind
            from desktop.printing.central_documents import document_pdf

            from .records import confirm

            issued = confirm(central, args.foreign or "national", args.identity,
                             (args.birth if args.foreign else args.serial) or "", "cli",
                             channel="desk")
            args.out.write_bytes(document_pdf(DocumentKind.CONFIRMATION, issued.code,
                                              issued.body, issued.seal))
            print(issued.code + (" (issued before)" if issued.replay else ""))
        elif args.command == "inquiries":
            from .public import log_summary

            for channel, status, count in log_summary(central, args.minutes, args.key):
                print(f"{channel}\t{status}\t{count}")
        elif args.command == "apikey":
            print(central.add_api_key(args.name, args.per_minute))
        elif args.command == "deadline":
            central.set_deadline(args.year, SessionKind(args.session),
                                 to_gregorian(parse_jalali(args.day)))
        return 0
    except DaftarError as e:
        print(e.message(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
