"""The content in resources/: it loads cleanly, and loading catches what it must."""

from __future__ import annotations

import csv
import itertools
import re
import shutil
from pathlib import Path

import pytest

from solo_check.answers import Answers, check_answers
from solo_check.content import ContentError, load_content
from solo_check.paths import resources_dir
from solo_check.scoring import score, visible_values

from .conftest import SHARED_DATA


def test_content_loads_and_has_enough_of_everything(content):
    q = content.questionnaire
    assert 45 <= len(q.questions) <= 70
    assert len(content.occupations.occupations) >= 60
    assert len(content.pointers.pointers) >= 30
    types = {question.type for question in q.questions.values()}
    assert types >= {"single", "multi", "scale", "number", "occupation", "allocation", "text"}
    assert [s.id for s in q.sections] == [
        "profile",
        "digital",
        "exposure",
        "readiness",
        "buffers",
        "learning",
    ]


def test_every_pointer_category_is_covered(content):
    categories = {p.category for p in content.pointers.pointers}
    assert categories == {"qualification", "advice", "protection", "funding"}


def test_free_text_is_never_scored(content):
    q = content.questionnaire
    for question in q.questions.values():
        if question.type == "text":
            assert not q.dimensions_of(question)


def test_german_texts_address_people_as_sie(content):
    """No informal 'du' in what people read."""
    informal = re.compile(r"\b(du|dich|dir|dein|deine|deinen)\b", re.IGNORECASE)
    for question in content.questionnaire.questions.values():
        for text in (question.text, question.why, question.help):
            if text is not None:
                assert not informal.search(text.de), (question.id, text.de)


# --------------------------------------------------------------------------- ILO figures


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared research data not beside the repo")
def test_occupation_figures_match_the_ilo_data(content):
    with (SHARED_DATA / "ilo_genai_exposure_isco08_2025.csv").open(encoding="utf-8") as fh:
        rows = {row["isco08"]: row for row in csv.DictReader(fh)}
    for occ in content.occupations.occupations:
        row = rows[occ.isco08]
        assert occ.ilo_title == row["title_en"], occ.id
        assert occ.ilo_score == float(row["mean_score_2025"]), occ.id
        assert occ.ilo_class == row["category_2025"], occ.id


def test_occupation_search_finds_titles_and_synonyms(content):
    occ = content.occupations
    assert occ.search("Texterin", "de")[0].id == "copywriter"
    assert "plumber" in [o.id for o in occ.search("installateur", "de")]
    assert "translator" in [o.id for o in occ.search("Übersetzer", "de")]
    assert "translator" in [o.id for o in occ.search("uebersetzer", "de")]
    assert "software_developer" in [o.id for o in occ.search("developer", "en")]
    assert occ.search("   ", "de") == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Übersetzer", "translator"),
        ("Uebersetzer", "translator"),
        ("Ubersetzer", "translator"),
        ("ubers", "translator"),
        ("Tanzer", "dancer"),
        ("Backer", "confectioner"),
        ("Maßschneider", "tailor"),
        ("Massschneider", "tailor"),
    ],
)
def test_occupation_search_needs_no_umlauts_or_sharp_s(content, typed, expected):
    """A keyboard without ä, ö, ü or ß still finds the title: the umlaut may be typed,
    spelt out (ue) or left off (u), and ß may be typed as ss."""
    assert expected in [o.id for o in content.occupations.search(typed, "de")]


def test_leaving_off_umlauts_keeps_the_ranking(content):
    """Typing without umlauts finds the same occupations in the same order as typing them."""
    occ = content.occupations
    for typed, plain in (("Übersetzer", "Ubersetzer"), ("Tänzer", "Tanzer"), ("Bäcker", "Backer")):
        assert [o.id for o in occ.search(plain, "de")] == [o.id for o in occ.search(typed, "de")]


# --------------------------------------------------------------------------- show_if branches


def _default_answers(content, fixed: dict) -> Answers:
    """Answer every visible question: the fixed values, else the first valid value."""
    answers = Answers.new(content)
    q = content.questionnaire
    for qid, question in q.questions.items():
        if qid in fixed:
            if fixed[qid] is None:
                continue  # left open on purpose
            answers.values[qid] = fixed[qid]
        elif question.retired:
            continue  # no longer asked: answered only where an older check is imitated
        else:
            answers.values[qid] = _first_value(content, question)
        if qid not in visible_values(content, answers).visible:
            del answers.values[qid]
    return answers


