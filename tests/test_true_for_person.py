"""Every sentence about the person is true for their answers.

Read as an adviser reads a report: a reason that the answers contradict ruins trust in
all the others. These tests check the presentation (which the window, the report and
the command line all lay out) over random answer sets a person could give, over the
examples sentence by sentence, and over the edge cases: nothing answered, one answer.
"""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solo_check.answers import Answers, read_answers
from solo_check.checks import required_questions
from solo_check.explain import answer_text
from solo_check.presentation import Presentation, present
from solo_check.scoring import evaluate, score, visible_values

from .conftest import EXAMPLES
from .strategies import answer_sets

TODAY = dt.date(2026, 12, 2)


def _rule(content, kind: str, item_id: str):
    if kind == "pointer":
        return content.pointers.by_id[item_id].rule
    return content.pointers.action_by_id[item_id].rule


def _context(content, answers, assessment):
    """Evaluate conditions on scores, situation, facts and steps as scoring did."""
    from solo_check.scoring import _Context

    answered = visible_values(content, answers).answered
    ctx = _Context(content, answered, assessment.dimensions, assessment.situation, assessment.facts)
    ctx.steps = frozenset(a.id for a in content.pointers.actions if evaluate(a.rule, answered, ctx))
    return answered, ctx


def assert_true_for_person(content, answers: Answers, assessment, pres: Presentation) -> None:
    """The checks an adviser makes, as code: every reason is backed by a branch that
    matched, quotes the stored answer, and speaks of no question left open or declined."""
    answered, ctx = _context(content, answers, assessment)
    q = content.questionnaire
    items = [("pointer", p.id, p.reasons) for p in pres.all_pointers]
    items += [("action", s.id, s.reasons) for s in pres.all_steps]
    for kind, item_id, reasons in items:
        rule = _rule(content, kind, item_id)
        for reason in reasons:
            source_kind, source_id, path = reason.source.split(":", 2)
            assert (source_kind, source_id) == (kind, item_id)
            node = rule.at(path)
            assert evaluate(node, answered, ctx), f"{reason.source}: branch did not match"
            needed = required_questions(node)
            assert needed <= set(answered), f"{reason.source}: speaks of an open question"
            assert not needed & answers.declined
            text = node.reason.get(pres.lang) if node.reason else None
            if text is None:
                continue
            for _, name, _, _ in string.Formatter().parse(text):
                if name:
                    quoted = answer_text(content, q.questions[name], answered[name], pres.lang)
                    assert quoted in reason.text, f"{reason.source}: {name} not quoted"
    for view in pres.dimensions:
        for line in view.concerns + view.strengths:
            for qid in line.questions:
                assert qid in answered, f"{view.id}: line about an open question {qid}"
                value = answer_text(content, q.questions[qid], answered[qid], pres.lang)
                if line.source.count(":") == 2:  # an answer line (not the occupation/tasks)
                    assert value in line.text


def assert_situation_agrees_with_bands(content, assessment, pres: Presentation) -> None:
    """The map's half and the card's band never disagree, and the situation is described
    by the statements of the person's own bands."""
    s = content.questionnaire.scoring
    if assessment.situation is None:
        assert pres.situation.id is None
        return
    situation = next(x for x in s.situations if x.id == assessment.situation)
    split = {"exposure": s.map.exposure_threshold, "buffers": s.map.buffers_threshold}
    upper = {"exposure": situation.exposure == "higher", "buffers": situation.buffers == "stronger"}
    for dim_id in ("exposure", "buffers"):
        result = assessment.dimensions[dim_id]
        dim = content.questionnaire.dimensions[dim_id]
        lows = [0.0] + [b.below for b in dim.bands if b.below is not None]
        band_low = lows[[b.id for b in dim.bands].index(result.band)]
        assert (band_low >= split[dim_id]) == upper[dim_id], dim_id
        if not result.provisional:
            band = next(b for b in dim.bands if b.id == result.band)
            assert band.statement.get(pres.lang) in pres.situation.summary


def assert_provisional_where_few_answers(content, assessment, pres: Presentation) -> None:
    threshold = min(
        c.min_share for c in content.questionnaire.scoring.confidence if not c.provisional
    )
    marker = content.texts.get("present.score.provisional", pres.lang, score="", band="")
    marker = marker.split(":")[0]
    for view in pres.dimensions:
        result = assessment.dimensions[view.id]
        if result.score is None:
            continue
        assert view.provisional == (result.answered / result.total < threshold), view.id
        assert view.score_text.startswith(marker) == view.provisional
    shaky = any(assessment.dimensions[d].provisional for d in ("exposure", "buffers"))
    assert pres.situation.provisional == (shaky and assessment.situation is not None)


