"""The reference central server: receives the schools' batches, district and province
review, print permits, revocations, verification inquiries.

Shape
-----
``schema`` (tables), ``service`` (the schools' and reviewers' use cases; no web
framework in it), ``public`` (anyone's inquiry: log, rate limit, the holder's consent),
``records`` (documents the centre signs itself: academic confirmations, codes for
archived diplomas), ``record_codes`` (the 19-digit academic-record code),
``objections`` (the review window's objections, for the district), ``repairs`` (a
province-approved repair exam compared with each graduate's record by the policy's
repair rule), ``api`` (FastAPI: HTTP, authentication, Persian error answers),
``web`` and ``page`` (the public HTML pages), ``cli`` (``daftar-central``: init, serve,
school and reviewer accounts, deadlines, confirmations at the desk, the inquiry log,
the OpenAPI document).
The school rules are not written here again: the central server uses
``desktop.domain`` (workflow table, change-request steps, calendar and deadlines,
identity and verification codes, the seal), so a rule lives once for both ends.

Protocol (see ``openapi.json``)
-------------------------------
A school enrols once with a one-time code from the administrator: it sends its
Ed25519 public key and receives an access token and a key certificate signed by
the central key.  It then ``PUT``s immutable batches to ``/v1/batches/{uuid}``; the
body is canonical JSON signed by the school key (header ``X-Daftar-Signature``).
The UUID is the idempotency key: the same bytes again get the first receipt; other
bytes under a used UUID are refused (409).  A batch is all-or-nothing: one
transaction, refused whole (with the reason in Persian) if any sheet in it is past
its deadline by this server's clock, malformed, or from another school.  What
reviewers decide goes into a per-school feed the school pulls with a cursor
(``/v1/updates?after=``); revocations and deadline changes go to every school.

Scale (DESIGN.md "Scale beyond one machine"; central/SCALING.md)
--------------------------------------------------------------
~110,000 schools, ~200 million grade rows a session, most of it in the last days before
a deadline.  The server is stateless: as many API processes as the load needs behind a
load balancer, pgbouncer in transaction mode before PostgreSQL.  Every large table
carries ``school_code`` (the distribution key: a batch touches one school's rows, one
node on Citus); ``grade_row`` is partitioned by exam session (``term``); a batch's rows
go in by one COPY.  SCALING.md says which tables are distributed and which are
reference tables, what each query touches, and what was measured.
"""
