"""The start-up baseline: a bare PySide6 QMainWindow, shown, and closed once painted.

It does what `solo-check` does with SOLO_CHECK_EXIT_WHEN_SHOWN=1, and nothing else: same
window size, the same "first paint, then a zero timer" signal, a normal close.

Run: QT_QPA_PLATFORM=offscreen /work/venv/bin/python bench/bare_window.py
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    """Calls `done` from a zero timer after the window's first paint event."""

    def __init__(self, done) -> None:
        super().__init__()
        self.done = done
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.done)
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1100, 780)

    def shown() -> None:
        print("bare: window shown", flush=True)
        window.close()

    watcher = FirstPaint(shown)
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
