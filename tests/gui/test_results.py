"""The results page: what a person reads there, what the "what if" panel does, where
links and open questions lead, and that it lays out and reads in both languages."""

from __future__ import annotations

import copy
import datetime as dt
import math
import re

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QPushButton,
    QWidget,
)

from solo_check.answers import read_answers
from solo_check.content import Content
from solo_check.gui.results import ResultsPage
from solo_check.presentation import present
from solo_check.scoring import score

from ..conftest import EXAMPLES

TODAY = dt.date(2026, 12, 2)
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json"))


def _load(content, name: str):
    answers = read_answers(EXAMPLES / f"{name}.json", content)
    return answers, score(content, answers, TODAY)


def _page(qtbot, content, name: str = "copywriter-one-client", lang: str = "de", previous=None):
    answers, assessment = _load(content, name)
    page = ResultsPage(content)
    qtbot.addWidget(page)
    page.set_language(lang)
    page.show_assessment(answers, assessment, previous, TODAY)
    page.resize(1100, 800)
    page.show()
    qtbot.waitExposed(page)
    return page, answers, assessment


def _texts(widget: QWidget, visible_only: bool = True) -> list[str]:
    """The texts a person can read: every label and button, optionally only visible ones."""
    out = []
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        if visible_only and not child.isVisibleTo(widget):
            continue
        out.append(child.text())
    return out


def _all_text(widget: QWidget, visible_only: bool = True) -> str:
    return "\n".join(_texts(widget, visible_only))


def _score_text(content, assessment, answers, dim_id, lang="de") -> str:
    """The score as the presentation words it ("15 von 100 – schwach")."""
    views = present(content, answers, assessment, lang).dimensions
    return next(v.score_text for v in views if v.id == dim_id)


def _card_lines(view) -> list[str]:
    """The "why" lines a card shows for a dimension, headings included."""
    out = []
    for heading, lines in (
        (view.concerns_heading, view.concerns),
        (view.strengths_heading, view.strengths),
    ):
        if lines:
            out += [heading] + ["• " + line.text for line in lines]
    return out


# --------------------------------------------------------------------------- what is shown


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_situation_scores_and_first_pointer_are_on_the_page(qtbot, content, name):
    page, answers, assessment = _page(qtbot, content, name)
    pres = present(content, answers, assessment, "de")
    text = _all_text(page)
    situation = next(
        s for s in content.questionnaire.scoring.situations if s.id == assessment.situation
    )
    assert situation.name.de in text
    assert pres.situation.summary in text
    for view in pres.dimensions:
        card_text = _all_text(page.cards[view.id])
        assert view.name in card_text
        assert view.score_text in card_text
        assert view.direction in card_text
        assert view.meaning in card_text
        result = assessment.dimensions[view.id]
        assert f"{result.answered} von {result.total} Fragen beantwortet" in card_text
    first = pres.pointers[0]
    assert first.title in _texts(page)
    assert page.presentation() == pres


def test_the_plan_shows_the_first_steps_with_dates_and_the_rest_behind_a_button(qtbot, content):
    page, answers, assessment = _page(qtbot, content)
    pres = present(content, answers, assessment, "de")
    texts = _texts(page)
    positions = []
    for step in pres.steps:
        title = f"{step.number}. {step.title}"
        assert title in texts
        assert step.advice in texts
        assert f"Wann: {step.when}" in texts
        for reason in step.reasons:
            assert "• " + reason.text in texts
        positions.append(texts.index(title))
    assert positions == sorted(positions)
    hidden = [f"{step.number}. {step.title}" for step in pres.more_steps]
    assert hidden and not any(title in texts for title in hidden)
    page.more_steps.set_expanded(True)
    assert all(title in _texts(page) for title in hidden)


def test_pointers_show_their_reasons_and_the_rest_behind_a_button(qtbot, content):
    page, answers, assessment = _page(qtbot, content)
    pres = present(content, answers, assessment, "de")
    texts = _texts(page)
    for view in pres.pointers:
        assert view.title in texts
        for reason in view.reasons:
            assert "• " + reason.text in texts
        for note in (view.general, view.deadline_note, view.offer_note):
            if note:
                assert note in texts
    assert pres.more_pointers and not any(v.title in texts for v in pres.more_pointers)
    page.more_pointers.set_expanded(True)
    assert all(v.title in _texts(page) for v in pres.more_pointers)


