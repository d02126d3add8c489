"""Scoring rules a colleague would ask about: deadlines, regions, the exposure blend."""

from __future__ import annotations

import datetime as dt

import pytest

from solo_check.answers import Answers
from solo_check.scoring import score

D = dt.date


def answers(content, **values) -> Answers:
    a = Answers.new(content)
    a.values.update(values)
    return a


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2026, 9, 15), "open"),  # starts in the future: the period has not begun
        (D(2026, 10, 1), "open"),
        (D(2026, 12, 31), "open"),  # started 1 October: the safe last day
        (D(2027, 1, 1), "uncertain"),  # depends on the start day
        (D(2027, 1, 31), "uncertain"),
        (D(2027, 2, 1), "passed"),
    ],
)
def test_three_month_deadline_from_the_start_month(content, today, state):
    result = score(content, answers(content, start_month="2026-10"), today)
    status = result.deadlines["alv"]
    assert status.state == state
    assert status.safe_date == D(2026, 12, 31)


def test_deadline_unknown_without_a_start_month(content):
    result = score(content, answers(content), D(2026, 11, 27))
    assert result.deadlines["alv"].state == "unknown"
    assert result.deadlines["alv"].safe_date is None


def test_deadline_across_a_leap_day(content):
    result = score(content, answers(content, start_month="2027-12"), D(2028, 2, 1))
    assert result.deadlines["alv"].safe_date == D(2028, 2, 29)


def test_unemployment_insurance_pointer_needs_the_conditions(content):
    base = {
        "start_month": "2026-10",
        "before_start": "employed_insured",
        "hours_per_week": 20,
        "unemployment_insurance": "no",
    }
    shown = score(content, answers(content, **base), D(2026, 11, 27))
    assert "alv-antrag" in [p.id for p in shown.pointers]
    few_hours = score(content, answers(content, **{**base, "hours_per_week": 10}), D(2026, 11, 27))
    assert "alv-antrag" not in [p.id for p in few_hours.pointers]
    insured = score(
        content, answers(content, **{**base, "unemployment_insurance": "yes"}), D(2026, 11, 27)
    )
    assert "alv-antrag" not in [p.id for p in insured.pointers]


@pytest.mark.parametrize(("state", "shown"), [("nw", True), ("by", False), ("abroad", False)])
def test_regional_pointer_only_in_its_state(content, state, shown):
    a = answers(
        content, federal_state=state, learning_topics=["ai_basics"], learning_budget="up_to_200"
    )
    result = score(content, a, D(2026, 11, 27))
    assert ("bildungsscheck-nrw" in [p.id for p in result.pointers]) is shown


def test_exposure_from_occupation_alone_is_the_ilo_baseline(content):
    translator = content.occupations.by_id["translator"]
    result = score(content, answers(content, occupation="translator"), D(2026, 11, 27))
    assert result.dimensions["exposure"].score == round(translator.ilo_score * 100)


def test_exposure_blends_occupation_and_tasks_half_and_half(content):
    q = content.questionnaire
    carpenter = content.occupations.by_id["carpenter"]
    a = answers(content, occupation="carpenter", task_allocation={"translating": 100})
    result = score(content, a, D(2026, 11, 27))
    w = q.scoring.exposure.occupation_weight
    expected = w * carpenter.ilo_score * 100 + (1 - w) * q.task_kind_map["translating"].exposure
    assert result.dimensions["exposure"].score == round(expected)
    kinds = {c.kind for c in result.dimensions["exposure"].contributions}
    assert kinds == {"occupation", "task"}


def test_other_occupation_with_only_other_tasks_has_no_exposure_score(content):
    a = answers(content, occupation="other", task_allocation={"other": 100})
    result = score(content, a, D(2026, 11, 27))
    assert result.dimensions["exposure"].score is None
    assert result.situation is None


def test_market_signals_are_limited(content):
    loud = dict(
        occupation="plumber",
        market_self_service="very_often",
        market_price_pressure="agree",
        market_lost_orders="many",
        market_ai_requested="very_often",
        market_outlook="shrink",
    )
    result = score(content, answers(content, **loud), D(2026, 11, 27))
    exposure = result.dimensions["exposure"]
    limit = [c for c in exposure.contributions if c.kind == "market_limit"]
    assert limit and limit[0].effect < 0
    baseline = content.occupations.by_id["plumber"].ilo_score * 100
    assert exposure.score == round(baseline + content.questionnaire.scoring.exposure.market_max)


def test_nothing_answered_gives_no_scores_but_no_error(content):
    result = score(content, answers(content), D(2026, 11, 27))
    assert all(d.score is None for d in result.dimensions.values())
    assert result.situation is None
    q = content.questionnaire
    scored = [qid for qid in result.visible if q.questions[qid].type != "text"]
    assert result.missing == tuple(scored)  # every question but free text is open


def test_free_offers_rise_when_only_free_learning_fits(content):
    base = {"ai_use_frequency": "never", "learning_topics": ["ai_basics", "pricing"]}

    def rank(budget: str) -> dict[str, float]:
        a = answers(content, **base, learning_budget=budget)
        return {p.id: p.relevance for p in score(content, a, D(2026, 11, 27)).pointers}

    free, rich = rank("free_only"), rank("more")
    for pid in free:
        kind = content.pointers.by_id[pid].cost_kind
        if kind == "free":
            assert free[pid] > rich[pid]


def test_facts_rules_can_test(content):
    a = answers(content, occupation="yoga_teacher", start_month="2022-04")
    facts = score(content, a, D(2026, 11, 27)).facts
    assert facts["months_self_employed"] == 55
    assert facts["occupation"] == "yoga_teacher"
    assert "teaching" in facts["occupation_tags"]
    assert facts["ilo_class"] == content.occupations.by_id["yoga_teacher"].ilo_class
    assert facts["deadline.alv"] == "passed"
    later_start = score(content, answers(content, start_month="2027-02"), D(2026, 11, 27)).facts
    assert later_start["months_self_employed"] == -3


def test_a_typed_occupation_is_named_as_typed(content):
    from solo_check.explain import occupation_title

    typed = answers(content, occupation="other", occupation_other="  Kräuterpädagogin ")
    assert occupation_title(content, typed, "de") == "Kräuterpädagogin"
    untyped = answers(content, occupation="other")
    assert occupation_title(content, untyped, "en") == "Other occupation"
    assert occupation_title(content, answers(content, occupation="plumber"), "de") == (
        content.occupations.by_id["plumber"].title.de
    )
