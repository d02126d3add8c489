"""Starting the real program as a person would: `python -m solo_check` in its own process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from solo_check.store import STORE_FILE


def test_the_program_starts_shows_its_window_and_closes_cleanly(tmp_path):
    env = dict(os.environ, SOLO_CHECK_HOME=str(tmp_path / "home"), SOLO_CHECK_EXIT_WHEN_SHOWN="1")
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-m", "solo_check"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "window shown: Solo-Check" in done.stdout
    # Closing the window the normal way keeps its size and place for the next start.
    with sqlite3.connect(tmp_path / "home" / STORE_FILE) as db:
        keys = {row[0] for row in db.execute("SELECT key FROM settings")}
    assert "geometry" in keys
