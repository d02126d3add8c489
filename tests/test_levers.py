"""What would change the most: single answer changes within reach, each promise true."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solo_check.answers import read_answers
from solo_check.levers import best_changes
from solo_check.presentation import present
from solo_check.scoring import score

from .conftest import EXAMPLES
from .strategies import answer_sets

TODAY = dt.date(2026, 12, 2)


def _example(content, name: str):
    answers = read_answers(EXAMPLES / f"{name}.json", content)
    return answers, score(content, answers, TODAY)


def _check_promise(content, answers, assessment, change) -> None:
    trial = copy.deepcopy(answers)
    trial.set(change.question, change.value)
    after = score(content, trial, TODAY)
    assert after.dimensions["buffers"].score == change.buffers_after
    assert assessment.dimensions["buffers"].score == change.buffers_before
    assert change.buffers_after > change.buffers_before
    assert after.situation == change.situation_after


def test_the_copywriters_biggest_levers_are_true_and_near(content):
    answers, assessment = _example(content, "copywriter-one-client")
    changes = best_changes(content, answers, assessment, TODAY)
    assert 1 <= len(changes) <= content.questionnaire.scoring.what_if.shown
    for change in changes:
        _check_promise(content, answers, assessment, change)
    reserves = next(c for c in changes if c.question == "reserve_months")
    assert reserves.value == 3  # the nearest step from one month, not the furthest
    assert "unemployment_insurance" not in [c.question for c in changes]  # deadline long gone
    text = [lv.text for lv in present(content, answers, assessment, "de").levers]
    assert "Mit Rücklagen für 3 Monate stiege Ihre Absicherung von 16 auf 23." in text


def test_a_new_founder_is_shown_the_unemployment_insurance_while_it_can_be_had(content):
    answers, assessment = _example(content, "software-developer-ai-daily")
    changes = best_changes(content, answers, assessment, TODAY)
    assert changes[0].question == "unemployment_insurance"
    later = score(content, answers, dt.date(2027, 3, 1))
    assert "unemployment_insurance" not in [
        c.question for c in best_changes(content, answers, later, dt.date(2027, 3, 1))
    ]


def test_nobody_is_told_to_get_what_they_have(content):
    answers, assessment = _example(content, "plumber-solid-reserves")
    for change in best_changes(content, answers, assessment, TODAY):
        assert answers.values.get(change.question) != change.value


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_every_lever_keeps_its_promise(content, data):
    answers = data.draw(answer_sets(content))
    assessment = score(content, answers, TODAY)
    for change in best_changes(content, answers, assessment, TODAY):
        assert change.question not in answers.declined
        _check_promise(content, answers, assessment, change)
