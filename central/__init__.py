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

Scale (DESIGN.md "Scale beyond one machine")
--------------------------------------------
~110,000 schools, ~16 million students, ~200 million grade rows a session, most of
it in the last days before a deadline.  This server is stateless: run as many API
processes as the load needs (``serve --workers N`` on each node, a load balancer in
front), all over one PostgreSQL.  The write path of a batch is one transaction with
grade rows streamed in by ``COPY`` (the benchmark's figure is per school over
loopback), so the database, not Python, is the limit:

* Partitioning.  ``grade_row`` is the big table (~200 M rows a session).  In
  production it is declared ``PARTITION BY LIST (session_key)`` with one partition per
  (year, session) and, inside each, ``PARTITION BY HASH (school_code)`` into 32-64
  parts; a session's partitions are detached and archived when its appeals close,
  so vacuum and index sizes stay those of one session.  ``sheet`` and ``batch``
  follow the same keys.  Every query the API makes carries ``school_code`` (a school
  reads only its own rows; reviewers read their district/province, which is a
  column of ``school``), so partition pruning always applies.  The reference schema
  here is unpartitioned to keep the test database small; the keys and the queries
  are already the partitioned ones.
* Past one node: Citus, distributing ``sheet``, ``grade_row``, ``batch``, ``document``
  and ``change_request`` by ``school_code`` (co-located, so one batch's transaction
  stays on one worker) and keeping ``school``, ``reviewer``, ``deadline`` and
  ``authority`` as reference tables.  The feed (``update_feed``) is distributed by
  ``school_code`` with the nationwide items (revocations, deadlines) in a reference
  table read beside it.  Reviewer queries by district fan out to the workers.
* Deadline peaks: ingestion is ~COPY speed; the client backs off exponentially with
  jitter on 5xx/429, so an overloaded server sheds load instead of collapsing, and a
  batch that arrived (even if its answer was lost) is answered from its receipt.
"""
