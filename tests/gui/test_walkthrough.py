"""A whole check done with the keyboard only, from the welcome page to the result, with no
network connection and every answer in the store."""

from __future__ import annotations

import json
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from solo_check.answers import read_answers
from solo_check.gui.window import create_window

from ..conftest import EXAMPLES
from . import keyboard
from .conftest import put_example


def _unordered(values: dict) -> dict:
    """Multiple-choice answers are sets: their order does not matter."""
    return {k: sorted(v) if isinstance(v, list) else v for k, v in values.items()}


def walk(window, example, lang: str) -> None:
    """Answer every visible question of every section as the example does, then go on."""
    sections = window.content.questionnaire.sections
    for index in range(len(sections)):
        assert window.questionnaire.current == index
        page = window.questionnaire.pages[index]
        for qid, widget in page.widgets.items():
            if widget.isHidden():
                continue
            if qid in example.values:
                keyboard.answer(widget, example.values[qid], lang)
            elif qid in example.declined:
                keyboard.decline(widget)
        keyboard.key(keyboard.focused(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)


@pytest.mark.parametrize(
    ("name", "lang", "situation"),
    [
        ("copywriter-one-client.json", "de", "act_now"),
        ("software-developer-ai-daily.json", "en", "shape_change"),
    ],
)
def test_whole_check_by_keyboard(qtbot, open_window, content, no_network, name, lang, situation):
    example = read_answers(EXAMPLES / name, content)
    window = open_window()
    window.switch(lang)
    assert window.stack.currentWidget() is window.welcome
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.welcome.start_button)
    keyboard.key(window.welcome.start_button, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.questionnaire

    walk(window, example, lang)

    assert window.stack.currentWidget() is window.results
    assert window.results is not None
    name_of_situation = next(
        s.name.get(lang) for s in content.questionnaire.scoring.situations if s.id == situation
    )
    shown = " ".join(
        label.text() for label in window.results.findChildren(type(window.notice.label))
    )
    assert name_of_situation in shown
    # The report, shown in the window, by keyboard too.
    window.results.report_button.setFocus()
    keyboard.key(window.results.report_button, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.report_view
    assert no_network == []
    assert "PySide6.QtNetwork" not in sys.modules  # nor does Qt get a way to connect

    # Everything typed is in the store, exactly as the example has it.
    store_answers = window.store.load(window.session.id)
    assert _unordered(store_answers.values) == _unordered(example.values)
    assert store_answers.declined == example.declined
    history = window.store.history()
    assert [entry.situation for entry in history] == [situation]


def test_enter_moves_to_the_next_question_and_then_the_next_section(open_window):
    window = open_window()
    window.start_new()
    page = window.questionnaire.pages[0]
    shown = [w for w in page.widgets.values() if not w.isHidden()]
    shown[0].focus_input()
    keyboard.key(keyboard.focused(), Qt.Key.Key_Return)
    assert shown[1].isAncestorOf(QApplication.focusWidget())
    shown[-1].focus_input()
    keyboard.key(keyboard.focused(), Qt.Key.Key_Return)
    assert window.questionnaire.current == 1
    keyboard.key(keyboard.focused(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.questionnaire.current == 0


def test_exported_answers_are_the_answers_given(qtbot, home, content, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    _, example = put_example(content, "yoga-teacher-no-pension.json")
    window = create_window()
    qtbot.addWidget(window)
    target = tmp_path / "export" / "meine-antworten"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_answers(None)
    written = json.loads(target.with_name("meine-antworten.json").read_text(encoding="utf-8"))
    assert written["answers"] == example.values
    assert sorted(written["declined"]) == sorted(example.declined)
    assert str(target.with_name("meine-antworten.json")) in window.notice.label.text()
