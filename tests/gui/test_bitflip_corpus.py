"""Fifty damaged copies of a real store, each started as `solo-check` starts: random bits
flipped (seeded, so every run tries the same fifty). Every start shows the window - with
the store, with its unreadable checks set aside and named, or with the whole file put aside
and named - and never a traceback; no check that can still be read goes missing."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from solo_check.answers import read_answers
from solo_check.gui.window import check_name
from solo_check.scoring import score
from solo_check.store import STORE_FILE, Store

from ..conftest import EXAMPLES, ROOT

SEED = 20261127
TRIALS = 50
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def real_store(content, folder: Path, *, with_draft: bool) -> bytes:
    """The five example people as checks, finished on different days; with a draft the
    window resumes it at start, without one it shows the welcome page first."""
    store, _ = Store.open(folder / STORE_FILE)
    for n, example in enumerate(EXAMPLE_FILES):
        answers = read_answers(example, content)
        answers.finished_at = None
        aid = store.create(answers)
        if with_draft and n == len(EXAMPLE_FILES) - 1:
            store.set_place(aid, "money")
            continue
        situation = score(content, answers, dt.date(2026, 11, 27)).situation
        store.finish(aid, situation, dt.datetime(2026, 11, 1 + n, 12, 0, tzinfo=dt.UTC))
    store.set_setting("language", "de")
    store.close()
    return (folder / STORE_FILE).read_bytes()


def checks_in(path: Path) -> dict[int, tuple]:
    """Every check's rows as plain SQLite reads them, texts as ("text", bytes) so they can
    be told from the same bytes stored as a blob; {} if SQLite cannot read them."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    conn.text_factory = lambda raw: ("text", raw)
    try:
        checks = {}
        for row in conn.execute("SELECT * FROM assessments ORDER BY id").fetchall():
            answers = conn.execute(
                "SELECT * FROM answers WHERE assessment_id = ? ORDER BY question_id", (row[0],)
            ).fetchall()
            checks[row[0]] = (row, answers)
        return checks
    except (sqlite3.Error, UnicodeDecodeError):  # the message may quote damaged schema text
        return {}
    finally:
        conn.close()


def flipped(data: bytes, rng: random.Random) -> bytes:
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
    return bytes(damaged)


def start(home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SOLO_CHECK_HOME=str(home), LC_ALL="C.UTF-8")
    return subprocess.run(
        [sys.executable, "-m", "tests.gui.start_child"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_fifty_damaged_stores_each_start_without_losing_a_readable_check(content, tmp_path):
    rng = random.Random(SEED)
    originals = {}
    for with_draft in (True, False):
        folder = tmp_path / f"original-{with_draft}"
        folder.mkdir()
        data = real_store(content, folder, with_draft=with_draft)
        originals[with_draft] = (data, checks_in(folder / STORE_FILE))

    trials = []
    for n in range(TRIALS):
        data, checks = originals[n % 2 == 0]
        home = tmp_path / f"trial-{n}"
        home.mkdir()
        damaged = flipped(data, rng)
        (home / STORE_FILE).write_bytes(damaged)
        copy = tmp_path / f"copy-{n}.sqlite3"
        copy.write_bytes(damaged)
        readable = {aid for aid, rows in checks_in(copy).items() if checks.get(aid) == rows}
        trials.append((n, home, damaged, set(checks), readable))

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        runs = list(pool.map(lambda trial: start(trial[1]), trials))

    outcomes = {"intact": 0, "checks set aside": 0, "file put aside": 0}
    for (n, home, damaged, original_ids, readable), done in zip(trials, runs, strict=True):
        where = f"trial {n}: {done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr, where
        assert done.returncode == 0, where
        (line,) = [ln for ln in done.stdout.splitlines() if ln.startswith("SHOWN ")]
        shown = json.loads(line[len("SHOWN ") :])
        notice = shown["notice"] or ""
        kept = [p for p in home.iterdir() if p.name.startswith(f"{STORE_FILE}.damaged-")]
        if kept:
            (aside,) = [p for p in kept if p.name.endswith(tuple("0123456789"))]
            assert aside.read_bytes() == damaged, where  # the whole file, byte for byte
            assert str(aside) in notice, where
            outcomes["file put aside"] += 1
            continue
        store, moved = Store.open(home / STORE_FILE)
        try:
            set_aside = store.set_aside()
            for aid in shown["listed"]:
                store.load(aid)
        finally:
            store.close()
        assert moved is None, where
        listed = set(shown["listed"])
        assert readable <= listed, where  # a check that can be read is never missing
        assert original_ids <= listed | {c.id for c in set_aside}, where  # nor silently gone
        for check in set_aside:
            names = {check_name(content.texts.get, check, lang) for lang in ("de", "en")}
            assert any(name in notice for name in names), where
        outcomes["checks set aside" if set_aside else "intact"] += 1
    # The seed gives every kind of outcome, so each of them is tested.
    assert all(outcomes.values()), outcomes
