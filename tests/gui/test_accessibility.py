"""Every control has a name for screen readers, and Tab walks the questions in reading order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QScrollArea,
    QScrollBar,
    QWidget,
)

from . import keyboard


def _focusable(root: QWidget) -> list[QWidget]:
    """Controls a person can Tab to; the inner editor of a spin box speaks for its box."""
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not isinstance(w, QScrollBar | QScrollArea)
        and not isinstance(w.parentWidget(), QAbstractSpinBox)
    ]


def _name(widget: QWidget) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton | QLabel):
        return widget.text()
    return ""


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_control_has_an_accessible_name(open_window, lang):
    window = open_window()
    window.switch(lang)
    pages = [window.welcome]
    window.start_new()
    for index in range(len(window.content.questionnaire.sections)):
        window.questionnaire.go_to(index)
        pages.append(window.questionnaire.pages[index])
    window.show_results()
    pages.append(window.results)
    nameless = []
    for page in pages:
        for widget in _focusable(page):
            if not _name(widget).strip():
                nameless.append(f"{type(widget).__name__} {widget.objectName()}")
    assert nameless == [], "\n".join(nameless)


def test_tab_walks_a_section_from_top_to_bottom(open_window):
    window = open_window()
    window.start_new()
    for index in range(len(window.content.questionnaire.sections)):
        window.questionnaire.go_to(index)
        page = window.questionnaire.pages[index]
        body = page.widget()
        first = next(w for w in page.widgets.values() if not w.isHidden())
        first.focus_input()
        positions = []
        for _ in range(40):
            focus = QApplication.focusWidget()
            if focus is None or not body.isAncestorOf(focus):
                break
            point = focus.mapTo(body, QPoint(0, 0))
            positions.append((point.y(), point.x(), type(focus).__name__))
            keyboard.key(focus, Qt.Key.Key_Tab)
        assert len(positions) > 5
        ys = [y for y, _, _ in positions]
        assert ys == sorted(ys), f"section {index}: focus jumps back up: {positions}"
