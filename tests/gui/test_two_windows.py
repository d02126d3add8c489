"""Solo-Check started twice on one data folder (a double click too many), as two real
processes: the second says plainly that the program is open already and goes, without
touching the answers the first one is working on."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ..conftest import ROOT
from .conftest import put_example


def folder_state(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_second_start_says_the_program_is_open_and_changes_nothing(content, home):
    put_example(content, "plumber-solid-reserves.json")  # an unfinished check to work on
    env = dict(os.environ, SOLO_CHECK_HOME=str(home), LC_ALL="C.UTF-8")
    command = [sys.executable, "-m", "tests.gui.start_child"]
    first = subprocess.Popen(
        [*command, "--stay"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        line = first.stdout.readline()
        assert line.startswith("SHOWN "), line
        assert json.loads(line[len("SHOWN ") :])["page"] == "QuestionnairePage"
        before = folder_state(home)

        second = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert "Traceback" not in second.stderr, second.stderr
        lines = second.stdout.splitlines()
        assert lines == [
            "MESSAGE " + json.dumps(content.texts.get("notice.store_in_use", "de")),
            "EXIT 1",
        ], second.stdout
        assert folder_state(home) == before
        assert first.poll() is None  # the first window is still open
    finally:
        first.kill()
        first.wait()
        first.stdout.close()
