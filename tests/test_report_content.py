"""What the report says: read back from the PDF, for every example, in German and English.

The person's situation, every score with its band, every step of the action plan,
every pointer with its title and address (as text for paper, as a link for the
screen), the questions for the advice conversation, the ILO citation, and every
question with its answer."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solo_check.answers import Answers
from solo_check.explain import source_lines
from solo_check.presentation import present
from solo_check.scoring import score

from .conftest import EXAMPLES
from .report_pdf import TODAY, body_text, built, example, reader, squeeze
from .strategies import answer_sets

NAMES = sorted(p.name for p in EXAMPLES.glob("*.json"))
CASES = [(name, lang) for name in NAMES for lang in ("de", "en")]


@pytest.fixture(scope="module")
def reports(content):
    """Every example in both languages, built once for this module."""
    out = {}
    for name, lang in CASES:
        answers, assessment = example(content, name)
        pdf, model = built(content, answers, assessment, lang)
        out[name, lang] = (answers, assessment, pdf, model, body_text(pdf, model))
    return out


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_summary_names_the_situation_and_every_score(content, reports, name, lang):
    answers, assessment, _, _, text = reports[name, lang]
    q = content.questionnaire
    pres = present(content, answers, assessment, lang)
    situation = next(s for s in q.scoring.situations if s.id == assessment.situation)
    assert squeeze(situation.name.get(lang)) in text
    assert squeeze(pres.situation.summary) in text
    assert squeeze(situation.summary.get(lang)) in text
    for view in pres.dimensions:
        # as the section heading "Name: 46 von 100 – band" and in the chart
        assert squeeze(f"{view.name}: {view.score_text}") in text
        assert squeeze(view.meaning) in text
        result = assessment.dimensions[view.id]
        band = next(b for b in q.dimensions[view.id].bands if b.id == result.band)
        assert squeeze(band.label.get(lang)) in squeeze(view.score_text)
        if not result.provisional:
            assert view.meaning == band.meaning.get(lang)


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_every_action_is_in_the_plan(content, reports, name, lang):
    answers, assessment, _, _, text = reports[name, lang]
    assert assessment.actions
    pres = present(content, answers, assessment, lang)
    plan = text[text.index(squeeze(content.texts.get("report.actions.heading", lang))) :]
    for step in pres.all_steps:
        assert squeeze(step.title) in plan
        assert squeeze(step.advice) in plan
        assert squeeze(step.when) in plan
        for reason in step.reasons:
            assert squeeze(reason.text) in plan


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_every_pointer_has_its_title_address_and_link(content, reports, name, lang):
    _, assessment, pdf, _, text = reports[name, lang]
    assert assessment.pointers
    links = set()
    for page in reader(pdf).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/A" in annot:
                links.add(annot["/A"]["/URI"])
    for selected in assessment.pointers:
        pointer = content.pointers.by_id[selected.id]
        assert squeeze(pointer.title.get(lang)) in text
        assert squeeze(pointer.provider.get(lang)) in text
        assert pointer.url in text  # printed for paper
        assert pointer.url in links  # clickable on screen
    assert links == {content.pointers.by_id[s.id].url for s in assessment.pointers}


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_method_names_the_ilo_source_and_the_adaptation(content, reports, name, lang):
    _, assessment, _, _, text = reports[name, lang]
    for line in source_lines(content, lang):
        assert squeeze(line) in text
    assert "doi:10.54394/HETP0387" in text
    assert "CCBY4.0" in text
    assert squeeze(content.texts.get("app.not_advice", lang)) in text
    assert squeeze(content.texts.get("app.offline", lang)) in text
    assert assessment.questionnaire_version in text


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_appendix_lists_every_visible_question_with_its_answer(content, reports, name, lang):
    answers, assessment, _, model, text = reports[name, lang]
    appendix = text[text.rindex(squeeze(model.appendix.heading)) :]
    q = content.questionnaire
    for qid in assessment.visible:
        assert squeeze(q.questions[qid].label.get(lang)) in appendix
    missing_label = squeeze(content.texts.get("common.not_answered", lang))
    declined_label = squeeze(content.texts.get("common.declined", lang))
    assert appendix.count(missing_label) == len(assessment.missing)
    declined = [qid for qid in assessment.visible if qid in answers.declined]
    assert appendix.count(declined_label) == len(declined)


def test_a_partly_answered_check_says_what_is_missing(content, reports):
    _, assessment, _, _, text = reports["translator-partly-answered.json", "en"]
    assert len(assessment.missing) > 1
    assert f"{len(assessment.missing)}questionsarestillopen" in text
    assert f"{len(assessment.missing)}questionsinthecheckarestillopen" in text


def test_own_notes_appear_literally_for_the_advice_conversation(content, reports):
    answers, _, _, model, text = reports["copywriter-one-client.json", "de"]
    advice = text[text.index(squeeze(model.advice.heading)) :]
    assert squeeze(answers.values["notes"]) in advice
    assert squeeze("Seit einem Jahr kommen drei Viertel meiner Aufträge") in advice


def test_advice_questions_follow_from_the_selected_pointers(content, reports):
    _, assessment, _, model, text = reports["copywriter-one-client.json", "de"]
    advice = text[text.index(squeeze(model.advice.heading)) :]
    asked = [
        content.pointers.by_id[s.id].advice_question
        for s in assessment.pointers
        if content.pointers.by_id[s.id].advice_question
    ]
    assert asked
    for question in asked:
        assert squeeze(question.get("de")) in advice
    # one client brings three quarters of the income: the status check is raised
    assert "Statusfeststellung" in advice


def test_a_running_deadline_is_named_with_its_date(content):
    """Someone who started two months ago after employment: the three months for the
    voluntary unemployment insurance still run, and the conversation must say until when."""
    answers, _ = example(content, "copywriter-one-client.json")
    answers.set("start_month", "2026-10")
    answers.set("before_start", "employed_insured")
    assessment = score(content, answers, TODAY)
    assert "alv-antrag" in [p.id for p in assessment.pointers]
    pdf, model = built(content, answers, assessment, "de")
    text = body_text(pdf, model)
    advice = text[text.index(squeeze(model.advice.heading)) :]
    question = content.pointers.by_id["alv-antrag"].advice_question.get("de")
    assert squeeze(question) in advice
    assert squeeze("Frist: Stellen Sie den Antrag bald, zur Sicherheit bis zum") in advice
    assert "31.Dezember2026" in advice


def test_comparison_with_an_earlier_check(content):
    answers, assessment = example(content, "copywriter-one-client.json")
    earlier = Answers(**{**answers.__dict__, "values": dict(answers.values)})
    earlier.set("reserve_months", 0)
    earlier.finished_at = dt.datetime(2026, 5, 4, 10, 0)
    before = score(content, earlier, dt.date(2026, 5, 4))
    pdf, model = built(content, answers, assessment, "en", previous=(earlier, before))
    text = body_text(pdf, model)
    assert squeeze("Compared with your check of 4 May 2026") in text
    then, now = before.dimensions["buffers"].score, assessment.dimensions["buffers"].score
    assert now > then
    assert squeeze(f"Risk buffers: {then} → {now} (+{now - then})") in text


def test_nothing_answered_still_gives_a_report_that_says_so(content):
    answers = Answers.new(content, "de")
    assessment = score(content, answers, TODAY)
    pdf, model = built(content, answers, assessment, "de")
    text = body_text(pdf, model)
    assert len(reader(pdf).pages) >= 3
    assert squeeze(content.texts.get("present.situation.nothing", "de")) in text
    assert squeeze(content.texts.get("present.steps.nothing_answered", "de")) in text
    assert squeeze(content.texts.get("present.nothing.einvoice", "de")) in text
    assert squeeze(content.texts.get("report.map.no_position", "de")) in text
    assert f"{len(assessment.missing)}Fragensindnochoffen" in text
    # each of the four scores, in the chart and as its section heading
    assert text.count(squeeze(content.texts.get("present.score.none", "de"))) == 8


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), lang=st.sampled_from(["de", "en"]))
def test_any_answers_a_person_could_give_make_a_readable_report(content, data, lang):
    answers = data.draw(answer_sets(content))
    q = content.questionnaire
    for qid, value in list(answers.values.items()):
        if q.questions[qid].type == "text":  # hostile free text has its own tests
            answers.set(qid, "Notiz" if value else value)
    assessment = score(content, answers, TODAY)
    pdf, model = built(content, answers, assessment, lang)
    text = body_text(pdf, model)
    assert squeeze(model.summary.title) in text
    for planned in assessment.actions:
        action = next(a for a in content.pointers.actions if a.id == planned.id)
        assert squeeze(action.title.get(lang)) in text
    # the content's own texts never need a replaced character
    assert Counter(text)["\ufffd"] == 0


def test_an_empty_check_asks_for_answers_instead_of_saying_all_is_well(content):
    import datetime as dt

    from solo_check.answers import Answers
    from solo_check.report.model import build_model
    from solo_check.scoring import score

    answers = Answers.new(content, "de")
    assessment = score(content, answers, dt.date(2026, 12, 2))
    model = build_model(content, answers, assessment, "de")
    assert model.actions.rows == ()
    assert model.actions.empty == content.texts.get("present.steps.nothing_answered", "de")
    assert model.summary.steps == ()
    assert model.pointers.groups == ()
