"""Whatever arrives as an answers file, import ends in answers or a clear message."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solo_check.answers import Answers, AnswersError, parse_answers

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def base() -> dict:
    return {
        "schema_version": 1,
        "questionnaire": {"id": "solo_check", "version": "1.0.0"},
        "created_at": "2026-11-27T09:00:00Z",
        "updated_at": "2026-11-27T09:00:00Z",
        "answers": {},
    }


def outcome(content, raw) -> None:
    try:
        result = parse_answers(raw, content)
    except AnswersError as exc:
        lines = exc.render(content, "de") + exc.render(content, "en")
        assert lines and all(line.strip() for line in lines)
    else:
        assert isinstance(result, Answers)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=200) | st.text(max_size=200))
def test_random_bytes(content, raw):
    outcome(content, raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_answers_to_real_questions(content, data):
    qids = list(content.questionnaire.questions)
    answers = data.draw(
        st.dictionaries(st.sampled_from([*qids, "unknown"]), json_values, max_size=6)
    )
    doc = base()
    doc["answers"] = answers
    doc["declined"] = data.draw(st.lists(st.sampled_from(qids) | st.text(max_size=5), max_size=3))
    outcome(content, json.dumps(doc))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from(
        ["schema_version", "questionnaire", "language", "created_at", "answers", "declined"]
    ),
    value=json_values,
)
def test_random_top_level_values(content, field, value):
    doc = base()
    doc[field] = value
    outcome(content, json.dumps(doc))


def test_huge_numbers(content):
    for answers in (
        {"reserve_months": 10**400},
        {"task_allocation": {"writing": 10**400}},
        {"hours_per_week": -(10**50)},
    ):
        doc = base()
        doc["answers"] = answers
        outcome(content, json.dumps(doc))


def test_deeply_nested_json(content):
    outcome(content, "[" * 100_000 + "]" * 100_000)
