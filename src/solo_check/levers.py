"""What would change the most: the few single answer changes within realistic reach that
would move this person's safety net (and so their situation) the most. Pure: no I/O, no
clock, no Qt.

The levers and the values to try are data (``scoring.what_if.levers``). Each change is
scored on a copy of the answers, one at a time, exactly as scoring scores them.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from .answers import Answers
from .content import Content, Lever
from .scoring import Assessment, _Context, evaluate, score, visible_values


@dataclass(frozen=True)
class Change:
    """One answer changed, and what it would do."""

    question: str
    value: Any
    lever: Lever
    buffers_before: int
    buffers_after: int
    situation_before: str | None
    situation_after: str | None

    @property
    def gain(self) -> int:
        return self.buffers_after - self.buffers_before


def _candidates(lever: Lever, question_type: str, current: Any) -> list[Any]:
    """The values worth trying: only those that would be a step forward from now."""
    out: list[Any] = []
    for value in lever.to:
        if question_type == "multi":
            chosen = [v for v in (current or []) if v != "none"]
            if value not in chosen:
                out.append([*chosen, value])
        elif question_type == "number":
            if current is None:
                out.append(value)
            elif lever.question == "largest_client_share":
                if current > value:  # less depending on one client
                    out.append(value)
            elif current < value:
                out.append(value)
        elif current != value:
            out.append(value)
    return out


def best_changes(
    content: Content, answers: Answers, assessment: Assessment, today: dt.date
) -> tuple[Change, ...]:
    """The changes that raise the buffers score the most (a better situation first),
    one per lever (its nearest value that helps: the one within realistic reach), at
    most as many as the settings show; none that would not help."""
    settings = content.questionnaire.scoring.what_if
    q = content.questionnaire
    before = assessment.dimensions.get("buffers")
    if before is None or before.score is None:
        return ()
    answered = visible_values(content, answers).answered
    ctx = _Context(content, answered, assessment.dimensions, assessment.situation, assessment.facts)
    found: list[Change] = []
    for lever in settings.levers:
        question = q.questions.get(lever.question)
        if question is None or lever.question in answers.declined:
            continue
        if lever.when is not None and not evaluate(lever.when, answered, ctx):
            continue
        best: Change | None = None
        for value in _candidates(lever, question.type, answered.get(lever.question)):
            trial = copy.deepcopy(answers)
            trial.set(lever.question, value)
            after = score(content, trial, today)
            buffers = after.dimensions["buffers"].score
            if buffers is None:
                continue
            change = Change(
                lever.question,
                value,
                lever,
                before.score,
                buffers,
                assessment.situation,
                after.situation,
            )
            if change.gain > 0:  # the nearest step that helps is the realistic one
                best = change
                break
        if best is not None:
            found.append(best)
    order = {s.id: i for i, s in enumerate(q.scoring.situations)}
    found.sort(
        key=lambda c: (
            c.situation_after == c.situation_before,  # a better situation first
            -c.gain,
            order.get(c.situation_after or "", 9),
            c.question,
        )
    )
    return tuple(found[: settings.shown])
