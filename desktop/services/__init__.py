"""Use cases, Qt-free.  Each public function is one unit of work and returns plain data.

Callers (views, the command line, tests) pass a :class:`~desktop.models.db.Database`
and, for changes, an :class:`Actor`; they never see a Session.
"""

from .context import DEFAULT_ACTOR, Actor  # noqa: F401
