"""Child process for the "keep these answers" test: open the finished check ASSESSMENT_ID on
its result, keep the answers tried in "what if" (all but one changed, one cleared), and stop
for good just before the PAUSE_AT-th write of an answer, so that the test can kill the
process there. PAUSE_AT 0 lets every write through. Prints ``CHANGES {...}`` before
keeping, ``PAUSED`` when stopped and ``KEPT`` when done.

Run as ``python -m tests.gui.keep_child ASSESSMENT_ID PAUSE_AT`` with SOLO_CHECK_HOME set.
"""

from __future__ import annotations

import json
import os
import sys
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from solo_check.gui.app import setup_application
from solo_check.gui.window import create_window

ANSWER_WRITES = ("INSERT INTO answers", "DELETE FROM answers")


def what_if_changes(window) -> dict:
    """Every answer of the what-if panel changed (another option, another number), the
    last one cleared."""
    q = window.content.questionnaire
    answers = window.session.answers
    changes: dict = {}
    *changed, cleared = window.results.what_if_panel.controls
    for control in changed:
        question, now = control.question, answers.values.get(control.question.id)
        if question.type == "number":
            changes[question.id] = question.min if now != question.min else question.max
        else:
            changes[question.id] = next(o.id for o in q.options(question) if o.id != now)
    changes[cleared.question.id] = None
    return changes


def main(assessment_id: int, pause_at: int) -> None:
    app = QApplication([])
    setup_application(app)
    window = create_window()
    window.show()
    window.open_assessment(assessment_id)
    assert window.stack.currentWidget() is window.results
    writes = 0

    def trace(sql: str) -> None:
        # SQLite calls this as each statement starts: the previous ones have run.
        nonlocal writes
        if sql.lstrip().startswith(ANSWER_WRITES):
            writes += 1
            if writes == pause_at:
                print("PAUSED", flush=True)
                threading.Event().wait()  # until killed

    changes = what_if_changes(window)
    print("CHANGES " + json.dumps(changes), flush=True)
    window.store._connection().set_trace_callback(trace)
    window.results.keep_what_if_requested.emit(changes)
    print("KEPT", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