def test_map_description_says_where_the_person_stands(qtbot, content):
    page, _, assessment = _page(qtbot, content)
    description = page.map.accessibleDescription()
    assert "Jetzt handeln" in description
    exposure, buffers = assessment.position
    assert f"KI-Betroffenheit {round(exposure)} von 100" in description
    assert f"Absicherung {round(buffers)} von 100" in description
    assert page.map.accessibleName()
    assert page.map.position() == assessment.position
    # The same words are on the page for everyone, not only for screen readers.
    assert description in _texts(page)


def test_map_names_the_previous_position_and_its_situation(qtbot, content):
    before_answers, before = _load(content, "plumber-solid-reserves")
    page, _, _ = _page(qtbot, content, previous=(before_answers, before))
    description = page.map.accessibleDescription()
    assert "Beim letzten Check" in description
    assert "Aufmerksam bleiben" in description


def test_why_shows_the_gaps_first_then_the_strengths(qtbot, content):
    page, answers, assessment = _page(qtbot, content)
    card = page.cards["buffers"]
    view = next(
        v for v in present(content, answers, assessment, "de").dimensions if v.id == "buffers"
    )
    lines = _card_lines(view)
    assert view.concerns, "the example has gaps in its safety net"
    visible = _texts(card)
    assert not any(line in visible for line in lines)
    card.why.button.setFocus()
    qtbot.keyClick(card.why.button, Qt.Key.Key_Space)
    visible = _texts(card)
    assert [t for t in visible if t in lines] == lines
    # the largest gap first: reserves of one month
    assert lines[1] == "• Rücklagen (Ihre Antwort: 1 Monat)"
    assert not any("möglichen Punkten" in t for t in visible)
    qtbot.keyClick(card.why.button, Qt.Key.Key_Return)
    assert not any(line in _texts(card) for line in lines)


def test_a_dimension_without_answers_shows_a_dash_not_a_number(qtbot, content):
    answers, assessment = _load(content, "copywriter-one-client")
    for qid in list(answers.values):
        if "readiness" in content.questionnaire.dimensions_of(content.questionnaire.questions[qid]):
            answers.clear(qid)
    assessment = score(content, answers, TODAY)
    assert assessment.dimensions["readiness"].score is None
    page = ResultsPage(content)
    qtbot.addWidget(page)
    page.show_assessment(answers, assessment, None, TODAY)
    card_text = _all_text(page.cards["readiness"])
    assert content.texts.get("present.score.none", "de") in _texts(page.cards["readiness"])
    assert content.texts.get("present.dimension.no_score", "de") in card_text
    assert not re.search(r"\d+ von 100", card_text)


def test_comparison_with_the_previous_check(qtbot, content):
    before_answers = read_answers(EXAMPLES / "copywriter-one-client.json", content)
    before_answers.set("reserve_months", 0)
    # Finished a year ago, scored again today as the main window does.
    before_answers.finished_at = dt.datetime(2025, 11, 3, 12, 0, tzinfo=dt.UTC)
    before = score(content, before_answers, TODAY)
    page, _, now = _page(qtbot, content, previous=(before_answers, before))
    texts = _texts(page)
    assert "Verglichen mit Ihrem Check vom 3. November 2025" in texts
    old, new = before.dimensions["buffers"].score, now.dimensions["buffers"].score
    assert new > old
    assert any(f"Absicherung: {old} → {new} (+{new - old})" in t for t in texts)
    digital = now.dimensions["digital"].score
    assert any(f"Digitale Reife: {digital} → {digital} (±0)" in t for t in texts)
    assert "Ihre Lage ist gleich geblieben: „Jetzt handeln“." in texts


def test_no_comparison_without_a_previous_check(qtbot, content):
    page, _, _ = _page(qtbot, content)
    assert not page.compare_box.isVisibleTo(page)
    assert not any("letzter Check" in t for t in _texts(page))


# --------------------------------------------------------------------------- what if


