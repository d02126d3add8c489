"""Hypothesis strategies that produce valid answer sets for the real questionnaire.

Questions are walked in order; a question whose show_if is false for the answers so
far is skipped, and so are retired questions and options (no longer offered), so every
generated set is one a person could really give today.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from solo_check.answers import Answers
from solo_check.content import Content, Question
from solo_check.scoring import evaluate


def allocations(kinds: list[str]) -> st.SearchStrategy[dict[str, int]]:
    """Whole-number shares over some of the kinds, adding up to exactly 100."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, int]:
        chosen = draw(
            st.lists(st.sampled_from(kinds), min_size=1, max_size=len(kinds), unique=True)
        )
        cuts = sorted(
            draw(st.lists(st.integers(0, 100), min_size=len(chosen) - 1, max_size=len(chosen) - 1))
        )
        bounds = [0, *cuts, 100]
        shares = {k: bounds[i + 1] - bounds[i] for i, k in enumerate(chosen)}
        if not any(shares.values()):
            shares[chosen[0]] = 100
        return shares

    return build()


def value_for(content: Content, question: Question) -> st.SearchStrategy[Any]:
    q = content.questionnaire
    t = question.type
    if t in ("single", "scale"):
        return st.sampled_from([o.id for o in q.options(question) if not o.retired])
    if t == "multi":
        options = q.options(question)
        plain = [o.id for o in options if not o.exclusive and not o.retired]
        exclusive = [o.id for o in options if o.exclusive and not o.retired]
        strategies = [st.lists(st.sampled_from(plain), min_size=1, unique=True)]
        if exclusive:
            strategies.append(st.sampled_from(exclusive).map(lambda x: [x]))
        return st.one_of(*strategies)
    if t == "number":
        assert question.min is not None and question.max is not None
        if question.integer:
            return st.integers(int(question.min), int(question.max))
        return st.floats(question.min, question.max, allow_nan=False).map(lambda v: round(v, 1))
    if t == "month":
        return st.tuples(st.integers(1980, 2027), st.integers(1, 12)).map(
            lambda ym: f"{ym[0]:04d}-{ym[1]:02d}"
        )
    if t == "occupation":
        return st.sampled_from([*content.occupations.by_id, "other"])
    if t == "allocation":
        return allocations([k.id for k in q.kinds_of(question)])
    return st.text(max_size=min(question.max_length or 100, 200))


@st.composite
def answer_sets(draw: st.DrawFn, content: Content, complete: bool = False) -> Answers:
    """A valid set of answers: each visible question answered, declined or (unless
    ``complete``) skipped."""
    answers = Answers.new(content)
    given: dict[str, Any] = {}
    for qid, question in content.questionnaire.questions.items():
        if question.retired:  # no longer asked: a new check never answers it
            continue
        if question.show_if is not None and not evaluate(question.show_if, given, None):
            continue
        choice = (
            "answer" if complete else draw(st.sampled_from(["answer", "answer", "decline", "skip"]))
        )
        if choice == "answer":
            value = draw(value_for(content, question))
            answers.values[qid] = value
            given[qid] = value
        elif choice == "decline":
            answers.declined.add(qid)
    return answers
