"""The anonymised group report: many people's answers files (a workshop's participants,
collected with their consent) summed up for an adviser. No Qt.

Privacy by construction: the summary holds only counts over the group, never anyone's
answers, scores, free text or notes; every count below the minimum (a setting in data,
3) is withheld and shown as "< 3"; a group smaller than the minimum size (5) is refused.
The JSON output is made from the same summary, so it obeys the same rules.

A bad file is named and skipped; it never stops the run.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .answers import Answers, AnswersError, read_answers
from .content import Content, Lang
from .scoring import score


class GroupTooSmall(Exception):
    """Fewer valid answers files than the group report needs to keep people anonymous."""

    def __init__(self, found: int, needed: int):
        super().__init__(f"{found} valid answers files, {needed} needed")
        self.found = found
        self.needed = needed


@dataclass(frozen=True)
class Skipped:
    path: Path
    problems: tuple[str, ...]  # in the person's language, from AnswersError.render


@dataclass(frozen=True)
class Count:
    """A count over the group; ``shown`` is None when it is below the minimum."""

    key: str
    label: str
    shown: int | None

    def text(self, withheld: str) -> str:
        return withheld if self.shown is None else str(self.shown)


@dataclass(frozen=True)
class GroupSummary:
    size: int
    today: dt.date
    situations: tuple[Count, ...]  # per situation on the map
    grid: tuple[tuple[Count, ...], ...]  # heat map: rows from strong to weak buffers
    grid_bins: int
    gaps: tuple[Count, ...]  # protection rows with a gap, a deadline or unclear, most first
    needed: tuple[Count, ...]  # learning steps in people's plans, most first
    wished: tuple[Count, ...]  # learning topics people named, most first
    formats: tuple[Count, ...]
    time: tuple[Count, ...]
    budget: tuple[Count, ...]
    pointers: tuple[Count, ...]  # pointers most often selected, most first
    kompass_eligible: Count  # in business for two years or more (a KOMPASS condition)


def collect(paths: list[Path]) -> list[Path]:
    """The answers files: given files as they are, folders by their *.json files."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() == ".json")
        else:
            out.append(path)
    return out


def read_group(
    content: Content, paths: list[Path], lang: Lang
) -> tuple[list[Answers], list[Skipped]]:
    """Every file that is a valid answers file, and the others with their problems."""
    good: list[Answers] = []
    skipped: list[Skipped] = []
    for path in collect(paths):
        try:
            good.append(read_answers(path, content))
        except AnswersError as exc:
            skipped.append(Skipped(path, tuple(exc.render(content, lang))))
    return good, skipped


def summarise(content: Content, group: list[Answers], today: dt.date, lang: Lang) -> GroupSummary:
    """Counts over the group, each below the minimum withheld. Refuses a small group."""
    settings = content.questionnaire.scoring.group
    if len(group) < settings.min_size:
        raise GroupTooSmall(len(group), settings.min_size)
    assessments = [score(content, answers, today) for answers in group]
    q = content.questionnaire
    t = content.texts

    def count(key: str, label: str, value: int) -> Count:
        # zero singles nobody out; one or two people could be recognised
        withheld = 0 < value < settings.min_count
        return Count(key, label, None if withheld else value)

    def ranked(counter: Counter[str], labels: dict[str, str]) -> tuple[Count, ...]:
        items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        return tuple(count(k, labels.get(k, k), n) for k, n in items if n)

    situations = Counter(a.situation for a in assessments if a.situation)
    situation_labels = {s.id: s.name.get(lang) for s in q.scoring.situations}
    bins = settings.grid_bins
    cells: Counter[tuple[int, int]] = Counter()
    for a in assessments:
        if a.position is not None:
            x = min(bins - 1, int(a.position[0] * bins / 100))
            y = min(bins - 1, int(a.position[1] * bins / 100))
            cells[x, y] += 1
    grid = tuple(
        tuple(count(f"{x},{y}", "", cells[x, y]) for x in range(bins))
        for y in reversed(range(bins))
    )
    rows = {r.id: r.label.get(lang) for r in content.pointers.protection}
    gaps = Counter(
        p.id for a in assessments for p in a.protection if p.state in ("gap", "deadline")
    )
    steps = {a.id: a.title.get(lang) for a in content.pointers.actions}
    needed = Counter(
        planned.id
        for a in assessments
        for planned in a.actions
        if planned.id in settings.learning_steps
    )
    prefs = q.scoring.preferences

    def answered_counts(qid: str) -> tuple[Counter[str], dict[str, str]]:
        question = q.questions[qid]
        labels = {o.id: o.label.get(lang) for o in q.options(question)}
        counter: Counter[str] = Counter()
        for answers in group:
            value = answers.values.get(qid)
            for option in value if isinstance(value, list) else [value]:
                if option in labels:
                    counter[option] += 1
        return counter, labels

    wished, wished_labels = answered_counts(settings.topics_question)
    formats, format_labels = answered_counts(prefs.formats_question)
    time, time_labels = answered_counts(prefs.time_question)
    budget, budget_labels = answered_counts(prefs.budget_question)
    pointers = Counter(p.id for a in assessments for p in a.pointers)
    titles = {p.id: p.title.get(lang) for p in content.pointers.pointers}
    eligible = sum(1 for a in assessments if a.facts.get("months_self_employed", 0) >= 24)
    return GroupSummary(
        size=len(group),
        today=today,
        situations=ranked(situations, situation_labels),
        grid=grid,
        grid_bins=bins,
        gaps=ranked(gaps, rows),
        needed=ranked(needed, steps),
        wished=ranked(wished, wished_labels),
        formats=ranked(formats, format_labels),
        time=ranked(time, time_labels),
        budget=ranked(budget, budget_labels),
        pointers=ranked(pointers, titles)[: settings.pointers_shown],
        kompass_eligible=count("kompass", t.get("group.kompass_label", lang), eligible),
    )


def summary_json(summary: GroupSummary) -> dict[str, Any]:
    """The summary as plain data: withheld counts are null with "withheld": true."""

    def counts(items: tuple[Count, ...]) -> list[dict[str, Any]]:
        return [
            {"id": c.key, "label": c.label, "count": c.shown, "withheld": c.shown is None}
            for c in items
        ]

    return {
        "size": summary.size,
        "today": summary.today.isoformat(),
        "situations": counts(summary.situations),
        "map_grid": {
            "bins": summary.grid_bins,
            "rows_from_strong_to_weak_buffers": [[c.shown for c in row] for row in summary.grid],
        },
        "protection_gaps": counts(summary.gaps),
        "learning_needed": counts(summary.needed),
        "learning_wished": counts(summary.wished),
        "learning_formats": counts(summary.formats),
        "learning_time": counts(summary.time),
        "learning_budget": counts(summary.budget),
        "pointers": counts(summary.pointers),
        "kompass_eligible": summary.kompass_eligible.shown,
    }


def suggestions(content: Content, summary: GroupSummary, lang: Lang) -> list[str]:
    """What the group could do together, from the most common needs and wishes."""
    t = content.texts
    out = []
    topic = next((c for c in summary.wished if c.shown is not None), None)
    if topic is not None:
        out.append(t.get("group.suggest.course", lang, topic=topic.label, count=topic.shown))
    if summary.kompass_eligible.shown is not None:
        out.append(t.get("group.suggest.kompass", lang, count=summary.kompass_eligible.shown))
    gap = next((c for c in summary.gaps if c.shown is not None), None)
    if gap is not None:
        out.append(t.get("group.suggest.gap", lang, area=gap.label, count=gap.shown))
    return out
