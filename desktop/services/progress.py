"""Progress and cancellation for long work, without Qt.

A service that may run long takes ``progress`` (called with done, total) and
``cancel`` (returns True when the person pressed Cancel).  Cancelling raises
:class:`Cancelled` inside the unit of work, so the transaction rolls back and
nothing is changed.  The views run such services on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..domain.errors import DaftarError

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class Cancelled(DaftarError):
    def __init__(self) -> None:
        super().__init__("cancelled")


@dataclass
class Progress:
    progress: ProgressFn | None = None
    cancel: CancelFn | None = None
    every: int = 25

    def step(self, done: int, total: int) -> None:
        """Report every ``every`` items (and the last); raise :class:`Cancelled` if asked."""
        if self.cancel is not None and self.cancel():
            raise Cancelled()
        if self.progress is not None and (done % self.every == 0 or done == total):
            self.progress(done, total)