# --------------------------------------------------------------------------- random answers


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), lang=st.sampled_from(["de", "en"]))
def test_every_sentence_is_backed_by_the_answers(content, data, lang):
    answers = data.draw(answer_sets(content))
    assessment = score(content, answers, TODAY)
    pres = present(content, answers, assessment, lang)
    assert_true_for_person(content, answers, assessment, pres)
    assert_situation_agrees_with_bands(content, assessment, pres)
    assert_provisional_where_few_answers(content, assessment, pres)


# --------------------------------------------------------------------------- the examples

NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json"))


def _example(content, name: str, lang: str) -> tuple[Answers, object, Presentation]:
    answers = read_answers(EXAMPLES / f"{name}.json", content)
    assessment = score(content, answers, TODAY)
    return answers, assessment, present(content, answers, assessment, lang)


def _sentences(pres: Presentation) -> list[str]:
    """Every sentence about the person that the views show."""
    out = [pres.situation.summary, pres.situation.provisional_note or ""]
    for step in pres.all_steps:
        out += [r.text for r in step.reasons]
    for pointer in pres.all_pointers:
        out += [r.text for r in pointer.reasons]
    for view in pres.dimensions:
        out += [view.meaning] + [r.text for r in view.concerns + view.strengths]
    out += [d.text for d in pres.deadlines]
    return [s for s in out if s]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_sentence_in_an_example_is_contradicted_by_its_answers(content, name, lang):
    answers, assessment, pres = _example(content, name, lang)
    assert_true_for_person(content, answers, assessment, pres)
    assert_situation_agrees_with_bands(content, assessment, pres)
    assert_provisional_where_few_answers(content, assessment, pres)


# (example, language, a sentence its answers contradict, a sentence that must be there)
TABLE = [
    # the yoga teacher never uses AI and her clients never expect it; she has a peer group
    (
        "yoga-teacher-no-pension",
        "de",
        "erwarten nach Ihren Angaben oft",
        "Sie unterrichten, schulen oder coachen nach Ihren Angaben überwiegend.",
    ),
    (
        "yoga-teacher-no-pension",
        "de",
        "nirgends beruflich mit anderen aus",
        "Sie nutzen KI nach Ihren Angaben bisher nicht.",
    ),
    (
        "yoga-teacher-no-pension",
        "en",
        "often expect you to use AI",
        "You said you mainly teach, train or coach.",
    ),
    # the plumber receives e-invoices and uses invoicing software
    (
        "plumber-solid-reserves",
        "de",
        "E-Rechnungen nach Ihren Angaben noch nicht empfangen",
        "Sie sind breit abgesichert.",
    ),
    (
        "plumber-solid-reserves",
        "de",
        "von Hand oder mit einer Textverarbeitung",
        "Nach heutigem Wissen berührt KI Ihre Arbeit eher wenig.",
    ),
    (
        "plumber-solid-reserves",
        "en",
        "by hand or with a word processor",
        "You are broadly covered.",
    ),
    # the developer is no craftsperson, earns 60,000 EUR+, uses AI daily
    (
        "software-developer-ai-daily",
        "en",
        "Your occupation is a craft",
        "You said you work 40 hours per week in your business.",
    ),
    (
        "software-developer-ai-daily",
        "en",
        "profit last year was under",
        "You already know AI well: your AI readiness score is in the upper range.",
    ),
    (
        "software-developer-ai-daily",
        "en",
        "use AI only now and then",
        "You said you partly teach, train or coach.",
    ),
    (
        "software-developer-ai-daily",
        "de",
        "Ihr Beruf ist ein Handwerk",
        "Sie arbeiten nach Ihren Angaben 40 Stunden pro Woche selbstständig.",
    ),
    # whether his teaching makes him compulsorily insured is open: the date says "if"
    (
        "software-developer-ai-daily",
        "de",
        "Meldung bei der Deutschen Rentenversicherung: bis",
        "Meldung bei der Deutschen Rentenversicherung (wenn Sie rentenversicherungspflichtig "
        "sind): bis 31. Dezember 2026",
    ),
    # the copywriter: 75 % from one agency, two to three clients, AI now and then
    (
        "copywriter-one-client",
        "de",
        "nur eine Auftraggeberin oder einen Auftraggeber",
        "Nach Ihren Angaben kommen 75 Prozent Ihres Umsatzes von der Stelle, "
        "für die Sie am meisten arbeiten.",
    ),
    (
        "copywriter-one-client",
        "de",
        "Sie nutzen KI nach Ihren Angaben bisher nicht",
        "Sie nutzen KI nach Ihren Angaben nur ab und zu.",
    ),
    (
        "copywriter-one-client",
        "en",
        "worked for only one client",
        "You said your largest client brings in 75 per cent of your turnover.",
    ),
    # the translator is in the KSK and answered none of the rules questions
    (
        "translator-partly-answered",
        "en",
        "nothing automatically",
        "You said you are insured through the Künstlersozialkasse.",
    ),
    ("translator-partly-answered", "en", "know the rules", "This placement is provisional"),
    ("translator-partly-answered", "de", "kennen die Regeln", "Diese Einordnung ist vorläufig"),
    # she lost many orders to AI, not "several"
    (
        "translator-partly-answered",
        "de",
        "mehrere Aufträge an KI",
        "in den letzten zwölf Monaten nach Ihren Angaben viele Aufträge an KI verloren",
    ),
    # her exposure is firm; only the placement is provisional, because of the buffers
    (
        "translator-partly-answered",
        "de",
        "von KI berührt. (Dieser Wert ist vorläufig",
        "von KI berührt. (Diese Einordnung ist vorläufig, weil im Bereich Absicherung",
    ),
]