def test_what_if_moves_scores_and_map_and_keeps_only_on_request(qtbot, content):
    page, answers, assessment = _page(qtbot, content)
    real_buffers = assessment.dimensions["buffers"].score
    card = page.cards["buffers"]
    assert _score_text(content, assessment, answers, "buffers") in _texts(card)
    spin = page.what_if_panel.control("reserve_months").control
    assert page.what_if_panel.keep.isEnabled() is False

    with qtbot.assertNotEmitted(page.keep_what_if_requested):
        spin.setFocus()
        for _ in range(12):  # 1 month -> 7 months, half a month per key press
            qtbot.keyClick(spin, Qt.Key.Key_Up)
    trial = copy.deepcopy(answers)
    trial.set("reserve_months", 7)
    expected = score(content, trial, TODAY)
    new_buffers = expected.dimensions["buffers"].score
    assert new_buffers > real_buffers
    assert _score_text(content, expected, trial, "buffers") in _texts(card)
    # The real position stays; the what-if one is shown beside it and named in words.
    assert page.map.position() == assessment.position
    assert page.map.what_if_position() == expected.position
    assert expected.position[1] > assessment.position[1]
    assert "Was-wäre-wenn" in page.map.accessibleDescription()
    assert any(f"Absicherung: {real_buffers} → {new_buffers}" in t for t in _texts(page))
    # The answers the page was given are untouched.
    assert answers.values["reserve_months"] == 1

    with qtbot.waitSignal(page.keep_what_if_requested) as blocker:
        qtbot.mouseClick(page.what_if_panel.keep, Qt.MouseButton.LeftButton)
    assert blocker.args == [{"reserve_months": 7}]


def test_reset_restores_the_real_answers(qtbot, content):
    page, _, assessment = _page(qtbot, content)
    panel = page.what_if_panel
    before = _texts(page.cards["buffers"])
    panel.control("reserve_months").set_value(12)
    panel.control("unemployment_insurance").set_value("yes")
    assert _texts(page.cards["buffers"]) != before
    with qtbot.assertNotEmitted(page.keep_what_if_requested):
        qtbot.mouseClick(panel.reset, Qt.MouseButton.LeftButton)
    assert _texts(page.cards["buffers"]) == before
    assert page.map.what_if_position() is None
    assert panel.changes() == {}
    assert not panel.keep.isEnabled()
    assert panel.control("reserve_months").value() == 1
    assert panel.control("unemployment_insurance").value() == "no"
    assert page.map.position() == assessment.position


def test_what_if_keeps_several_changes_from_choices_and_numbers(qtbot, content):
    page, answers, _ = _page(qtbot, content)
    panel = page.what_if_panel
    combo = panel.control("ai_use_frequency").control
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "monthly" -> "weekly" (the list runs upwards)
    panel.control("largest_client_share").set_value(40)
    # A changed answer can hide other questions; the scores still follow scoring.
    trial = copy.deepcopy(answers)
    trial.set("ai_use_frequency", "weekly")
    trial.set("largest_client_share", 40)
    expected = score(content, trial, TODAY)
    for dim_id in expected.dimensions:
        assert _score_text(content, expected, trial, dim_id) in _texts(page.cards[dim_id])
    with qtbot.waitSignal(page.keep_what_if_requested) as blocker:
        panel.keep.click()
    assert blocker.args == [{"ai_use_frequency": "weekly", "largest_client_share": 40}]


def test_what_if_choice_that_hides_questions_is_scored_like_scoring_does(qtbot, content):
    page, answers, _ = _page(qtbot, content)
    page.what_if_panel.control("ai_use_frequency").set_value("never")
    trial = copy.deepcopy(answers)
    trial.set("ai_use_frequency", "never")
    expected = score(content, trial, TODAY)
    assert "ai_checks" not in expected.visible
    readiness = expected.dimensions["readiness"]
    assert _score_text(content, expected, trial, "readiness") in _texts(page.cards["readiness"])
    assert f"{readiness.answered} von {readiness.total} Fragen beantwortet" in _all_text(
        page.cards["readiness"]
    )


def test_what_if_for_an_unanswered_number_starts_at_not_answered(qtbot, content):
    answers, _ = _load(content, "copywriter-one-client")
    answers.decline("reserve_months")
    page = ResultsPage(content)
    qtbot.addWidget(page)
    page.show_assessment(answers, score(content, answers, TODAY), None, TODAY)
    control = page.what_if_panel.control("reserve_months")
    assert control.value() is None
    assert control.control.text() == content.texts.get("common.not_answered", "de")
    assert page.what_if_panel.changes() == {}
    control.control.setFocus()
    qtbot.keyClick(control.control, Qt.Key.Key_Up)
    assert page.what_if_panel.changes() == {"reserve_months": 0}


def test_showing_a_new_assessment_ends_the_what_if(qtbot, content):
    page, answers, assessment = _page(qtbot, content)
    page.what_if_panel.control("reserve_months").set_value(10)
    assert page.map.what_if_position() is not None
    page.show_assessment(answers, assessment, None, TODAY)
    assert page.map.what_if_position() is None
    assert page.what_if_panel.changes() == {}


