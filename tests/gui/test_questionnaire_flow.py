"""Conditional questions come and go with the answers; an answer with a problem is kept,
shown, and left out of the result until it is corrected."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from . import keyboard


def test_the_other_occupation_field_appears_only_for_other(open_window):
    window = open_window()
    window.start_new()
    page = window.questionnaire.pages[0]
    other_text = page.widgets["occupation_other"]
    assert other_text.isHidden()
    keyboard.answer(page.widgets["occupation"], "other")
    assert not other_text.isHidden()
    keyboard.answer(other_text, "Zirkusartistin")
    assert window.store.load(window.session.id).values["occupation_other"] == "Zirkusartistin"
    keyboard.answer(page.widgets["occupation"], "copywriter")
    assert other_text.isHidden()


def test_an_allocation_below_100_is_kept_shown_and_left_out_of_the_result(open_window, content):
    window = open_window()
    window.start_new()
    index = next(
        i
        for i, s in enumerate(content.questionnaire.sections)
        if any(q.id == "task_allocation" for q in s.questions)
    )
    window.questionnaire.go_to(index)
    widget = window.questionnaire.pages[index].widgets["task_allocation"]
    keyboard.answer(widget, {"writing": 50, "translating": 30})
    QApplication.processEvents()
    # Kept exactly as typed, so a crash loses nothing ...
    stored = window.store.load(window.session.id).values["task_allocation"]
    assert stored == {"writing": 50, "translating": 30}
    # ... shown with its problem in words, next to the question and under the page ...
    assert any("80" in problem for problem in widget.problems())
    assert window.questionnaire.invalid_note.isVisible()
    # ... and not scored: the result lists the question as still open.
    window.show_results()
    assessment = window.session.assessment(dt.date(2026, 11, 27))
    assert "task_allocation" in assessment.missing
    assert "task_allocation" not in window.session.valid_answers().values
    # Corrected, it counts.
    window._jump_to_question("task_allocation")
    keyboard.answer(widget, {"writing": 70, "translating": 30})
    keyboard.key(keyboard.focused(), Qt.Key.Key_Tab)
    assert widget.problems() == []
    assert not window.questionnaire.invalid_note.isVisible()
    assert window.session.valid_answers().values["task_allocation"] == {
        "writing": 70,
        "translating": 30,
    }