@pytest.mark.parametrize(("name", "lang", "wrong", "right"), TABLE)
def test_examples_say_what_is_true_and_not_what_is_false(content, name, lang, wrong, right):
    _, _, pres = _example(content, name, lang)
    text = "\n".join(_sentences(pres))
    assert wrong not in text
    assert right in text


def test_the_copywriters_buffers_show_her_real_gaps_first(content):
    _, _, pres = _example(content, "copywriter-one-client", "de")
    buffers = next(v for v in pres.dimensions if v.id == "buffers")
    lines = [r.text for r in buffers.concerns]
    assert lines[0] == "Rücklagen (Ihre Antwort: 1 Monat)"
    assert (
        "Umsatzanteil größte*r Auftraggeber*in (Ihre Antwort: 75 Prozent Ihres Umsatzes)" in lines
    )
    assert "Krankengeld (Ihre Antwort: Nein)" in lines
    # a full-marks answer is no gap
    assert "Krankenversicherung (Ihre Antwort: Gesetzlich)" not in lines
    assert not any("möglichen Punkten" in s for s in _sentences(pres))


# --------------------------------------------------------------------------- edge cases


@pytest.mark.parametrize("lang", ["de", "en"])
def test_nothing_answered_claims_nothing(content, lang):
    answers = Answers.new(content, lang)
    assessment = score(content, answers, TODAY)
    pres = present(content, answers, assessment, lang)
    assert pres.nothing_answered
    assert pres.situation.id is None
    assert pres.all_steps == () and pres.all_pointers == () and pres.advice_questions == ()
    assert pres.steps_empty == content.texts.get("present.steps.nothing_answered", lang)
    assert pres.general_facts  # what applies to every business anyway
    assert all(not v.concerns and not v.strengths for v in pres.dimensions)


def test_everything_declined_claims_nothing(content):
    answers = Answers.new(content, "de")
    for qid in content.questionnaire.questions:
        answers.decline(qid)
    assessment = score(content, answers, TODAY)
    pres = present(content, answers, assessment, "de")
    assert pres.nothing_answered and pres.all_steps == () and pres.all_pointers == ()
    assert "gerade kein bestimmter Schritt nötig" not in (pres.steps_empty or "")


def test_one_answer_gives_only_what_that_answer_supports(content):
    answers = Answers.new(content, "de")
    answers.set("health_insurance", "none")
    assessment = score(content, answers, TODAY)
    pres = present(content, answers, assessment, "de")
    assert_true_for_person(content, answers, assessment, pres)
    assert [s.id for s in pres.steps][:1] == ["get_health_insurance"]
    # with a single answer every score is provisional or missing; no situation is claimed
    assert pres.situation.id is None
    assert all(v.score is None or v.provisional for v in pres.dimensions)


# --------------------------------------------------------------------------- deadlines


