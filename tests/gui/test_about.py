"""The About window: version, licence, third-party works with the ILO citation, data folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from solo_check import __version__
from solo_check.gui import about
from solo_check.gui.about import AboutDialog

from .conftest import visible_texts
from .test_accessibility import _focusable, _name


def _all_texts(dialog: AboutDialog) -> str:
    """Every text of both tabs, as a person reads them by switching tabs."""
    texts = []
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        texts.append(dialog.tabs.tabText(index))
        texts += visible_texts(dialog)
    return "\n".join(texts)


@pytest.fixture
def make_dialog(qtbot, content, tmp_path):
    def make(lang: str) -> AboutDialog:
        dialog = AboutDialog(content, lang, tmp_path / "data folder")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def test_german_about_names_version_licence_works_and_folder(make_dialog, content, tmp_path):
    dialog = make_dialog("de")
    text = _all_texts(dialog)
    assert dialog.windowTitle() == "Über Solo-Check"
    assert f"Solo-Check {__version__}" in text
    assert "MIT-Lizenz" in text
    assert "keine Rechts-, Steuer- oder Finanzberatung" in text
    assert str(tmp_path / "data folder") in text
    assert "LGPL-3.0" in text
    assert "DejaVu Sans" in text
    source = content.occupations.source
    assert source.citation in text
    assert "CC BY 4.0" in text
    assert source.adaptation_notice.get("de") in text


def test_english_about_shows_no_german(make_dialog, content):
    dialog = make_dialog("en")
    text = _all_texts(dialog)
    assert dialog.windowTitle() == "About Solo-Check"
    assert "MIT licence" in text
    assert content.occupations.source.adaptation_notice.get("en") in text
    for german in ("Lizenz", "Ordner", "Schrift", "Sie ", "Schließen"):
        assert german not in text


def test_full_licence_texts_are_shown_in_the_dialog(make_dialog):
    dialog = make_dialog("de")
    dialog.tabs.setCurrentIndex(1)
    full = dialog.full_texts.toPlainText()
    assert "MIT License" in full  # LICENSE
    assert "Third-party notices" in full  # THIRD-PARTY-NOTICES.md
    assert "Bitstream Vera" in full  # the font licence
    assert dialog.full_texts.isReadOnly()


def test_a_missing_licence_file_is_named_not_fatal(qtbot, content, tmp_path, monkeypatch):
    def missing(name):
        raise FileNotFoundError(name)

    monkeypatch.setattr(about, "legal_file", missing)
    dialog = AboutDialog(content, "de", tmp_path)
    qtbot.addWidget(dialog)
    full = dialog.findChild(QPlainTextEdit).toPlainText()
    assert "Die Datei THIRD-PARTY-NOTICES.md fehlt in dieser Installation." in full
    assert "Bitstream Vera" in full


def test_open_folder_opens_the_data_folder_or_says_it_could_not(make_dialog, monkeypatch, tmp_path):
    opened = []
    answer = [True]

    def open_url(url):
        opened.append(url.toLocalFile())
        return answer[0]

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    dialog = make_dialog("en")
    dialog.open_folder_button.click()
    assert opened == [str(tmp_path / "data folder")]
    assert not dialog.folder_status.isVisible()
    answer[0] = False
    dialog.open_folder_button.click()
    assert dialog.folder_status.isVisible()
    assert "could not be opened" in dialog.folder_status.text()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_control_in_about_has_a_name(make_dialog, lang):
    dialog = make_dialog(lang)
    nameless = []
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        nameless += [type(w).__name__ for w in _focusable(dialog) if not _name(w).strip()]
    assert nameless == []


def test_help_about_opens_the_dialog_with_the_store_folder(open_window, home, qtbot):
    window = open_window()
    seen = []

    def look_and_close():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        if isinstance(dialog, AboutDialog):
            seen.append(dialog.folder_label.text())
            dialog.close_button.click()

    QTimer.singleShot(100, look_and_close)
    window.about_action.trigger()
    assert isinstance(seen[0], AboutDialog)
    assert seen[1] == str(home)


def test_the_summary_scrolls_with_the_keyboard_in_a_small_dialog(make_dialog, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea

    dialog = make_dialog("de")
    dialog.resize(dialog.minimumSize())
    dialog.tabs.setCurrentIndex(1)
    area = dialog.tabs.currentWidget().findChild(QScrollArea)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    area.setFocus()
    for _ in range(20):
        qtbot.keyClick(area, Qt.Key.Key_PageDown)
    assert area.verticalScrollBar().value() == area.verticalScrollBar().maximum()
