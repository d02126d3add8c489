"""Benchmark: building the full PDF report of every example against a minimal one-page
reportlab document with the same embedded font, in the same run. Goal: the longest
report builds in well under 0.25 s.

The first build of the process (importing reportlab, reading the TTF files) is shown
apart: it is paid once per program run, when the first report is made.

Run: /work/venv/bin/python bench/bench_report.py
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from measure import Row, print_table

from solo_check.answers import read_answers
from solo_check.content import load_content
from solo_check.scoring import score

ROUNDS = 9
GOAL_SECONDS = 0.25
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TODAY = dt.date(2026, 11, 27)


def minimal_document() -> bytes:
    """One page, one paragraph, the same embedded DejaVu font: reportlab's floor."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from solo_check.report.render import FONT, register_fonts

    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, initialFontName=FONT)
    doc.build([Paragraph("Solo-Check – Grüße", ParagraphStyle("p", fontName=FONT))])
    return out.getvalue()


def timed(work, rounds: int = ROUNDS) -> tuple[float, int]:
    times = []
    size = 0
    for _ in range(rounds):
        start = time.perf_counter()
        size = len(work())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def measure(log: Callable[[str], object] = lambda line: None) -> list[Row]:
    """Time the reports; `log` gets one line per report."""
    content = load_content()
    people = []
    for path in sorted(EXAMPLES.glob("*.json")):
        answers = read_answers(path, content)
        people.append((path.stem, answers, score(content, answers, TODAY)))

    from solo_check.report import build_report

    start = time.perf_counter()
    name, answers, assessment = people[0]
    build_report(content, answers, assessment, "de")
    first = time.perf_counter() - start
    log(f"first report of the process (imports, fonts): {first * 1000:7.1f} ms")

    base, base_size = timed(minimal_document)
    log(f"minimal one-page document:                     {base * 1000:7.1f} ms  {base_size:>7} B")
    slowest, slowest_name = 0.0, ""
    for name, answers, assessment in people:
        for lang in ("de", "en"):
            median, size = timed(
                lambda a=answers, s=assessment, lg=lang: build_report(content, a, s, lg)
            )
            if median > slowest:
                slowest, slowest_name = median, f"{name} ({lang})"
            log(
                f"full report {name:<32} {lang}: {median * 1000:7.1f} ms  {size:>7} B"
                f"  x{median / base:5.1f}"
            )
    return [
        Row(
            "report: full report, slowest example",
            slowest * 1000,
            base * 1000,
            "ms",
            "below",
            GOAL_SECONDS * 1000,
            spread=f"median of {ROUNDS} builds, {slowest_name}",
            note="baseline: a one-page reportlab document with the same embedded font",
        ),
        Row(
            "report: the first of a program run",
            first * 1000,
            base * 1000,
            "ms",
            "below",
            None,
            note="imports reportlab and Pillow, reads the fonts: once per run",
        ),
    ]


def main() -> None:
    rows = measure(print)
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
