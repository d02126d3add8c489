"""Killed in the middle of a check (SIGKILL, no chance to clean up), the app comes back on
the same section with every answer that was on screen."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from solo_check.answers import read_answers

from ..conftest import EXAMPLES, ROOT

EXAMPLE = EXAMPLES / "copywriter-one-client.json"


def _run_child_and_kill(home, count: int) -> dict:
    env = dict(os.environ, SOLO_CHECK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.crash_child", str(EXAMPLE), str(count)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in child.stdout:
            if line.startswith("READY "):
                state = json.loads(line[len("READY ") :])
                break
        else:
            raise AssertionError("child ended early:\n" + child.stderr.read())
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return state


@pytest.mark.parametrize("count", [1, 9, 25, 48])
def test_every_answer_survives_a_kill(open_window, home, content, count):
    state = _run_child_and_kill(home, count)
    assert len(state["answered"]) == count
    example = read_answers(EXAMPLE, content)

    window = open_window()
    assert window.stack.currentWidget() is window.questionnaire
    current = window.questionnaire.sections[window.questionnaire.current].id
    assert current == state["section"]
    assert window.notice.isVisible()  # "welcome back, all your answers are saved"
    for qid in state["answered"]:
        window.questionnaire.go_to_question(qid)
        page = window.questionnaire.pages[window.questionnaire.current]
        widget = page.widgets[qid]
        if qid in example.declined:
            assert widget.is_declined(), qid
        else:
            shown = widget.value()
            expected = example.values[qid]
            if isinstance(expected, list):
                shown, expected = sorted(shown), sorted(expected)
            assert shown == expected, qid
    answered = set(window.session.answers.values) | window.session.answers.declined
    assert answered == set(state["answered"])
