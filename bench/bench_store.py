"""Benchmark: 1,000 answer changes through Store.set_answer against the same 1,000 bare
INSERT OR REPLACE, each committed on its own, on a bare sqlite3 connection with the same
pragmas (WAL, synchronous=NORMAL, foreign keys). Goal: the store under 0.1 s in total.

Run: /work/venv/bin/python bench/bench_store.py
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from measure import Row, print_table

from solo_check.answers import Answers
from solo_check.store import STORE_FILE, Store

CHANGES = 1_000
ROUNDS = 5
GOAL_SECONDS = 0.1


def changes() -> list[tuple[str, object]]:
    """What a person does: 60 questions, answered and changed over and over."""
    kinds = [
        "it_services",
        ["a", "b", "c"],
        42,
        {"routine": 40, "creative": 35, "client": 25},
        "Eine freie Antwort mit Umlauten: Grüße aus Köln",
    ]
    return [(f"q{n % 60}", kinds[n % len(kinds)]) for n in range(CHANGES)]


def through_store(folder: Path, work: list[tuple[str, object]]) -> float:
    store, _ = Store.open(folder / STORE_FILE)
    aid = store.create(Answers("solo_check", "1.0.0"))
    start = time.perf_counter()
    for question_id, value in work:
        store.set_answer(aid, question_id, value)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def bare(folder: Path, work: list[tuple[str, object]]) -> float:
    conn = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(
        "CREATE TABLE answers (assessment_id INTEGER, question_id TEXT, value TEXT,"
        " PRIMARY KEY (assessment_id, question_id)) WITHOUT ROWID"  # the store's table shape
    )
    conn.execute("INSERT INTO answers VALUES (0, 'warm', 'up')")  # as the store's create()
    texts = [(q, json.dumps(v)) for q, v in work]  # the store serialises inside its loop
    start = time.perf_counter()
    for question_id, text in texts:
        conn.execute("BEGIN")
        conn.execute("INSERT OR REPLACE INTO answers VALUES (1, ?, ?)", (question_id, text))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def measure(log: Callable[[str], object] = lambda line: None) -> list[Row]:
    """Time the changes through the store and bare; `log` gets the details."""
    work = changes()
    store_times, bare_times = [], []
    for _ in range(ROUNDS):
        with tempfile.TemporaryDirectory() as tmp:
            store_times.append(through_store(Path(tmp), work))
        with tempfile.TemporaryDirectory() as tmp:
            bare_times.append(bare(Path(tmp), work))
    s, b = statistics.median(store_times), statistics.median(bare_times)
    log(f"{CHANGES} answer changes, each its own transaction; median of {ROUNDS} rounds")
    log(f"  Store.set_answer:         {s * 1000:7.1f} ms  ({s / CHANGES * 1e6:.0f} µs each)")
    log(f"  bare INSERT OR REPLACE:   {b * 1000:7.1f} ms  ({b / CHANGES * 1e6:.0f} µs each)")
    log(f"  ratio store / bare:       {s / b:7.2f}")
    return [
        Row(
            f"store: {CHANGES:,} answer changes",
            s * 1000,
            b * 1000,
            "ms",
            "below",
            GOAL_SECONDS * 1000,
            spread=f"median of {ROUNDS} rounds, {s / CHANGES * 1e6:.0f} µs each",
            note="baseline: bare sqlite3 upserts, same pragmas, each committed",
        )
    ]


def main() -> None:
    rows = measure(print)
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
