"""Child process: start Solo-Check exactly as `solo-check` does (`gui.window.start`) and
print what a person would see, as one JSON line each:

- ``SHOWN {...}`` once the window is complete: the notice (if one shows), the ids of the
  checks on the welcome list, and which page is open;
- ``MESSAGE "..."`` for a message box shown instead of a window (it is then closed, as a
  person would click it away);
- ``EXIT n`` with the exit code of `start`.

With ``--stay`` the window stays open after SHOWN until the process is ended.
Run as ``python -m tests.gui.start_child [--stay]``, with SOLO_CHECK_HOME set.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from solo_check.gui.app import setup_first_page
from solo_check.gui.window import MainWindow, start

LOOK_EVERY_MS = 10


def what_is_shown(window: MainWindow) -> dict:
    table = window.welcome.history
    listed = [table.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(table.rowCount())]
    page = window.stack.currentWidget()
    return {
        "notice": window.notice.label.text() if window.notice.isVisible() else None,
        "listed": listed,
        "page": type(page).__name__,
    }


def main(stay: bool) -> int:
    app = QApplication([])
    setup_first_page(app)

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            print("MESSAGE " + json.dumps(box.text()), flush=True)
            box.done(0)
            return
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.content_ready and widget.isVisible():
                print("SHOWN " + json.dumps(what_is_shown(widget)), flush=True)
                if not stay:
                    widget.close()
                return
        QTimer.singleShot(LOOK_EVERY_MS, look)

    QTimer.singleShot(0, look)
    code = start(app)
    print(f"EXIT {code}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main("--stay" in sys.argv[1:]))
