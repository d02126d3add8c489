"""Properties of scoring over random valid answer sets (hypothesis)."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solo_check.scoring import score, visible_values

from .strategies import answer_sets

TODAY = dt.date(2026, 12, 2)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def scores(content, answers) -> dict[str, int | None]:
    return {k: d.score for k, d in score(content, answers, TODAY).dimensions.items()}


@SETTINGS
@given(data=st.data())
def test_scores_stay_within_0_and_100(content, data):
    answers = data.draw(answer_sets(content))
    result = score(content, answers, TODAY)
    for dim in result.dimensions.values():
        assert dim.score is None or 0 <= dim.score <= 100
        assert (dim.score is None) == (dim.band is None)
        assert 0 <= dim.answered <= dim.total
    if result.situation is not None:
        x, y = result.position
        assert 0 <= x <= 100 and 0 <= y <= 100
    assert len(result.actions) <= content.questionnaire.scoring.max_actions


@SETTINGS
@given(data=st.data())
def test_scoring_is_deterministic(content, data):
    answers = data.draw(answer_sets(content))
    assert score(content, answers, TODAY) == score(content, copy.deepcopy(answers), TODAY)


@SETTINGS
@given(data=st.data())
def test_points_contributions_add_up_to_the_score(content, data):
    answers = data.draw(answer_sets(content))
    for dim in score(content, answers, TODAY).dimensions.values():
        if dim.score is None or dim.id == "exposure":
            continue
        total = sum(c.effect for c in dim.contributions)
        assert abs(total - dim.score) <= 1 + 0.05 * len(dim.contributions)


@SETTINGS
@given(data=st.data(), more=st.floats(0, 36, allow_nan=False))
def test_more_reserve_months_never_lower_the_buffers(content, data, more):
    answers = data.draw(answer_sets(content))
    low = data.draw(st.floats(0, more, allow_nan=False))
    answers.declined.discard("reserve_months")
    answers.values["reserve_months"] = low
    before = scores(content, answers)["buffers"]
    answers.values["reserve_months"] = more
    after = scores(content, answers)["buffers"]
    assert before is not None and after is not None
    assert after >= before


@SETTINGS
@given(data=st.data())
def test_smaller_largest_client_never_lowers_the_buffers(content, data):
    answers = data.draw(answer_sets(content))
    high = data.draw(st.integers(0, 100))
    low = data.draw(st.integers(0, high))
    answers.declined.discard("largest_client_share")
    answers.values["largest_client_share"] = high
    before = scores(content, answers)["buffers"]
    answers.values["largest_client_share"] = low
    assert scores(content, answers)["buffers"] >= before


@SETTINGS
@given(data=st.data())
def test_shifting_time_to_more_exposed_tasks_never_lowers_exposure(content, data):
    answers = data.draw(answer_sets(content))
    kinds = [k for k in content.questionnaire.task_kinds if k.exposure is not None]
    a, b = data.draw(st.lists(st.sampled_from(kinds), min_size=2, max_size=2, unique=True))
    low, high = sorted((a, b), key=lambda k: k.exposure)
    share = data.draw(st.integers(1, 100))
    rest = 100 - share
    base = {low.id: share}
    if rest:
        base[high.id] = rest
    answers.declined.discard("task_allocation")
    answers.values["task_allocation"] = base
    before = scores(content, answers)["exposure"]
    moved = data.draw(st.integers(1, share))
    shifted = {low.id: share - moved, high.id: rest + moved}
    answers.values["task_allocation"] = {k: v for k, v in shifted.items() if v}
    after = scores(content, answers)["exposure"]
    assert after >= before


@SETTINGS
@given(data=st.data())
def test_prefer_not_to_say_only_drops_the_question(content, data):
    answers = data.draw(answer_sets(content, complete=True))
    visible = visible_values(content, answers).visible
    qid = data.draw(st.sampled_from(visible))
    skipped = copy.deepcopy(answers)
    skipped.values.pop(qid)
    declined = copy.deepcopy(skipped)
    declined.declined.add(qid)
    result_skipped = score(content, skipped, TODAY)
    result_declined = score(content, declined, TODAY)
    for dim_id, dim in result_declined.dimensions.items():
        other = result_skipped.dimensions[dim_id]
        assert dim.score == other.score
        assert dim.answered == other.answered
    assert result_declined.situation == result_skipped.situation
    assert qid not in result_declined.missing
    # a skipped question is open, except free text, which is never scored
    skippable = content.questionnaire.questions[qid].type == "text"
    assert (qid in result_skipped.missing) != skippable


@SETTINGS
@given(data=st.data())
def test_declining_lowers_confidence_not_score_direction(content, data):
    """Declining a question counts it as declined in every dimension it feeds."""
    answers = data.draw(answer_sets(content, complete=True))
    visible = visible_values(content, answers).visible
    qid = data.draw(st.sampled_from(visible))
    answers.values.pop(qid)
    answers.declined.add(qid)
    q = content.questionnaire
    result = score(content, answers, TODAY)
    for dim_id in q.dimensions_of(q.questions[qid]):
        dim = result.dimensions[dim_id]
        assert dim.declined >= 1
        assert dim.answered < dim.total


@SETTINGS
@given(data=st.data())
def test_hidden_answers_are_kept_but_not_scored(content, data):
    answers = data.draw(answer_sets(content, complete=True))
    answers.values["artistic_publicist"] = "no"
    answers.values["ksk_member"] = "member"  # hidden now, the answer stays in the file
    result = score(content, answers, TODAY)
    assert "ksk_member" not in result.visible
    assert answers.values["ksk_member"] == "member"
