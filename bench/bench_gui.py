"""Benchmark: page switches and the live re-score of the results view's "what if", in the
real window (offscreen, in this process), against switching a bare QStackedWidget with a
couple of labels in a window of the same size.

Each sample is the time from the trigger (what a click would call) until the window is
painted again: the trigger, then processEvents (posted layout requests, zero timers),
then a synchronous repaint of the whole window. Repainting everything is more than Qt
does after a click (it paints only what changed), so the figures err on the slow side.
Beside the wall-clock p95 the CPU time this process spent is shown: other work on the
machine stretches the first, hardly the second.

Measured, with a complete example (the plumber) as the unfinished check:
- welcome -> questionnaire: "Continue" (the store is read, the first section is built);
- section -> section, first visit (its questions are built) and seen before;
- questionnaire -> results: "Show results" on the last section (scored and filled in);
  the very first time also builds the results page, shown apart;
- a "what if" change of the months of reserves: re-scored and drawn again.

Goal: p95 under 16 ms (one frame at 60 Hz).

Run: /work/venv/bin/python bench/bench_gui.py [--reps N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from measure import Row, median, percentile, print_table, rows_json

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPS = 20
GOAL_MS = 16.0


class Sample(NamedTuple):
    """One switch: wall-clock time, and the CPU time this process spent (less disturbed
    by other work on the machine)."""

    wall: float
    cpu: float


def measure(reps: int = REPS) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="solo-check-bench-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        os.environ["SOLO_CHECK_HOME"] = str(home)
        return _measure(home, reps)


def _measure(home: Path, reps: int) -> list[Row]:
    from bench_start import prepare_home
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QVBoxLayout
    from PySide6.QtWidgets import QWidget as Widget

    from solo_check.gui.app import setup_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app)

    def timed(window: Widget, trigger: Callable[[], object]) -> Sample:
        start, start_cpu = time.perf_counter(), time.process_time()
        trigger()
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the event loop would
        window.repaint()
        return Sample(
            (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000
        )

    def settle(window: Widget) -> None:
        for _ in range(5):
            app.processEvents()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        window.repaint()

    # The baseline: a bare stack of pages with a couple of labels each.
    bare = QMainWindow()
    stack = QStackedWidget()
    for n in range(3):
        page = Widget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"Seite {n + 1}"))
        layout.addWidget(QLabel("Ein kurzer Text auf dieser Seite."))
        layout.addStretch(1)
        stack.addWidget(page)
    bare.setCentralWidget(stack)
    bare.resize(1100, 780)
    bare.show()
    settle(bare)
    baseline = [
        timed(bare, lambda n=n: stack.setCurrentIndex(n % 3)) for n in range(1, reps * 10 + 1)
    ]
    bare.close()

    # The real window, on an unfinished check holding every answer of the example.
    prepare_home(home, finished=False)
    from solo_check.gui.window import create_window

    window = create_window()
    window.show()
    settle(window)
    session_id = window.session.id
    sections = window.content.questionnaire.sections
    last = len(sections) - 1
    questionnaire = window.questionnaire
    to_questionnaire: list[Sample] = []
    first_visits: list[Sample] = []
    revisits: list[Sample] = []
    to_results: list[Sample] = []
    first_results = None
    for _ in range(reps):
        window.show_welcome()
        window.store.reopen(session_id)  # unfinished again, on its first section
        window.store.set_place(session_id, sections[0].id)
        settle(window)
        to_questionnaire.append(timed(window, window.continue_unfinished))
        for _ in range(last):
            first_visits.append(timed(window, questionnaire.next))
        for _ in range(last):
            revisits.append(timed(window, questionnaire.back))
        questionnaire.go_to(last)
        settle(window)
        elapsed = timed(window, questionnaire.next)  # on the last section: the results
        assert window.stack.currentWidget() is window.results
        if first_results is None:
            first_results = elapsed
        else:
            to_results.append(elapsed)

    spin = window.results.what_if_panel.control("reserve_months").control
    what_if: list[Sample] = []
    for n in range(reps * 10):
        what_if.append(timed(window, lambda n=n: spin.setValue(n % 24)))
    window.close()
    window.store.close()

    base_p95 = percentile([b.wall for b in baseline], 95)

    def row(name: str, samples: list[Sample], note: str = "") -> Row:
        wall = [s.wall for s in samples]
        cpu = [s.cpu for s in samples]
        spread = (
            f"median {median(wall):.1f} ms, max {max(wall):.1f} ms, n={len(samples)};"
            f" CPU time p95 {percentile(cpu, 95):.1f} ms"
        )
        return Row(name, percentile(wall, 95), base_p95, "ms", "below", GOAL_MS, spread, note)

    return [
        row("switch: welcome -> questionnaire, p95", to_questionnaire, "'Continue'"),
        row("switch: section -> next section, first visit, p95", first_visits),
        row("switch: section -> section seen before, p95", revisits),
        row("switch: questionnaire -> results, p95", to_results),
        Row(
            "switch: results the first time (page built)",
            first_results.wall if first_results else 0.0,
            base_p95,
            "ms",
            "below",
            None,
            note="once per program run",
        ),
        row("what if: change -> re-scored and drawn, p95", what_if),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=REPS, help=f"repetitions (default {REPS})")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (run.py)")
    args = parser.parse_args()
    rows = measure(args.reps)
    if args.json:
        print(rows_json(rows), flush=True)
    else:
        print_table(rows)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
