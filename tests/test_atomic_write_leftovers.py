"""A save killed just before its final rename leaves a hidden temporary file holding all
of what was being saved. The next save into that folder removes it - but never the
temporary file of a save still running, and never a file that is not ours."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from solo_check.files import write_atomic

from .conftest import EXAMPLES
from .test_cli import run

SECRET = b"%PDF Bericht mit allen Antworten"
# Saves SECRET to argv[1] and stops for good just before the rename that would finish it.
SAVER = textwrap.dedent(
    f"""
    import os, sys, threading
    from pathlib import Path
    from solo_check.files import write_atomic

    def stop_before_rename(source, target):
        print("STOPPED", source, flush=True)
        threading.Event().wait()

    os.replace = stop_before_rename
    write_atomic(Path(sys.argv[1]), {SECRET!r})
    """
)


def hidden(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.startswith(".")}


def test_the_next_save_removes_what_a_killed_save_left(tmp_path):
    folder = tmp_path / "Dokumente"
    folder.mkdir()
    not_ours = folder / ".notizen.txt.ab12cd34.tmp"  # another program's, looking alike
    not_ours.write_text("fremd")
    saver = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(folder / "bericht.pdf")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = saver.stdout.readline()
        assert line.startswith("STOPPED "), line
        leftover = Path(line.split(maxsplit=1)[1].strip())
        write_atomic(folder / "antworten.json", b"{}")  # a save beside one still running
        assert leftover.exists()  # in use: not touched
    finally:
        saver.send_signal(signal.SIGKILL)
        saver.wait()
        saver.stdout.close()
    assert leftover.read_bytes() == SECRET  # what a kill leaves: everything, in a hidden file
    assert hidden(folder) == {leftover.name, not_ours.name}

    result = run(
        "report", str(EXAMPLES / "plumber-solid-reserves.json"), "-o", str(folder / "b.pdf")
    )
    assert result.returncode == 0, result.stderr
    assert hidden(folder) == {not_ours.name}
    assert not_ours.read_text() == "fremd"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "antworten.json",
        "b.pdf",
    ]
    assert not os.path.exists(folder / "bericht.pdf")  # that save never finished
