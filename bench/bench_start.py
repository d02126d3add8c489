"""Benchmark: cold start of `python -m solo_check` and its peak memory, against a bare
PySide6 QMainWindow (bare_window.py) started the same way in the same run.

Each start is its own process, offscreen, with SOLO_CHECK_EXIT_WHEN_SHOWN=1: the app says
"window shown" once its first page is painted, "ready" once it is idle with the content
validated (then it closes itself). The time is taken from launching the process to the
moment each line arrives; the peak memory is the process's ru_maxrss (os.wait4). Runs of
the app and of the baseline alternate, so both see the same machine.

Three starts of the app, each with a fresh SOLO_CHECK_HOME:
- first start: no store yet (a new user);
- second start: a store with one finished check in the history (a returning user);
- resume: a store with an unfinished check, which the app opens on its questionnaire.

Goal: the first page shown within 1.3x the bare window's time; peak RSS within 1.3x.

Run: /work/venv/bin/python bench/bench_start.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from measure import Row, median, print_table, quartiles

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
EXAMPLE = "plumber-solid-reserves.json"
RUNS = 11
GOAL_RATIO = 1.3
SHOWN_MARK = "window shown"
READY_MARK = "ready"


@dataclass(frozen=True)
class Launch:
    shown_ms: float
    ready_ms: float  # the same as shown_ms for a program that says nothing more
    exit_ms: float
    max_rss_mb: float
    shown_rss_mb: float  # the peak so far, read the moment "window shown" arrives


def peak_so_far_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def launch(command: list[str], env: dict[str, str], cwd: Path) -> Launch:
    """Start one process and time its 'window shown' and 'ready' lines and its exit."""
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=errors, text=True
        )
        assert proc.stdout is not None
        shown = ready = None
        shown_rss = 0.0
        for line in iter(proc.stdout.readline, ""):
            now = time.perf_counter()
            if shown is None and SHOWN_MARK in line:
                shown = now
                shown_rss = peak_so_far_mb(proc.pid)
            if ready is None and line.rstrip().endswith(READY_MARK):
                ready = now
        _, status, usage = os.wait4(proc.pid, 0)
        ended = time.perf_counter()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0 or shown is None:
            errors.seek(0)
            raise RuntimeError(
                f"{' '.join(command)} failed ({proc.returncode}):\n{errors.read()[-2000:]}"
            )
    ready = ready or shown
    return Launch(
        shown_ms=(shown - start) * 1000,
        ready_ms=(ready - start) * 1000,
        exit_ms=(ended - start) * 1000,
        max_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        shown_rss_mb=shown_rss,
    )


def base_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    # An installed program has its bytecode compiled; without this a changed source file
    # would be compiled again at every start, which no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        SOLO_CHECK_EXIT_WHEN_SHOWN="1",
        SOLO_CHECK_HOME=str(home),
        LANG="de_DE.UTF-8",
    )
    return env


def prepare_home(folder: Path, *, finished: bool) -> None:
    """A store holding the example as one finished (history) or one unfinished check."""
    import datetime as dt

    from solo_check.answers import read_answers
    from solo_check.content import load_content
    from solo_check.scoring import score
    from solo_check.store import Store

    content = load_content()
    answers = read_answers(EXAMPLES / EXAMPLE, content)
    answers.finished_at = None
    store, _ = Store.open(folder / "solo-check.sqlite3")
    new_id = store.create(answers)
    if finished:
        situation = score(content, answers, dt.date.today()).situation
        store.finish(new_id, situation)
    store.close()


def measure(runs: int = RUNS) -> list[Row]:
    app = [sys.executable, "-m", "solo_check"]
    bare = [sys.executable, str(HERE / "bare_window.py")]
    results: dict[str, list[Launch]] = {"bare": [], "first": [], "second": [], "resume": []}
    with tempfile.TemporaryDirectory(prefix="solo-check-bench-") as tmp:
        root = Path(tmp)
        for name in ("second", "resume"):
            prepare_home(root / f"{name}-template", finished=name == "second")
        for run in range(runs + 1):  # the first round only warms the file cache
            rounds = {
                "bare": (bare, root / f"bare-{run}"),
                "first": (app, root / f"first-{run}"),
                "second": (app, root / f"second-{run}"),
                "resume": (app, root / f"resume-{run}"),
            }
            for name, (command, home) in rounds.items():
                template = root / f"{name}-template"
                if template.exists():
                    shutil.copytree(template, home)
                else:
                    home.mkdir()
                result = launch(command, base_env(home), cwd=root)
                if run > 0:
                    results[name].append(result)
    return rows(results)


def rows(results: dict[str, list[Launch]]) -> list[Row]:
    bare = results["bare"]
    bare_shown = median([r.shown_ms for r in bare])
    bare_rss = median([r.max_rss_mb for r in bare])
    count = f"median of {len(bare)} alternating runs"
    out = []
    titles = {
        "first": "first start (new store)",
        "second": "second start (history)",
        "resume": "start resuming a check",
    }
    bare_spread = quartiles([r.shown_ms for r in bare])
    for name, title in titles.items():
        runs = results[name]
        shown = [r.shown_ms for r in runs]
        out.append(
            Row(
                f"start: first page shown, {title}",
                median(shown),
                bare_shown,
                "ms",
                "ratio",
                GOAL_RATIO,
                spread=f"p25-p75 {quartiles(shown)} ms, baseline {bare_spread} ms",
                note=count,
            )
        )
        ready = [r.ready_ms for r in runs]
        out.append(
            Row(
                f"start: idle, content validated, {title}",
                median(ready),
                bare_shown,
                "ms",
                "ratio",
                GOAL_RATIO,
                spread=f"p25-p75 {quartiles(ready)} ms",
                note="the bare window is idle once shown",
            )
        )
    for name in ("first", "second"):
        rss = [r.max_rss_mb for r in results[name]]
        out.append(
            Row(
                f"peak RSS, {titles[name]}",
                median(rss),
                bare_rss,
                "MB",
                "ratio",
                GOAL_RATIO,
                spread=f"p25-p75 {quartiles(rss)} MB",
                note="ru_maxrss of the whole run: first page, idle with the content, close",
            )
        )
    shown_rss = [r.shown_rss_mb for r in results["first"]]
    out.append(
        Row(
            "RSS as the first page is shown, first start",
            median(shown_rss),
            median([r.shown_rss_mb for r in bare]),
            "MB",
            "ratio",
            None,
            note="VmHWM read when 'window shown' arrives, before the content is loaded",
        )
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs of each (default {RUNS})")
    args = parser.parse_args()
    print_table(measure(args.runs))


if __name__ == "__main__":
    main()