def _first_value(content, question):
    return {
        "text": lambda: "Notiz",
        "allocation": lambda: {content.questionnaire.kinds_of(question)[0].id: 100},
        "single": lambda: content.questionnaire.options(question)[0].id,
        "scale": lambda: content.questionnaire.options(question)[0].id,
        "multi": lambda: [content.questionnaire.options(question)[0].id],
        "number": lambda: question.min,
        "month": lambda: "2024-01",
        "occupation": lambda: "other",
    }[question.type]()


def _choices(content, qid: str) -> list:
    q = content.questionnaire
    question = q.questions[qid]
    if question.retired:  # asked no more: open in new checks, answered in older ones
        return [None, q.options(question)[0].id]
    if question.type in ("single", "scale"):
        return [o.id for o in q.options(question)]
    if question.type == "multi":
        return [[o.id] for o in q.options(question)]
    if question.type == "occupation":
        return ["other", next(iter(content.occupations.by_id))]
    if question.type == "number":
        return [question.min, question.max]
    raise AssertionError(f"show_if on a {question.type} question is not covered here")


def test_every_show_if_branch_can_be_completed(content):
    q = content.questionnaire
    conditional = [question for question in q.questions.values() if question.show_if]
    assert conditional, "the questionnaire has conditional questions"
    for question in conditional:
        referenced = sorted(set(question.show_if.questions()))
        seen = set()
        for combo in itertools.product(*(_choices(content, r) for r in referenced)):
            answers = _default_answers(content, dict(zip(referenced, combo, strict=True)))
            assert check_answers(answers, content) == []
            shown = question.id in visible_values(content, answers).visible
            seen.add(shown)
            result = score(content, answers, __import__("datetime").date(2026, 11, 27))
            assert result.missing == ()  # every visible question could be answered
        assert seen == {True, False}, f"{question.id}: show_if is always {seen.pop()}"


# ------------------------------------------------------------------- loading catches mistakes


@pytest.fixture
def resources(tmp_path) -> Path:
    target = tmp_path / "resources"
    shutil.copytree(resources_dir(), target)
    return target


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return caught.value.problems


def _edit(folder: Path, file: str, old: str, new: str, count: int = 1) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_unknown_key_is_rejected_with_its_location(resources):
    _edit(
        resources,
        "questionnaire.toml",
        'id = "hours_per_week"\n',
        'id = "hours_per_week"\ncolour = "red"\n',
    )
    problems = _problems(resources)
    assert any(
        p.startswith("questionnaire.toml: sections.0(profile).questions.")
        and "(hours_per_week).colour" in p
        for p in problems
    ), problems


def test_duplicate_question_id(resources):
    _edit(resources, "questionnaire.toml", 'id = "age_band"', 'id = "income_band"')
    assert (
        "questionnaire.toml: sections: question id 'income_band' is used more than once"
        in _problems(resources)
    )


def test_show_if_may_only_look_backwards(resources):
    _edit(
        resources,
        "questionnaire.toml",
        'show_if = { question = "artistic_publicist", in = ["mainly", "partly"] }',
        'show_if = { question = "network", includes = "union" }',
    )
    problems = _problems(resources)
    assert any(
        "(ksk_member).show_if: refers to 'network', which does not come before it" in p
        for p in problems
    ), problems


def test_missing_english_text(resources):
    _edit(
        resources,
        "questionnaire.toml",
        'text = { de = "Wie alt sind Sie?", en = "How old are you?" }',
        'text = { de = "Wie alt sind Sie?" }',
    )
    problems = _problems(resources)
    assert any("(age_band).text.en: Field required" in p for p in problems), problems


def test_placeholders_must_match_in_both_languages(resources):
    _edit(resources, "texts.toml", 'en = "{value}%"', 'en = "{amount}%"')
    problems = _problems(resources)
    assert any(
        p.startswith("texts.toml: common.percent") and "placeholders differ" in p for p in problems
    ), problems


