"""Language switch and long texts: every page speaks the chosen language, shows no raw text
keys, and still lays out at the minimum size with every text 50 % longer."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from solo_check.answers import read_answers
from solo_check.content import Text

from ..conftest import EXAMPLES
from .conftest import visible_texts

KEY_PATTERN = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")


def _all_texts(node, found: list[Text]) -> list[Text]:
    """Every Text in the content, wherever it sits in the models."""
    if isinstance(node, Text):
        found.append(node)
    elif isinstance(node, dict):
        for value in node.values():
            _all_texts(value, found)
    elif isinstance(node, list | tuple):
        for value in node:
            _all_texts(value, found)
    elif hasattr(node, "__pydantic_fields__"):
        for name in type(node).model_fields:
            _all_texts(getattr(node, name), found)
    return found


def _pages(window):
    """Walk the window through every page with a full example's answers (many pointers,
    actions and explanations), yielding each page as it is shown."""
    yield "welcome", window.welcome
    example = read_answers(EXAMPLES / "copywriter-one-client.json", window.content)
    example.finished_at = None
    window._begin(example)
    for index, section in enumerate(window.content.questionnaire.sections):
        window.questionnaire.go_to(index)
        QApplication.processEvents()
        yield section.id, window.questionnaire
    window.show_results()
    QApplication.processEvents()
    yield "results", window.results


def _menu_texts(window) -> list[str]:
    texts = []
    for menu in (window.file_menu, window.nav_menu, window.language_menu, window.help_menu):
        texts.append(menu.title())
        texts += [action.text() for action in menu.actions() if action.text()]
    return texts


def test_switching_to_english_leaves_no_german_and_no_raw_keys(open_window, content):
    german_only = {t.de for t in _all_texts(content, []) if t.de != t.en}
    window = open_window()
    window.switch("de")
    for name, page in _pages(window):
        german = visible_texts(page)
        window.switch("en")
        english = visible_texts(page) + _menu_texts(window)
        assert english, name
        leftovers = [text for text in english if text in german_only]
        assert leftovers == [], f"{name}: German text after switching to English: {leftovers}"
        raw_keys = [text for text in english if KEY_PATTERN.match(text)]
        assert raw_keys == [], f"{name}: raw text keys shown: {raw_keys}"
        assert german != english, name
        window.switch("de")


def test_the_choice_of_language_is_remembered(open_window):
    window = open_window()
    window.switch("en")
    window.close()
    again = open_window()
    assert again.lang == "en"
    assert again.welcome.start_button.text() == again.content.texts.get("welcome.start", "en")


def _clipped(page: QWidget) -> list[str]:
    """Visible labels and buttons whose text does not fit the space they were given."""
    problems = []
    for label in page.findChildren(QLabel):
        if not label.isVisibleTo(page) or not label.text() or label.width() <= 1:
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 2:
                problems.append(f"label cut at the bottom: {label.text()[:60]!r}")
        elif label.pixmap().isNull() and label.sizeHint().width() > label.width() + 2:
            problems.append(f"label cut at the side: {label.text()[:60]!r}")
    for button in page.findChildren(QAbstractButton):
        if not button.isVisibleTo(page) or not button.text():
            continue
        if button.minimumSizeHint().width() > button.width() + 2:
            problems.append(f"button cut: {button.text()[:60]!r}")
    return problems


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_lays_out_at_minimum_size_with_longer_texts(open_window, stretched_texts, lang):
    window = open_window()
    window.switch(lang)
    window.resize(window.minimumSize())
    QApplication.processEvents()
    assert window.width() <= 800 and window.height() <= 600
    for name, page in _pages(window):
        QApplication.processEvents()
        assert _clipped(page) == [], name


def test_qt_dialogs_speak_the_chosen_language(open_window):
    window = open_window()
    window.switch("de")
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    window.switch("en")
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_messages_and_the_report_follow_a_language_switch(open_window, tmp_path, monkeypatch):
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QFileDialog

    bad = tmp_path / "kaputt.json"
    bad.write_text("{", encoding="utf-8")
    window = open_window()
    window.switch("de")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.import_answers()
    assert "nichts verändert" in window.notice.label.text()
    window.switch("en")
    assert "Nothing has been changed" in window.notice.label.text()

    window.start_new()
    window.show_results()
    window.show_report()
    title = QPdfDocument.MetaDataField.Title
    assert window.report_view.document.metaData(title) == "Solo-Check – your report"
    window.switch("de")
    assert window.report_view.document.metaData(title) == "Solo-Check – Ihr Bericht"
