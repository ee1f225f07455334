"""Long work off the GUI thread: one worker thread (SQLite has one writer), progress
and cancel.

``Task(fn, *args)`` calls ``fn(*args, progress=..., cancel=...)`` on the worker;
the service reports ``progress(done, total)`` and polls ``cancel()``.  Results and
errors come back to the GUI thread by signal; the task never touches a widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Python side owns it
        self.signals = _Signals()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._cancelled = threading.Event()
        self.finished = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def run(self) -> None:
        try:
            result = self._fn(*self._args, progress=self.signals.progress.emit,
                              cancel=self._cancelled.is_set, **self._kwargs)
        except Exception as e:  # delivered to the GUI thread, shown there
            self.signals.failed.emit(e)
        else:
            self.signals.done.emit(result)
        finally:
            self.finished.set()


class TaskRunner:
    """A single-worker pool shared by the window."""

    def __init__(self) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def start(self, task: Task) -> Task:
        self._running.add(task)
        task.signals.done.connect(lambda _r: self._running.discard(task))
        task.signals.failed.connect(lambda _e: self._running.discard(task))
        self.pool.start(task)
        return task

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)


def with_progress(parent: QWidget, runner: TaskRunner, task: Task, label: str) -> Task:
    """Show a progress dialog with Cancel for ``task`` and start it."""
    cancel = QCoreApplication.translate("Tasks", "Cancel")
    dialog = QProgressDialog(label, cancel, 0, 0, parent)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(True)
    dialog.canceled.connect(task.cancel)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    task.signals.progress.connect(on_progress)
    task.signals.done.connect(lambda _r: dialog.reset())
    task.signals.failed.connect(lambda _e: dialog.reset())
    parent._progress_dialog = dialog  # type: ignore[attr-defined]  # tests look at it
    return runner.start(task)