def test_a_text_key_lives_in_one_file_only(resources):
    with (resources / "texts-report.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[common]\nnot_answered = { de = "offen", en = "open" }\n')
    problems = _problems(resources)
    assert "texts-report.toml: common.not_answered: already defined in texts.toml" in problems


def test_problems_in_a_split_text_file_name_that_file(resources):
    with (resources / "texts-app.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[window]\ntitle = { de = "Fenster" }\n')
    problems = _problems(resources)
    assert "texts-app.toml: window.title.en: Field required" in problems, problems


def test_unknown_option_in_a_condition(resources):
    _edit(
        resources,
        "questionnaire.toml",
        'show_if = { question = "occupation", is = "other" }',
        'show_if = { question = "occupation", is = "astronaut" }',
    )
    problems = _problems(resources)
    assert any(
        "(occupation_other).show_if: 'occupation' has no option 'astronaut'" in p for p in problems
    ), problems


def test_urls_must_be_https(resources):
    text = (resources / "pointers.toml").read_text(encoding="utf-8")
    url = re.search(r'url = "https://([^"]+)"', text).group(1)
    _edit(resources, "pointers.toml", f'url = "https://{url}"', f'url = "http://{url}"')
    problems = _problems(resources)
    assert any(p.startswith("pointers.toml: pointers.") and ".url:" in p for p in problems), (
        problems
    )


def _add_pointer(folder: Path, rule: str) -> None:
    """Append a complete, otherwise valid pointer with the given rule."""
    with (folder / "pointers.toml").open("a", encoding="utf-8") as fh:
        fh.write(f"""
[[pointers]]
id = "test-pointer"
advice_group = "counselling"
category = "advice"
title = {{ de = "Test", en = "Test" }}
provider = {{ de = "Test", en = "Test" }}
offers = {{ de = "Test", en = "Test" }}
formats = ["information"]
cost = {{ de = "kostenlos", en = "free" }}
cost_kind = "free"
url = "https://www.deutsche-rentenversicherung.de"
rule = {rule}
why = {{ de = "Test", en = "Test" }}
weight = 1
source = "test source"
checked = 2026-11-27
""")


def test_a_pointer_no_answers_can_reach_is_reported(resources):
    _add_pointer(
        resources,
        '{ all = [{ question = "employees", is = "none" }, '
        '{ question = "employees", is = "several" }] }',
    )
    n = len(load_content().pointers.pointers)
    assert (
        f"pointers.toml: pointers.{n}(test-pointer).rule: no set of answers can make this rule true"
    ) in _problems(resources)


def test_a_condition_hidden_behind_its_own_show_if_is_unreachable(resources):
    """ksk_member only shows for artistic work: a rule needing both 'no artistic work' and a
    KSK answer can never be true."""
    _add_pointer(
        resources,
        '{ all = [{ question = "artistic_publicist", is = "no" }, '
        '{ question = "ksk_member", is = "member" }] }',
    )
    assert any("(test-pointer).rule: no set of answers" in p for p in _problems(resources))


def test_a_reachable_pointer_passes(resources):
    _add_pointer(
        resources,
        '{ all = [{ question = "artistic_publicist", is = "partly" }, '
        '{ not = { question = "ksk_member", is = "member" } }, '
        '{ dimension = "buffers", band = "low" }] }',
    )
    assert load_content(resources).pointers.by_id["test-pointer"]


def test_unknown_fact_and_situation(resources):
    _add_pointer(resources, '{ any = [{ fact = "shoe_size", min = 40 }, { situation = "panic" }] }')
    problems = _problems(resources)
    assert any("(test-pointer).rule: unknown fact 'shoe_size'" in p for p in problems), problems
    assert any("(test-pointer).rule: unknown situation 'panic'" in p for p in problems), problems


def test_broken_toml_is_reported_with_the_file(resources):
    (resources / "occupations.toml").write_text("[[occupations]\nid = ", encoding="utf-8")
    [problem] = _problems(resources)
    assert problem.startswith("occupations.toml: (file): not valid TOML")


def test_scoring_settings_must_name_questions_of_the_right_type(resources):
    _edit(
        resources,
        "questionnaire.toml",
        'start_question = "start_month"',
        'start_question = "age_band"',
    )
    _edit(
        resources,
        "questionnaire.toml",
        'budget_question = "learning_budget"',
        'budget_question = "nope"',
    )
    problems = _problems(resources)
    assert (
        "questionnaire.toml: scoring.start_question: 'age_band' is not a question of type month"
        in problems
    )
    assert (
        "questionnaire.toml: scoring.preferences.budget_question: unknown question 'nope'"
        in problems
    )
