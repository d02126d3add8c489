"""The example people land where a careful reader of the brief expects, with pointers
that make sense for them, and their results read well in German and English."""

from __future__ import annotations

import datetime as dt

import pytest

from solo_check.answers import read_answers
from solo_check.presentation import present
from solo_check.scoring import score
from solo_check.terminal import summary_text as _summary_text

from .conftest import EXAMPLES

TODAY = dt.date(2026, 12, 2)


def summary_text(content, result, answers, lang):
    return _summary_text(content, present(content, answers, result, lang))


def assess(content, name: str):
    answers = read_answers(EXAMPLES / name, content)
    return answers, score(content, answers, TODAY)


def pointer_ids(result) -> list[str]:
    return [p.id for p in result.pointers]


def action_ids(result) -> list[str]:
    return [a.id for a in result.actions]


def test_there_are_at_least_four_examples():
    assert len(list(EXAMPLES.glob("*.json"))) >= 4


@pytest.mark.parametrize(
    ("name", "situation"),
    [
        ("copywriter-one-client.json", "act_now"),
        ("plumber-solid-reserves.json", "stay_alert"),
        ("software-developer-ai-daily.json", "shape_change"),
        ("yoga-teacher-no-pension.json", "build_buffers"),
        ("translator-partly-answered.json", "shape_change"),
    ],
)
def test_example_situation(content, name, situation):
    _, result = assess(content, name)
    assert result.situation == situation


def test_copywriter_sees_ai_pricing_and_status_check(content):
    _, result = assess(content, "copywriter-one-client.json")
    ids = pointer_ids(result)
    assert "drv-statusfeststellung" in ids  # one client brings 75 %
    assert "ksk" in ids  # publicist work, not in the KSK
    assert {"ki-campus", "ki-campus-fachgebiete"} & set(ids)
    assert {"hds-honorar", "verdi-ratgeber"} <= set(ids)
    assert result.dimensions["exposure"].band == "high"
    assert result.dimensions["buffers"].band == "low"
    assert action_ids(result)[0] == "talk_to_adviser"  # the urgent situation comes first
    assert "alv-antrag" not in ids  # she started in 2019: the deadline is long gone


def test_yoga_teacher_sees_the_pension_duty_for_teachers(content):
    _, result = assess(content, "yoga-teacher-no-pension.json")
    ids = pointer_ids(result)
    assert ids[0] == "rv-pflicht-lehrende"
    assert action_ids(result)[0] == "check_pension_duty"
    assert "bildungsscheck-nrw" in ids  # she works in North Rhine-Westphalia


def test_plumber_is_not_flooded(content):
    _, result = assess(content, "plumber-solid-reserves.json")
    ids = pointer_ids(result)
    assert len(ids) <= 6
    assert "rv-pflicht-handwerk" not in ids  # already compulsorily insured
    assert "drv-statusfeststellung" not in ids  # more than ten clients
    assert result.dimensions["exposure"].band == "low"


def test_new_developer_is_told_the_unemployment_insurance_deadline(content):
    answers, result = assess(content, "software-developer-ai-daily.json")
    assert result.deadlines["alv"].state == "open"
    assert result.deadlines["alv"].safe_date == dt.date(2026, 12, 31)
    assert pointer_ids(result)[0] == "alv-antrag"
    assert action_ids(result)[0] == "apply_alv"
    text = " ".join(summary_text(content, result, answers, "en").split())  # ignore wrapping
    assert "31 December 2026" in text
    german = " ".join(summary_text(content, result, answers, "de").split())
    assert "31. Dezember 2026" in german


def test_the_deadline_is_not_pretended_open_once_passed(content):
    answers = read_answers(EXAMPLES / "software-developer-ai-daily.json", content)
    later = score(content, answers, dt.date(2027, 3, 1))
    assert later.deadlines["alv"].state == "passed"
    assert "alv-antrag" not in pointer_ids(later)
    assert "apply_alv" not in action_ids(later)
    in_between = score(content, answers, dt.date(2027, 1, 15))
    assert in_between.deadlines["alv"].state == "uncertain"


def test_partly_answered_translator_says_what_is_missing(content):
    answers, result = assess(content, "translator-partly-answered.json")
    assert result.missing
    assert result.dimensions["buffers"].declined >= 2
    assert result.dimensions["buffers"].confidence != "high"
    text = summary_text(content, result, answers, "en")
    assert f"{len(result.missing)} questions are still open" in text


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_summary_explains_every_dimension(content, name, lang):
    answers, result = assess(content, name)
    text = summary_text(content, result, answers, lang)
    for dim in content.questionnaire.scoring.dimensions:
        assert dim.name.get(lang) in text
    for action in result.actions:
        title = next(a.title for a in content.pointers.actions if a.id == action.id)
        assert title.get(lang) in text
    for pointer in result.pointers:
        assert content.pointers.by_id[pointer.id].url in text
    assert "{" not in text and "}" not in text
    other = "en" if lang == "de" else "de"
    assert content.texts.get("app.not_advice", other) not in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_method_takes_its_figures_from_the_scoring_settings(content, lang):
    from solo_check.explain import method_paragraphs, source_lines

    s = content.questionnaire.scoring
    text = " ".join(method_paragraphs(content, lang))
    assert "{" not in text and "}" not in text
    assert f"{s.map.exposure_threshold:g}" in text and f"{s.map.buffers_threshold:g}" in text
    assert f"{s.exposure.market_max:g}" in text
    sources = " ".join(source_lines(content, lang))
    assert "ILO Working Paper 140" in sources and "CC BY 4.0" in sources
    assert ("ILO" in sources) and ("nicht" in sources if lang == "de" else "not" in sources)