def _founder(content, start: str) -> Answers:
    answers = read_answers(EXAMPLES / "copywriter-one-client.json", content)
    answers.set("start_month", start)
    answers.set("before_start", "employed_insured")
    answers.set("pension_statutory", "none")
    answers.set("artistic_publicist", "no")
    answers.set("occupation", "software_developer")
    return answers


def test_a_near_deadline_ranks_above_a_far_one(content):
    # Started in October 2026: the three months for unemployment insurance end within
    # weeks, the five years for pension insurance on request in 2031.
    answers = _founder(content, "2026-10")
    assessment = score(content, answers, dt.date(2026, 12, 17))
    ids = [p.id for p in assessment.pointers]
    assert ids.index("alv-antrag") < ids.index("rv-pflicht-auf-antrag")
    relevance = {p.id: p for p in assessment.pointers}
    assert dict(relevance["alv-antrag"].adjustments)["deadline"] >= 4
    assert "deadline" not in dict(relevance["rv-pflicht-auf-antrag"].adjustments)
    steps = [a.id for a in assessment.actions]
    assert steps[0] == "apply_alv"
    # a five-year window does not push the step ahead of sick pay: it comes after it,
    # if it is among the plan's steps at all
    assert "secure_sick_pay" in steps[:3]
    far = "consider_pension_application"
    assert far not in steps or steps.index(far) > steps.index("secure_sick_pay")
    assert relevance["krankengeld"].relevance > relevance["rv-pflicht-auf-antrag"].relevance


def test_a_deadline_step_names_its_date_and_page_one_shows_it(content):
    from pypdf import PdfReader

    from solo_check.report import build_report

    answers = _founder(content, "2026-10")
    assessment = score(content, answers, TODAY)
    pres = present(content, answers, assessment, "de")
    first = pres.steps[0]
    assert first.id == "apply_alv"
    assert first.when == "bis 31. Dezember 2026 – Frist" and first.hard_deadline
    assert any(d.hard and d.date == dt.date(2026, 12, 31) for d in pres.deadlines)
    import io

    pdf = PdfReader(io.BytesIO(build_report(content, answers, assessment, "de")))
    page_one = " ".join(pdf.pages[0].extract_text().split())
    assert "bis 31. Dezember 2026 – danach nicht mehr möglich" in page_one
    assert "bis 31. Dezember 2026 – Frist" in page_one


def test_a_passed_registration_deadline_speaks_of_back_contributions_calmly(content):
    answers = read_answers(EXAMPLES / "yoga-teacher-no-pension.json", content)  # since 2022
    assessment = score(content, answers, TODAY)
    pres = present(content, answers, assessment, "de")
    pointer = next(p for p in pres.all_pointers if p.id == "rv-pflicht-lehrende")
    assert "innerhalb von drei Monaten nach dem Start" not in (pointer.deadline_note or "")
    assert "Beiträge für die letzten Jahre" in pointer.deadline_note
    assert "gemeinsam finden Sie einen Weg" in pointer.deadline_note
    assert any("Beiträge gehen" in q.text for q in pres.advice_questions)


# --------------------------------------------------------------------------- the plan


def test_learning_preferences_decide_what_is_offered_first(content):
    answers = read_answers(EXAMPLES / "yoga-teacher-no-pension.json", content)
    answers.set("learning_time", "under_2h")
    answers.set("learning_formats", ["in_person"])
    answers.set("learning_budget", "free_only")
    answers.set("learning_topics", ["ai_basics"])
    assessment = score(content, answers, TODAY)
    relevance = {p.id: p for p in assessment.pointers}
    # a 30-60 hour online course is moved down for someone with under 2 hours a month
    elements = dict(relevance["elements-of-ai"].adjustments)
    assert elements["time"] < 0 and elements["format"] < 0
    pres = present(content, answers, assessment, "de")
    assert "elements-of-ai" not in [p.id for p in pres.pointers]


def test_a_highly_exposed_ready_person_gets_a_step_to_reshape_the_offer(content):
    answers = read_answers(EXAMPLES / "software-developer-ai-daily.json", content)
    assessment = score(content, answers, TODAY)
    assert "reshape_offer" in [a.id for a in assessment.actions[:3]]


def test_the_plan_is_three_steps_with_whom_and_a_first_move(content):
    for name in NAMES:
        _, _, pres = _example(content, name, "de")
        assert 1 <= len(pres.steps) <= 3
        for step in pres.steps:
            assert step.when and step.with_whom and step.first_move and step.reasons
        assert len(pres.pointers) <= content.questionnaire.scoring.presentation.pointers_first