# --------------------------------------------------------------------------- where things lead


def test_missing_question_button_asks_for_that_question(qtbot, content):
    page, _, assessment = _page(qtbot, content, "translator-partly-answered")
    count = len(assessment.missing)
    assert content.texts.get("present.missing", "de", count=count) in _texts(page)
    buttons = [b for b in page.findChildren(QPushButton) if b.property("questionId")]
    assert [b.property("questionId") for b in buttons] == list(assessment.missing)
    # A long list waits behind its button, so Tab does not wade through it.
    assert not buttons[0].isVisibleTo(page)
    page.missing_list.button.click()
    assert buttons[0].isVisibleTo(page)
    label = content.questionnaire.questions[assessment.missing[2]].label.de
    target = buttons[2]
    assert target.text() == label
    assert target.accessibleName() == f"Zur Frage: {label}"
    with qtbot.waitSignal(page.question_requested) as blocker:
        target.setFocus()
        qtbot.keyClick(target, Qt.Key.Key_Return)
    assert blocker.args == [assessment.missing[2]]


def test_no_open_questions_no_note(qtbot, content):
    page, _, assessment = _page(qtbot, content, "yoga-teacher-no-pension")
    assert assessment.missing == ()
    assert not page.missing_box.isVisibleTo(page)


def test_report_button_asks_for_the_report(qtbot, content):
    page, _, _ = _page(qtbot, content)
    with qtbot.waitSignal(page.report_requested):
        qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)


