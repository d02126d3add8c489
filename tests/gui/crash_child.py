"""Child process for the crash-safety test: answer the first N questions of an example by
keyboard, say which, then wait to be killed. Run as `python -m tests.gui.crash_child`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from solo_check.answers import read_answers
from solo_check.gui.app import setup_application
from solo_check.gui.window import create_window

from . import keyboard


def main(example_path: str, count: int) -> None:
    app = QApplication([])
    setup_application(app)
    window = create_window()
    window.show()
    window.activateWindow()
    while QApplication.activeWindow() is not window:
        app.processEvents()
    keyboard.key(window.welcome.start_button, Qt.Key.Key_Space)
    example = read_answers(Path(example_path), window.content)
    done: list[str] = []
    sections = window.content.questionnaire.sections
    for index in range(len(sections)):
        page = window.questionnaire.pages[index]
        for qid, widget in page.widgets.items():
            if len(done) >= count:
                break
            if widget.isHidden():
                continue
            if qid in example.values:
                keyboard.answer(widget, example.values[qid], "de")
                done.append(qid)
            elif qid in example.declined:
                keyboard.decline(widget)
                done.append(qid)
        if len(done) >= count:
            break
        keyboard.key(keyboard.focused(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    section = sections[window.questionnaire.current].id
    print("READY " + json.dumps({"section": section, "answered": done}), flush=True)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
