"""Pages that are kept or built ahead instead of built anew: sections built in idle time,
the questionnaire's pages kept when the same check is opened again, and the dimension
cards' "why" lines reused for every result. What they show must always be the answers
and the result of now."""

from __future__ import annotations

import copy
import datetime as dt

from PySide6.QtCore import Qt

from solo_check.gui.results import ResultsPage
from solo_check.presentation import present
from solo_check.scoring import score

from .conftest import put_example
from .test_results import TODAY, _load

PLUMBER = "plumber-solid-reserves.json"


def _section_of(content, question_id: str) -> int:
    return next(
        i
        for i, s in enumerate(content.questionnaire.sections)
        if any(q.id == question_id for q in s.questions)
    )


def _all_built(questionnaire) -> bool:
    return len(questionnaire.pages) == len(questionnaire.sections) and all(
        page.is_complete() for page in questionnaire.pages.values()
    )


def test_sections_not_visited_are_built_ahead_with_the_stored_answers(open_window, content, qtbot):
    _, answers = put_example(content, PLUMBER)
    window = open_window()
    window.continue_unfinished()
    questionnaire = window.questionnaire
    qtbot.waitUntil(lambda: _all_built(questionnaire))
    index = _section_of(content, "ai_use_frequency")
    page = questionnaire.pages[index]
    # Built ahead, in questionnaire order, holding the stored answers ...
    assert list(page.widgets) == [q.id for q in content.questionnaire.sections[index].questions]
    assert page.widgets["ai_use_frequency"].value() == answers.values["ai_use_frequency"]
    assert not page.widgets["ai_use_purposes"].isHidden()
    # ... and the visit shows that page, with the first question focused.
    questionnaire.go_to(index)
    assert questionnaire.stack.currentWidget() is page
    assert page.widgets["ai_use_frequency"].isAncestorOf(window.focusWidget())


def test_a_built_ahead_section_follows_answers_given_meanwhile(open_window, content, qtbot):
    put_example(content, PLUMBER)
    window = open_window()
    window.continue_unfinished()
    questionnaire = window.questionnaire
    qtbot.waitUntil(lambda: _all_built(questionnaire))
    index = _section_of(content, "ai_use_frequency")
    page = questionnaire.pages[index]
    # An answer changed elsewhere: kept from the results' "what if".
    window.show_results()
    panel = window.results.what_if_panel
    panel.control("ai_use_frequency").set_value("never")
    qtbot.mouseClick(panel.keep, Qt.MouseButton.LeftButton)
    assert window.session.answers.values["ai_use_frequency"] == "never"
    window._jump_to_question("ai_use_frequency")
    # The same page, showing the kept answer, and the follow-up questions hidden.
    assert questionnaire.pages[index] is page
    assert questionnaire.stack.currentWidget() is page
    assert page.widgets["ai_use_frequency"].value() == "never"
    assert page.widgets["ai_use_purposes"].isHidden()
    assert page.widgets["ai_checks"].isHidden()


def test_continue_keeps_the_pages_of_the_same_check_only(open_window, content, qtbot):
    check_id, answers = put_example(content, PLUMBER)
    window = open_window()
    window.continue_unfinished()
    questionnaire = window.questionnaire
    first = questionnaire.pages[0]
    occupation = first.widgets["occupation"]
    assert occupation.value() == answers.values["occupation"]
    window.show_welcome()
    # Changed in the store while the welcome page was shown (as by another window).
    window.store.set_answer(check_id, "occupation", "copywriter")
    window.continue_unfinished()
    assert window.stack.currentWidget() is questionnaire
    assert questionnaire.pages[0] is first
    assert occupation.value() == "copywriter"
    # A new check gets new, empty pages.
    window.show_welcome()
    window.start_new()
    assert window.session.id != check_id
    assert questionnaire.pages[0] is not first
    assert questionnaire.pages[0].widgets["occupation"].value() is None


def _expected_lines(content, answers, assessment, dim_id: str, lang: str) -> list[str]:
    """The card's "why" lines as the presentation words them: gaps, then strengths."""
    view = next(v for v in present(content, answers, assessment, lang).dimensions if v.id == dim_id)
    out = []
    for heading, lines in (
        (view.concerns_heading, view.concerns),
        (view.strengths_heading, view.strengths),
    ):
        if lines:
            out += [heading] + ["• " + line.text for line in lines]
    if not out:
        out.append(content.texts.get("results.cards.no_contributions", lang))
    return out + [x for x in (view.more, view.source) if x]


def test_card_lines_follow_what_if_changes_and_come_back(qtbot, content):
    answers, assessment = _load(content, "copywriter-one-client")
    page = ResultsPage(content)
    qtbot.addWidget(page)
    page.show_assessment(answers, assessment, None, TODAY)
    page.resize(1100, 800)
    page.show()
    qtbot.waitExposed(page)
    card = page.cards["buffers"]
    card.why.set_expanded(True)
    real = _expected_lines(content, answers, assessment, "buffers", "de")
    assert card.line_texts() == real
    shown = [line for line in card.lines if line.isVisible()]
    assert [line.text() for line in shown] == real

    panel = page.what_if_panel
    panel.control("reserve_months").set_value(12)
    panel.control("unemployment_insurance").set_value("yes")
    trial = copy.deepcopy(answers)
    trial.set("reserve_months", 12)
    trial.set("unemployment_insurance", "yes")
    changed = _expected_lines(content, trial, score(content, trial, TODAY), "buffers", "de")
    assert changed != real
    assert card.line_texts() == changed
    assert [line.text() for line in card.lines if line.isVisible()] == changed

    qtbot.mouseClick(panel.reset, Qt.MouseButton.LeftButton)
    assert card.line_texts() == real
    assert [line.text() for line in card.lines if line.isVisible()] == real
    # Fewer lines than labels: the extra labels are hidden, not left with old text.
    for dim_id, other in page.cards.items():
        assert other.line_texts() == _expected_lines(content, answers, assessment, dim_id, "de")

    page.set_language("en")
    assert card.line_texts() == _expected_lines(content, answers, assessment, "buffers", "en")


def test_the_same_result_shown_again_keeps_its_pointers_and_a_new_one_replaces_them(qtbot, content):
    answers, assessment = _load(content, "copywriter-one-client")
    page = ResultsPage(content)
    qtbot.addWidget(page)
    page.show_assessment(answers, assessment, None, TODAY)
    boxes = [page.pointers_layout.itemAt(i).widget() for i in range(page.pointers_layout.count())]
    page.show_assessment(copy.deepcopy(answers), assessment, None, TODAY)
    again = [page.pointers_layout.itemAt(i).widget() for i in range(page.pointers_layout.count())]
    assert again == boxes
    other_answers, other = _load(content, "plumber-solid-reserves")
    assert other.pointers != assessment.pointers
    page.show_assessment(other_answers, other, None, dt.date(2026, 11, 27))
    titles = [w.text() for w in page.findChildren(type(page.title), "pointerTitle")]
    expected = [content.pointers.by_id[p.id].title.get("de") for p in other.pointers]
    assert sorted(titles) == sorted(expected)
