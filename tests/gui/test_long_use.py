"""Long use does not crash the app: PySide6 6.12.0 on Python 3.11 drops a reference to
None with every call that returns nothing, and to True or False with every signal emitted
from Python; the gui package guards against both."""

from __future__ import annotations

import os
import subprocess
import sys

from ..conftest import ROOT

CHILD = """
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
import solo_check.gui  # the guard
app = QApplication([])
label = QLabel()


class Answer(QObject):
    changed = Signal(str)


answer = Answer()
answer.changed.connect(label.setText)
for i in range(300_000):
    label.setText("Rücklagen")
    label.setVisible(False)
    answer.changed.emit("Rücklagen")
print("survived")
"""


def test_hundreds_of_thousands_of_qt_calls_do_not_abort_python():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
