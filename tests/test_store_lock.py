"""One process at a time works on a data folder's store, tried with real processes: a
second one is turned away before it looks at or changes anything, a killed one leaves no
stale lock, and a store whose lock was taken over refuses to write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from solo_check.answers import Answers
from solo_check.store import LOCK_FILE, STORE_FILE, Store, StoreError

# Opens the store, says so, then does what each line on stdin asks: "write" sets an answer
# and prints "written" or "refused <reason>".
HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from solo_check.answers import Answers
    from solo_check.store import Store, StoreError

    store, _ = Store.open(Path(sys.argv[1]))
    aid = store.create(Answers("solo_check", "1.0.0"))
    print("ready", aid, flush=True)
    for line in sys.stdin:
        try:
            store.set_answer(aid, "notes", "aus dem ersten Fenster")
            print("written", flush=True)
        except StoreError as exc:
            print("refused", exc.reason, flush=True)
    """
)


@pytest.fixture
def holder(tmp_path):
    """Another process with the store in tmp_path/data open; yields (process, its check)."""
    path = tmp_path / "data" / STORE_FILE
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    assert line.startswith("ready"), line
    yield process, int(line.split()[1])
    if process.poll() is None:
        process.kill()
    process.wait()
    process.stdin.close()
    process.stdout.close()


def ask(process: subprocess.Popen, command: str) -> str:
    process.stdin.write(command + "\n")
    process.stdin.flush()
    return process.stdout.readline().strip()


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_second_process_is_turned_away_and_changes_nothing(tmp_path, holder):
    process, _aid = holder
    folder = tmp_path / "data"
    before = folder_state(folder)
    with pytest.raises(StoreError) as caught:
        Store.open(folder / STORE_FILE)
    assert caught.value.reason == "in_use"
    assert folder_state(folder) == before  # nothing inspected away, moved or created
    assert ask(process, "write") == "written"  # the first one works on undisturbed


def test_a_killed_holder_leaves_no_stale_lock(tmp_path, holder):
    process, aid = holder
    assert ask(process, "write") == "written"
    process.send_signal(signal.SIGKILL)
    process.wait()
    store, moved = Store.open(tmp_path / "data" / STORE_FILE)
    assert moved is None
    assert store.load(aid).values == {"notes": "aus dem ersten Fenster"}
    store.close()


def test_a_store_whose_lock_was_taken_over_refuses_to_write(tmp_path, holder):
    """Someone removed the lock file while the first process ran, and a second started:
    from then on only the second may write."""
    process, aid = holder
    folder = tmp_path / "data"
    os.unlink(folder / LOCK_FILE)
    second, _ = Store.open(folder / STORE_FILE)
    second.set_answer(aid, "notes", "aus dem zweiten Fenster")
    assert ask(process, "write") == "refused lock_lost"
    assert second.load(aid).values == {"notes": "aus dem zweiten Fenster"}
    second.close()


def test_stores_of_one_process_share_the_lock_and_release_it(tmp_path):
    path = tmp_path / STORE_FILE
    first, _ = Store.open(path)
    second, _ = Store.open(path)  # the window and a helper of the same program
    aid = first.create(Answers("solo_check", "1.0.0"))
    second.set_answer(aid, "notes", "x")
    first.close()
    second.set_answer(aid, "notes", "y")  # still held by the one left open
    second.close()
    taken = subprocess.run(
        [sys.executable, "-c", HOLDER, str(path)],
        input="write\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert taken.stdout.splitlines()[1:] == ["written"], taken.stdout + taken.stderr
    if os.name == "posix":
        assert (os.stat(tmp_path / LOCK_FILE).st_mode & 0o777) == 0o600
