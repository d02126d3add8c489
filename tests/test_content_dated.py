"""Content that stays true: offers that know when they end, the 2026 corrections, the new
pointers and the questionnaire 1.1.0 (with 1.0.0 checks still opening and scoring)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from solo_check.answers import read_answers
from solo_check.checks import freshness
from solo_check.presentation import present
from solo_check.scoring import score

from .conftest import EXAMPLES

TODAY = dt.date(2026, 12, 2)
OLD = Path(__file__).parent / "data" / "questionnaire-1.0.0"


def _answers(content, name: str = "copywriter-one-client", **changes):
    answers = read_answers(EXAMPLES / f"{name}.json", content)
    for qid, value in changes.items():
        answers.set(qid, value)
    return answers


def _pointers(content, answers, today=TODAY) -> list[str]:
    return [p.id for p in score(content, answers, today).pointers]


def _present(content, answers, today=TODAY, lang="de"):
    assessment = score(content, answers, today)
    return present(content, answers, assessment, lang)


# --------------------------------------------------------------------------- dated offers


def test_every_pointer_and_step_was_checked_and_carries_its_source(content):
    for pointer in content.pointers.pointers:
        assert pointer.checked == dt.date(2026, 12, 2), pointer.id
        assert pointer.source
    for action in content.pointers.actions:
        assert action.checked == dt.date(2026, 12, 2), action.id
    assert list(freshness(content, TODAY)) == []  # clean for today


def test_check_content_lists_what_has_ended_by_march_2027(content):
    warnings = list(freshness(content, dt.date(2027, 3, 1)))
    ended = {w.split("(")[1].split(")")[0] for w in warnings if ".valid_until:" in w}
    assert {"zukunftszentren", "hds-online", "bafa-beratung", "honorarlehrkraefte"} <= ended
    assert "kompass" not in ended  # cheques until 29 February 2028
    # a year and a half later every entry is also older than the limit
    old = list(freshness(content, dt.date(2028, 6, 1)))
    assert any(".checked: last checked 2026-12-02" in w for w in old)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "solo_check", *args], capture_output=True, text=True, check=False
    )


def test_check_content_warns_and_strict_fails():
    warned = _run("check-content", "--today", "2027-03-01", "--lang", "en")
    assert warned.returncode == 0
    assert "pointers.toml: pointers." in warned.stderr and "zukunftszentren" in warned.stderr
    strict = _run("check-content", "--today", "2027-03-01", "--strict", "--lang", "en")
    assert strict.returncode == 1
    assert "--strict" in strict.stderr
    assert _run("check-content", "--today", "2026-12-02", "--strict").returncode == 0


def test_an_offer_ending_soon_says_so_and_after_its_end_says_what_stays_true(content):
    answers = _answers(content)
    now = next(p for p in _present(content, answers).all_pointers if p.id == "zukunftszentren")
    assert now.offer_note == "Nach heutigem Stand endet dieses Angebot am 31. Dezember 2026."
    later = next(
        p
        for p in _present(content, answers, dt.date(2027, 1, 15)).all_pointers
        if p.id == "zukunftszentren"
    )
    assert later.offer_state == "ended"
    assert "war bis Ende 2026 angekündigt" in later.offer_note
    assert "Prüfen Sie auf der Website" in later.offer_note
    assert "endet dieses Angebot" not in (later.offer_note or "")
    # after its end the offer comes after the running ones
    ids = _pointers(content, answers, dt.date(2027, 1, 15))
    assert ids.index("zukunftszentren") > ids.index("drv-beratung")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_in_mid_january_2027_nothing_says_an_ended_offer_still_runs(content, lang):
    for path in EXAMPLES.glob("*.json"):
        answers = read_answers(path, content)
        pres = _present(content, answers, dt.date(2027, 1, 15), lang)
        for pointer in pres.all_pointers:
            definition = content.pointers.by_id[pointer.id]
            if definition.valid_until and definition.valid_until < dt.date(2027, 1, 15):
                assert pointer.offer_state == "ended"
                assert pointer.offer_note == definition.ended.get(lang).format(
                    date=content.texts.get(
                        "date.format",
                        lang,
                        day=31,
                        month=content.texts.get("date.m12", lang),
                        year=2026,
                    )
                )
        text = " ".join(p.offer_note or "" for p in pres.all_pointers)
        assert "endet dieses Angebot am 31. Dezember 2026" not in text
        assert "this offer ends on 31 December 2026" not in text


def test_the_report_says_how_old_its_content_is(content):
    answers = _answers(content)
    fresh = _present(content, answers)
    assert fresh.content_checked_text == "Inhalte geprüft am 2. Dezember 2026"
    assert fresh.content_old_text is None
    stale = _present(content, answers, dt.date(2027, 8, 1))
    assert "zuletzt am 2. Dezember 2026 geprüft" in stale.content_old_text
    assert "geändert haben" in stale.content_old_text


# --------------------------------------------------------------------------- corrections


def test_ai_act_is_described_as_softened_not_as_requiring_sufficient_literacy(content):
    texts = []
    for pointer in content.pointers.pointers:
        texts += [pointer.offers.de, pointer.offers.en]
    for action in content.pointers.actions:
        texts += [action.advice.de, action.advice.en]
    for question in content.questionnaire.questions.values():
        if not question.retired:
            texts += [question.why.de, question.why.en, question.text.de, question.text.en]
    joined = "\n".join(texts)
    assert "ausreichende KI-Kompetenz" not in joined
    assert "sufficient AI literacy" not in joined
    assert "2026" in content.pointers.by_id["bnetza-ki-service-desk"].offers.de


def test_a_ksk_member_hears_of_sick_pay_from_the_seventh_week(content):
    answers = _answers(content, "translator-partly-answered", sick_pay="no")
    pres = _present(content, answers)
    pointer = next(p for p in pres.all_pointers if p.id == "krankengeld")
    reasons = " ".join(r.text for r in pointer.reasons)
    assert "siebten Woche" in reasons
    step = next(s for s in pres.all_steps if s.id == "secure_sick_pay")
    assert "siebten Woche" in " ".join(r.text for r in step.reasons)
    everything = reasons + " ".join(r.text for r in step.reasons) + pointer.offers
    assert "nicht automatisch" not in everything


def test_others_hear_of_the_declaration_of_choice(content):
    pres = _present(content, _answers(content))  # statutory, not in the KSK, no sick pay
    questions = [q.text for q in pres.advice_questions]
    assert any("Wahlerklärung" in q for q in questions)


@pytest.mark.parametrize("employees", ["one", "several"])
def test_one_insured_employee_ends_the_teachers_pension_duty(content, employees):
    answers = _answers(content, "yoga-teacher-no-pension", employees=employees)
    ids = _pointers(content, answers)
    assert "rv-pflicht-lehrende" not in ids
    assert "check_pension_duty" not in [a.id for a in score(content, answers, TODAY).actions]
    minijob = _answers(content, "yoga-teacher-no-pension", employees="minijob")
    assert "rv-pflicht-lehrende" in _pointers(content, minijob)


def test_a_midwife_stays_covered_by_the_duty_even_with_an_employee(content):
    answers = _answers(content, "yoga-teacher-no-pension", occupation="midwife", employees="one")
    answers.set("teaching_activity", "no")
    assert "rv-pflicht-hebammen" in _pointers(content, answers)


def test_a_versorgungswerk_member_gets_no_drv_pension_pointer(content):
    answers = _answers(content, "yoga-teacher-no-pension", pension_statutory="professional_scheme")
    ids = _pointers(content, answers)
    assert not [i for i in ids if i.startswith("rv-pflicht")]
    pres = _present(content, answers)
    drv = [p for p in pres.all_pointers if p.id == "drv-beratung"]
    # DRV advice may still be named for other reasons (no other provision), never for
    # the statutory pension
    for pointer in drv:
        assert not any("gesetzliche Rentenversicherung ein" in r.text for r in pointer.reasons)
    buffers = score(content, answers, TODAY).dimensions["buffers"]
    compulsory = score(
        content, _answers(content, "yoga-teacher-no-pension", pension_statutory="compulsory"), TODAY
    ).dimensions["buffers"]
    assert buffers.score == compulsory.score  # scored like compulsory insurance


def test_an_exempted_craftsperson_is_not_sent_to_register(content):
    answers = _answers(content, "plumber-solid-reserves", pension_statutory="exempt_craft")
    assert "rv-pflicht-handwerk" not in _pointers(content, answers)


def test_therapists_count_as_care_persons(content):
    answers = _answers(content, "yoga-teacher-no-pension", occupation="physiotherapist")
    answers.set("teaching_activity", "no")
    assert "rv-pflicht-pflege" in _pointers(content, answers)


def test_the_status_check_is_talked_through_first(content):
    pointer = content.pointers.by_id["drv-statusfeststellung"]
    assert "lohnt" not in pointer.offers.de
    assert "vorher" in pointer.offers.de and "Auftrag kann enden" in pointer.offers.de


def test_fee_teachers_hear_of_the_transition_rule_and_its_end(content):
    pres = _present(content, _answers(content, "yoga-teacher-no-pension"))
    pointer = next(p for p in pres.all_pointers if p.id == "honorarlehrkraefte")
    assert pointer.offer_note == "Nach heutigem Stand endet dieses Angebot am 31. Dezember 2026."
    later = _present(content, _answers(content, "yoga-teacher-no-pension"), dt.date(2027, 2, 1))
    pointer = next(p for p in later.all_pointers if p.id == "honorarlehrkraefte")
    assert "befristet" in pointer.offer_note and "Beratung" in pointer.offer_note


def test_health_insurance_can_be_family_or_none(content):
    family = _answers(content, health_insurance="family")
    pres = _present(content, family)
    pointer = next(p for p in pres.all_pointers if p.id == "krankengeld")
    assert any("familienversichert" in r.text for r in pointer.reasons)
    none = _answers(content, health_insurance="none")
    pres = _present(content, none)
    assert pres.steps[0].id == "get_health_insurance"


# --------------------------------------------------------------------------- new pointers


def test_kompass_at_two_years_not_at_one(content):
    two = _answers(content, start_month="2024-11")
    assert "kompass" in _pointers(content, two)
    one = _answers(content, start_month="2026-01")
    assert "kompass" not in _pointers(content, one)
    several = _answers(content, start_month="2020-01", employees="several")
    assert "kompass" not in _pointers(content, several)


def test_kompass_appears_whenever_an_eligible_plan_contains_learning(content):
    learning = {
        "learn_ai_basics",
        "try_ai_for_work",
        "learn_ai_rules",
        "broaden_skills",
        "reshape_offer",
        "review_prices",
    }
    for path in EXAMPLES.glob("*.json"):
        answers = read_answers(path, content)
        assessment = score(content, answers, TODAY)
        eligible = (
            assessment.facts.get("months_self_employed", 0) >= 24
            and answers.values.get("employees") != "several"
        )
        has_learning = bool(learning & {a.id for a in assessment.actions})
        assert ("kompass" in [p.id for p in assessment.pointers]) == (eligible and has_learning), (
            path
        )


def test_bafa_is_for_a_shrinking_market_not_for_consultants(content):
    shrinking = _answers(content, market_outlook="shrink")
    assert "bafa-beratung" in _pointers(content, shrinking)
    consultant = _answers(content, market_outlook="shrink", occupation="tax_adviser")
    assert "bafa-beratung" not in _pointers(content, consultant)


def test_crafts_members_hear_of_their_chamber(content):
    assert "handwerkskammer-beratung" in _pointers(
        content, _answers(content, "plumber-solid-reserves")
    )


# --------------------------------------------------------------------------- questionnaire


def test_the_questionnaire_is_version_1_1_0(content):
    q = content.questionnaire
    assert q.version == "1.1.0"
    health = [o.id for o in q.options(q.questions["health_insurance"])]
    assert {"family", "none"} <= set(health)
    pension = [o.id for o in q.options(q.questions["pension_statutory"])]
    assert {"professional_scheme", "exempt_craft"} <= set(pension)
    assert "unsure" in [o.id for o in q.options(q.questions["market_lost_orders"])]
    assert "never" in [o.id for o in q.options(q.questions["ai_checks"])]
    assert q.options(q.questions["income_band"])[0].id == "first_year"
    before = [o.id for o in q.options(q.questions["before_start"]) if not o.retired]
    assert "training" in before and "studies" in before and "education" not in before


def test_scales_run_from_low_to_high(content):
    q = content.questionnaire
    assert next(o.id for o in q.options(q.questions["ai_use_frequency"])) == "never"
    assert [o.id for o in q.options(q.questions["ai_checks"])][-1] == "always"
    assert next(o.id for o in q.options(q.questions["backup"])) == "never"


def test_client_dependence_weighs_no_more_than_reserves(content):
    from solo_check.scoring import question_range

    q = content.questionnaire
    span = {
        qid: question_range(content, q.questions[qid], "buffers")
        for qid in ("reserve_months", "largest_client_share", "client_count")
    }
    weight = {qid: high - low for qid, (low, high) in span.items()}
    assert weight["largest_client_share"] + weight["client_count"] <= weight["reserve_months"]


@pytest.mark.parametrize("path", sorted(OLD.glob("*.json")), ids=lambda p: p.stem)
def test_a_1_0_0_check_still_opens_scores_and_explains(content, path):
    assert json.loads(path.read_text())["questionnaire"]["version"] == "1.0.0"
    answers = read_answers(path, content)
    assessment = score(content, answers, TODAY)
    assert assessment.situation is not None
    pres = present(content, answers, assessment, "de")
    assert pres.steps
    # the retired price-pressure question still counts where it was answered
    assert "market_price_pressure" in assessment.visible
    assert "price_pressure" not in assessment.visible


def test_a_1_0_0_answer_with_a_retired_option_still_explains(content):
    answers = read_answers(OLD / "yoga-teacher-no-pension.json", content)
    assert answers.values["before_start"] == "education"
    from solo_check.report.model import build_model

    model = build_model(content, answers, score(content, answers, TODAY), "de")
    rows = [row for group in model.appendix.groups for row in group.rows]
    assert any(row.answer == "Studium oder Ausbildung" for row in rows)
