"""PySide6 6.12.0 on Python 3.11 aborts the interpreter ("Fatal Python error:
none_dealloc") after a few thousand calls of C++ methods that return nothing.
pyproject.toml holds 3.11 to 6.11.x; this test makes many such calls in a child
process (an abort would kill pytest itself) and fails if the child dies."""

import os
import subprocess
import sys

CHILD = r"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableView
app = QApplication([])
label, edit, view = QLabel(), QLineEdit(), QTableView()
model = QStandardItemModel(10, 10)
view.setModel(model)
for i in range(60_000):           # each of these returns None from C++
    label.setText(str(i))
    label.setMinimumWidth(i % 50)
    edit.setText("۱۸٫۵")
    edit.setCursorPosition(0)
    view.setCurrentIndex(model.index(i % 10, i % 7))
    model.setData(model.index(i % 10, i % 10), i)
    item = QStandardItem(str(i)); item.setEditable(False)
print("ok", label.text())
"""


def test_many_void_cpp_calls_do_not_abort():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, f"child died ({done.returncode}): {done.stderr[-2000:]}"
    assert done.stdout.strip() == "ok 59999"


def test_supported_combination():
    import PySide6

    version = tuple(int(x) for x in PySide6.__version__.split(".")[:2])
    if sys.version_info[:2] == (3, 11):
        assert version < (6, 12), "PySide6 6.12 on Python 3.11 aborts; see pyproject.toml"
    assert (3, 11) <= sys.version_info[:2] <= (3, 12)
