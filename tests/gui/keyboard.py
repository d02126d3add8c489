"""Answering questions the way a person without a mouse does: focus, arrow keys, Space,
typing and Tab. Used by the walkthrough and by the crash-safety child process."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from solo_check.gui.questions import QuestionWidget

NO_MOD = Qt.KeyboardModifier.NoModifier


def key(widget: QWidget, k: Qt.Key, modifier: Qt.KeyboardModifier = NO_MOD) -> None:
    QTest.keyClick(widget, k, modifier)
    QApplication.processEvents()


def type_text(widget: QWidget, text: str) -> None:
    """Type text; characters beyond ASCII are sent as key events with text (see TECH-NOTES)."""
    for char in text:
        if char == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif char.isascii() and char.isprintable():
            QTest.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, NO_MOD)
    QApplication.processEvents()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def answer(widget: QuestionWidget, value: Any, lang: str = "de") -> None:
    """Give the answer `value` to a question widget by keyboard only."""
    q = widget.question
    widget.focus_input()
    QApplication.processEvents()
    if q.type in ("single", "scale"):
        ids = [o.id for o in widget.content.questionnaire.options(q)]
        start = ids.index(widget.value()) if widget.value() in ids else 0
        target = ids.index(value)
        step = Qt.Key.Key_Down if target >= start else Qt.Key.Key_Up
        for _ in range(abs(target - start)):
            key(focused(), step)
        key(focused(), Qt.Key.Key_Space)
    elif q.type == "multi":
        rows = widget._rows  # the check boxes in reading order
        for option_id, row in rows.items():
            if row.button.isChecked() != (option_id in value):
                row.button.setFocus()
                key(row.button, Qt.Key.Key_Space)
    elif q.type == "number":
        edit = focused()
        key(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        text = str(value).replace(".", ",") if lang == "de" else str(value)
        type_text(edit, text)
        key(edit, Qt.Key.Key_Tab)
    elif q.type == "month":
        year, month = (int(part) for part in value.split("-"))
        month_box = focused()
        key(month_box, Qt.Key.Key_Home)
        for _ in range(month):
            key(month_box, Qt.Key.Key_Down)
        key(month_box, Qt.Key.Key_Tab)
        year_box = focused()
        type_text(year_box, str(year))
        key(year_box, Qt.Key.Key_Tab)
    elif q.type == "occupation":
        edit = focused()
        if value == "other":
            key(edit, Qt.Key.Key_Tab)
            key(focused(), Qt.Key.Key_Space)
        else:
            title = widget.content.occupations.by_id[value].title.get(lang)
            key(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            type_text(edit, title)
            key(edit, Qt.Key.Key_Return)
    elif q.type == "allocation":
        spins = widget.spin_boxes()
        for kind, spin in spins.items():
            spin.setFocus()
            key(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            type_text(spin, str(value.get(kind, 0)))
            key(spin, Qt.Key.Key_Tab)
    elif q.type == "text":
        edit = focused()
        key(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(edit, value)
    else:  # pragma: no cover - a new question type needs a keyboard recipe here
        raise AssertionError(f"no keyboard recipe for {q.type}")


def decline(widget: QuestionWidget) -> None:
    """Choose "prefer not to say" by keyboard: Tab to its box and press Space."""
    box = widget._decline_box
    box.setFocus()
    if not box.isChecked():
        key(box, Qt.Key.Key_Space)
