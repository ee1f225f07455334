"""The central server's use cases, without the web framework (``api`` serves them).

:class:`Central` is :class:`.intake.Intake` (a school's batches) and :class:`.review.Review`
(the district's and the province's decisions) over :class:`.core.Core` (accounts, keys,
deadlines, the feed, revocation); the other parts take it as a ``Core``.
"""

from __future__ import annotations

from .core import (
    Core,
    Refusal,
    ReviewerAccount,
    SchoolAccount,
    token_hash,
    utcnow,
)
from .intake import Intake, copy_rows
from .review import Review

__all__ = ["Central", "Core", "Refusal", "ReviewerAccount", "SchoolAccount", "copy_rows",
           "token_hash", "utcnow"]


class Central(Intake, Review):
    """The central server: every use case on one object, as the web routes see it."""
