""" "Keep these answers" in "what if" is one change: the program killed (SIGKILL) in the
middle of keeping them leaves the check exactly as it was - finished, with its old answers -
and a keeping that runs through leaves every change and reopens the check."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from solo_check.store import Store

from ..conftest import ROOT
from .conftest import put_example


def keep_and_kill(home, assessment_id: int, pause_at: int) -> dict:
    """Run the keeping in a child; kill it where it paused. Returns the changes it kept."""
    env = dict(os.environ, SOLO_CHECK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.keep_child", str(assessment_id), str(pause_at)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        changes = None
        for line in child.stdout:
            if line.startswith("CHANGES "):
                changes = json.loads(line[len("CHANGES ") :])
            elif line.strip() in ("PAUSED", "KEPT"):
                break
        else:
            raise AssertionError("child ended early:\n" + child.stderr.read())
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()
    assert changes is not None
    return changes


@pytest.mark.parametrize("pause_at", [2, 3, 4])
def test_killed_while_keeping_the_check_stays_as_it_was(content, home, pause_at):
    aid, _answers = put_example(content, "plumber-solid-reserves.json", finished_days_ago=2)
    store, _ = Store.open()
    before = store.load(aid)
    store.close()

    changes = keep_and_kill(home, aid, pause_at)

    store, _ = Store.open()
    after = store.load(aid)
    store.close()
    assert after.values == before.values  # not one of the changes
    assert after.finished_at == before.finished_at  # still finished, on its old result
    assert set(changes) <= set(before.values)


def test_keeping_that_runs_through_keeps_every_change(content, home):
    aid, _answers = put_example(content, "plumber-solid-reserves.json", finished_days_ago=2)
    changes = keep_and_kill(home, aid, pause_at=0)

    store, _ = Store.open()
    after = store.load(aid)
    store.close()
    for qid, value in changes.items():
        assert after.values.get(qid) == value, qid  # None: cleared
    assert after.finished_at is not None  # shown again at once: finished again