def test_links_open_in_the_browser_only_when_clicked(qtbot, content, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page, _, assessment = _page(qtbot, content)
    page.set_language("en")
    for card in page.cards.values():
        card.why.set_expanded(True)
    assert opened == []
    links = sorted(
        (b for b in page.findChildren(QPushButton) if b.property("url") and b.isVisibleTo(page)),
        key=lambda b: b.mapTo(page, b.rect().topLeft()).y(),
    )
    first = content.pointers.by_id[assessment.pointers[0].id]  # the most relevant first
    assert links[0].property("url") == first.url
    assert first.title.en in links[0].accessibleName()
    qtbot.mouseClick(links[0], Qt.MouseButton.LeftButton)
    assert opened == [QUrl(first.url)]
    links[1].setFocus()
    qtbot.keyClick(links[1], Qt.Key.Key_Space)
    assert len(opened) == 2


# --------------------------------------------------------------------------- language


def _fragments(text: str) -> list[str]:
    """The fixed words of a text template, without its placeholders."""
    parts = re.split(r"\{[a-z_]+\}", text)
    return [p.strip(' .:,–()„“”"') for p in parts if len(p.strip(' .:,–()„“”"')) >= 4]


def test_switching_to_english_leaves_no_german_on_the_page(qtbot, content):
    before_answers, before = _load(content, "plumber-solid-reserves")
    page, _, assessment = _page(
        qtbot, content, "translator-partly-answered", previous=(before_answers, before)
    )
    page.what_if_panel.control("reserve_months").set_value(6)
    page.missing_list.set_expanded(True)
    for card in page.cards.values():
        card.why.set_expanded(True)
    german_texts = _texts(page)
    german = "\n".join(german_texts)
    page.set_language("en")
    english = _all_text(page)
    assert german != english
    own = [k for k in content.texts.entries if k.startswith("results.")]
    assert len(own) > 40
    for key in own:
        text = content.texts.entries[key]
        for fragment in _fragments(text.de):
            if fragment not in text.en:
                assert fragment not in english, f"{key}: German '{fragment}' left after switch"
    situation = next(
        s for s in content.questionnaire.scoring.situations if s.id == assessment.situation
    )
    assert situation.name.en in english
    assert situation.name.de not in english
    assert "questions are still open" in english
    assert "Compared with your check of" in english
    assert content.texts.get("results.what_if.keep", "en") in english
    assert "Not answered" in english or "not answered" in english
    assert "AI exposure" in page.map.accessibleDescription()
    for control in page.findChildren(QAbstractButton) + page.findChildren(QComboBox):
        if control.isVisibleTo(page):
            assert control.accessibleName(), control
    for field in page.findChildren(QAbstractSpinBox):
        assert field.accessibleName() and field.accessibleDescription()
        assert field.accessibleName() in english
    # And back: the German texts return.
    page.set_language("de")
    assert sorted(_texts(page)) == sorted(german_texts)


def test_english_numbers_and_units_in_what_if(qtbot, content):
    page, _, _ = _page(qtbot, content, lang="en")
    control = page.what_if_panel.control("reserve_months")
    control.set_value(1.5)
    assert control.control.text() == "1.5"
    assert control.unit.text() == "months"
    control.set_value(1)
    assert control.unit.text() == "month"
    page.set_language("de")
    control.set_value(2.5)
    assert control.control.text() == "2,5"
    assert control.unit.text() == "Monate"


# --------------------------------------------------------------------------- keyboard


def test_tab_follows_the_reading_order(qtbot, content):
    page, _, _ = _page(qtbot, content, "translator-partly-answered")
    page.activateWindow()
    page.missing_list.set_expanded(True)
    page.report_button.setFocus()
    qtbot.waitUntil(lambda: page.report_button.hasFocus())
    seen: list[QWidget] = [page.report_button]
    for _ in range(200):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is page.report_button_bottom or widget in seen:
            seen.append(widget)
            break
        seen.append(widget)
    assert seen[-1] is page.report_button_bottom

    def first(predicate) -> int:
        return next(i for i, w in enumerate(seen) if predicate(w))

    missing = first(lambda w: w.property("questionId"))
    why = first(lambda w: w is page.cards["digital"].why.button)
    why_last = first(lambda w: w is page.cards["buffers"].why.button)
    map_index = first(lambda w: w is page.map)
    what_if = first(lambda w: page.what_if_panel.isAncestorOf(w))
    link = first(lambda w: w.property("url"))
    assert 0 < missing < why < why_last < map_index < what_if < link < len(seen) - 1
    # Every control is reached, visibly marked when focused by the page's style.
    assert all(w.isVisibleTo(page) for w in seen)
    assert "focus" in page.styleSheet()


# --------------------------------------------------------------------------- layout


def _stretched(content: Content) -> Content:
    """The same content with every text 150 % long (German is long, translations longer)."""

    def stretch(text: str) -> str:
        extra = math.ceil(len(text) * 0.5)
        words = ["Wortteil"] * max(1, extra // 9)
        return text + " " + " ".join(words)

    def walk(node):
        if isinstance(node, dict):
            if set(node) == {"de", "en"} and all(isinstance(v, str) for v in node.values()):
                return {k: stretch(v) for k, v in node.items()}
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return Content.model_validate(walk(content.model_dump(by_alias=True, exclude_none=True)))


def _clipped(page: ResultsPage) -> list[str]:
    problems = []
    for label in page.body.findChildren(QLabel):
        if not label.isVisibleTo(page.body) or not label.text():
            continue
        if label.wordWrap() and label.height() < label.heightForWidth(label.width()):
            problems.append(f"label cut off: {label.text()[:60]!r}")
        if not label.wordWrap() and label.width() < label.sizeHint().width():
            problems.append(f"label too narrow: {label.text()[:60]!r}")
    for button in page.body.findChildren(QAbstractButton):
        if button.isVisibleTo(page.body) and button.width() < button.sizeHint().width():
            problems.append(f"button cut off: {button.text()[:60]!r}")
    for field in page.body.findChildren(QAbstractSpinBox):
        if field.isVisibleTo(page.body) and field.width() < field.sizeHint().width():
            problems.append(f"number field cut off: {field.text()[:60]!r}")
    for combo in page.body.findChildren(QComboBox):
        needed = combo.fontMetrics().horizontalAdvance(combo.currentText()) + 30
        if combo.isVisibleTo(page.body) and combo.width() < needed:
            problems.append(f"choice cut off: {combo.currentText()[:60]!r}")
    return problems


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("size", [(800, 600), (1280, 900)])
def test_lays_out_with_long_texts_without_clipping(qtbot, content, lang, size):
    long_content = _stretched(content)
    answers = read_answers(EXAMPLES / "translator-partly-answered.json", long_content)
    assessment = score(long_content, answers, TODAY)
    before_answers = read_answers(EXAMPLES / "copywriter-one-client.json", long_content)
    previous = (before_answers, score(long_content, before_answers, dt.date(2025, 11, 3)))
    page = ResultsPage(long_content)
    qtbot.addWidget(page)
    page.set_language(lang)
    page.show_assessment(answers, assessment, previous, TODAY)
    page.what_if_panel.control("reserve_months").set_value(6)
    page.missing_list.set_expanded(True)
    for card in page.cards.values():
        card.why.set_expanded(True)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    assert page.scroll.horizontalScrollBar().maximum() == 0
    assert _clipped(page) == []
