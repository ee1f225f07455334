"""Typing into real widgets.  ``qtbot.keyClicks`` with Persian text aborts the
process, so every character is sent as its own key event."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def _target(widget: QWidget | None) -> QWidget:
    """``widget``, or the child of it that took the focus (a grid's cell editor)."""
    focus = QApplication.focusWidget()
    if widget is None or (focus is not None and widget.isAncestorOf(focus)):
        assert focus is not None, "nothing has the keyboard focus"
        return focus
    return widget


def type_text(text: str, widget: QWidget | None = None) -> None:
    for ch in text:
        target = _target(widget)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))
        QApplication.processEvents()


def press(key: Qt.Key, widget: QWidget | None = None) -> None:
    target = _target(widget)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))
    QApplication.processEvents()
