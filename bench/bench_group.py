"""Benchmark: the anonymised group report of 500 answers files (reading and checking each
file, scoring it, counting, and the PDF), against reading the same 500 files as JSON
only, in the same run. Goal: under 5 s here.

Run: .venv/bin/python bench/bench_group.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
import time
from pathlib import Path

from measure import Row, print_table

from solo_check.answers import read_answers, write_answers
from solo_check.content import load_content

FILES = 500
GOAL_SECONDS = 5.0
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TODAY = dt.date(2026, 12, 2)


def make_files(content, folder: Path) -> None:
    rng = random.Random(500)
    examples = sorted(EXAMPLES.glob("*.json"))
    for i in range(FILES):
        answers = read_answers(examples[i % len(examples)], content)
        answers.set("reserve_months", rng.choice([0, 1, 2, 4, 6, 12]))
        answers.set("largest_client_share", rng.randrange(0, 101))
        write_answers(answers, folder / f"person-{i:03d}.json")


def measure(log=print) -> list[Row]:
    from solo_check.group import read_group, summarise
    from solo_check.report.group import build_group_report

    content = load_content()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_files(content, folder)
        start = time.perf_counter()
        for path in sorted(folder.glob("*.json")):
            json.loads(path.read_bytes())
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        group, skipped = read_group(content, [folder], "de")
        summary = summarise(content, group, TODAY, "de")
        pdf = build_group_report(content, summary, "de")
        took = time.perf_counter() - start
    log(f"{len(group)} files ({len(skipped)} skipped): {took:.2f} s, PDF {len(pdf)} B")
    log(f"reading them as JSON only: {baseline * 1000:.0f} ms")
    return [
        Row(
            f"group report: {FILES} answers files",
            took * 1000,
            baseline * 1000,
            "ms",
            "below",
            GOAL_SECONDS * 1000,
            note="read, check, score, count and PDF; baseline: json.loads of the same files",
        )
    ]


def main() -> None:
    rows = measure(print)
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
