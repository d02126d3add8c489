"""Benchmark: page switches and the live re-score of the results view's "what if", in the
real window (offscreen, in this process), against switching a bare QStackedWidget with a
couple of labels in a window of the same size.

Each sample is the time from the trigger (what a click would call) until the window is
painted again: the trigger, then processEvents (posted layout requests, zero timers),
then a synchronous repaint of the whole window. Repainting everything is more than Qt
does after a click (it paints only what changed), so the figures err on the slow side.
Beside the wall-clock p95 the CPU time this process spent is shown: other work on the
machine stretches the first, hardly the second.

Measured, with a complete example (the plumber) as the unfinished check, a new copy of it
in every round (a check opened the first time in the program run):
- welcome -> questionnaire: "Continue" on the check worked on before (its pages are kept),
  and the first opening of a check in the run (the store is read, the first section built);
- section -> next section, first visit: after the person has spent a moment (READ_S) on
  the section before, as anyone does who reads it; the program builds the sections not
  visited yet in that idle time. Also straight away (the next click at once, no idle
  time): then the section is built in the switch;
- section -> section seen before;
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
READ_S = 0.3  # time on a section before "Next": far less than reading it takes


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
    from PySide6.QtCore import QEvent, QEventLoop, QTimer
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

    def idle(seconds: float) -> None:
        """The event loop runs with nothing to do, as while a person reads."""
        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()

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
    example = window.store.load(window.session.id)
    sections = window.content.questionnaire.sections
    last = len(sections) - 1
    questionnaire = window.questionnaire
    to_questionnaire: list[Sample] = []
    first_opens: list[Sample] = []
    first_visits: list[Sample] = []
    first_visits_at_once: list[Sample] = []
    revisits: list[Sample] = []
    to_results: list[Sample] = []
    first_results = None
    old_id = window.session.id
    for n in range(reps):
        # A new copy of the check: its pages are built anew, as for a check opened the
        # first time in a program run. The old one goes after, so no id is used twice.
        session_id = window.store.create(example)
        window.store.delete(old_id)
        old_id = session_id
        window.show_welcome()
        settle(window)
        first_opens.append(timed(window, window.continue_unfinished))
        for _ in range(last):
            if n % 2 == 0:
                idle(READ_S)
                first_visits.append(timed(window, questionnaire.next))
            else:
                first_visits_at_once.append(timed(window, questionnaire.next))
        for _ in range(last):
            revisits.append(timed(window, questionnaire.back))
        # Home and "Continue" again: the same check, its pages kept.
        window.show_welcome()
        window.store.set_place(session_id, sections[0].id)
        settle(window)
        to_questionnaire.append(timed(window, window.continue_unfinished))
        questionnaire.go_to(last)
        settle(window)
        elapsed = timed(window, questionnaire.next)  # on the last section: the results
        assert window.stack.currentWidget() is window.results
        window.store.reopen(session_id)
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

    def row(name: str, samples: list[Sample], note: str = "", limit: float | None = GOAL_MS) -> Row:
        wall = [s.wall for s in samples]
        cpu = [s.cpu for s in samples]
        spread = (
            f"median {median(wall):.1f} ms, max {max(wall):.1f} ms, n={len(samples)};"
            f" CPU time p95 {percentile(cpu, 95):.1f} ms"
        )
        return Row(name, percentile(wall, 95), base_p95, "ms", "below", limit, spread, note)

    return [
        row("switch: welcome -> questionnaire, p95", to_questionnaire, "'Continue'"),
        row(
            "switch: welcome -> a check opened first in the run, p95",
            first_opens,
            "its first section built",
            limit=None,
        ),
        row("switch: section -> next section, first visit, p95", first_visits),
        row(
            "switch: next section at once, first visit, p95",
            first_visits_at_once,
            "no idle time before",
            limit=None,
        ),
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
