"""Run every benchmark of Solo-Check and print one table.

Each figure stands beside a bare baseline measured in the same run (these machines are
noisy, so only a ratio measured side by side means much), with its goal and whether it
is met. The machine's load before and after is printed too: with other work running,
absolute figures (page switches, report, store) suffer first.

Run: /work/venv/bin/python bench/run.py [--quick]
(See bench/README.md for what each figure means.)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_group  # noqa: E402 (the folder is on the path only now)
import bench_report  # noqa: E402
import bench_start  # noqa: E402
import bench_store  # noqa: E402
from measure import Row, print_table  # noqa: E402


def gui_rows(reps: int) -> tuple[list[Row], str]:
    """The in-process GUI benchmark, run in its own process so Qt stays out of this one.
    Returns the rows and a warning if that process did not end cleanly."""
    done = subprocess.run(
        [sys.executable, str(HERE / "bench_gui.py"), "--reps", str(reps), "--json"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("[")]
    if not lines:
        raise RuntimeError(f"bench_gui.py failed ({done.returncode}):\n{done.stderr[-3000:]}")
    rows = [Row(**row) for row in json.loads(lines[-1])]
    warning = ""
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if "rror" in line]
        warning = (
            f"bench_gui.py measured everything but then ended with exit code {done.returncode}"
            f" ({errors[0] if errors else 'no message'}); see bench/README.md"
        )
    return rows, warning


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs: a rough look")
    args = parser.parse_args()
    runs, reps = (3, 5) if args.quick else (bench_start.RUNS, 20)

    began = time.perf_counter()
    load_before = os.getloadavg()
    rows: list[Row] = []
    print("start-up and memory ...", file=sys.stderr, flush=True)
    rows += bench_start.measure(runs)
    print("page switches and 'what if' ...", file=sys.stderr, flush=True)
    more, warning = gui_rows(reps)
    rows += more
    print("report ...", file=sys.stderr, flush=True)
    rows += bench_report.measure()
    rows += bench_group.measure()
    print("store ...", file=sys.stderr, flush=True)
    rows += bench_store.measure()
    load_after = os.getloadavg()

    print(
        f"Solo-Check benchmarks - {platform.node()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    print(
        f"load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f}; "
        f"took {time.perf_counter() - began:.0f} s"
    )
    print()
    print_table(rows)
    if warning:
        print()
        print("warning:", warning)
    met = sum(1 for row in rows if row.met)
    goals = sum(1 for row in rows if row.met is not None)
    print()
    print(f"{met} of {goals} goals met")


if __name__ == "__main__":
    main()
