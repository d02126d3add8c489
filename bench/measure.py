"""What every benchmark here shares: one row of the table, and the few statistics used.

A row holds the app's figure and the baseline's figure from the same run (these machines
are noisy, so only a ratio measured side by side means much), the goal and whether it is
met. `run.py` prints the rows of every benchmark as one table.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Row:
    """One measurement: the app's number beside its baseline's number, with the goal.

    `goal` is either a ratio ("ratio", app / baseline at most `limit`) or an absolute
    number ("below": the app's figure under `limit`, in `unit`). `spread` says how much
    the app's figure varied (e.g. "p25-p75 140-151"); `note` anything else worth saying.
    """

    name: str
    app: float
    baseline: float | None
    unit: str
    goal: str  # "ratio" or "below"
    limit: float | None
    spread: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.app / self.baseline

    @property
    def goal_text(self) -> str:
        if self.limit is None:
            return "(info)"
        if self.goal == "ratio":
            return f"<= {self.limit:g}x"
        return f"< {self.limit:g} {self.unit}"

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        if self.goal == "ratio":
            ratio = self.ratio
            return ratio is not None and ratio <= self.limit
        return self.app < self.limit


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100), nearest rank: a value that was really measured."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def quartiles(values: Sequence[float]) -> str:
    """'p25-p75' of the values, as a short text for the spread column."""
    return f"{percentile(values, 25):.1f}-{percentile(values, 75):.1f}"


def print_table(rows: Sequence[Row]) -> None:
    """One table: measurement, app, baseline, ratio, goal, met; spread and notes below."""
    header = ("measurement", "app", "baseline", "ratio", "goal", "met")
    lines = []
    for row in rows:
        base = "-" if row.baseline is None else f"{row.baseline:.1f} {row.unit}"
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}x"
        met = {True: "yes", False: "NO", None: "-"}[row.met]
        lines.append((row.name, f"{row.app:.1f} {row.unit}", base, ratio, row.goal_text, met))
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]

    def fmt(cells: Sequence[str]) -> str:
        first = f"{cells[0]:<{widths[0]}}"
        rest = [f"{cell:>{width}}" for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest])

    print(fmt(header))
    print("  ".join("-" * width for width in widths))
    for line in lines:
        print(fmt(line))
    notes = [row for row in rows if row.spread or row.note]
    if notes:
        print()
        for row in notes:
            parts = [part for part in (row.spread, row.note) if part]
            print(f"{row.name}: {'; '.join(parts)}")


def rows_json(rows: Sequence[Row]) -> str:
    """The rows as one line of JSON, for a benchmark run in a process of its own."""
    return json.dumps([asdict(row) for row in rows])
