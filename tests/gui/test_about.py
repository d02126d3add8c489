"""The About window: version, licence, third-party works with the ILO citation, data folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QScrollArea

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


CC_BY = "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_study_licence_link_stands_right_after_the_ilo_citation(make_dialog, content, lang):
    """CC BY 4.0 asks for a link to the licence with the citation: the person sees the
    licence named in their language and its address, and can select and copy it."""
    dialog = make_dialog(lang)
    dialog.tabs.setCurrentIndex(1)
    assert content.texts.get("about.research_licence_url", lang) == CC_BY
    named, link = dialog.research_licence, dialog.licence_link
    assert named.isVisible() and link.isVisible()
    assert named.text() == content.texts.get("about.research_licence", lang)
    assert link.text() == f'<a href="{CC_BY}">{CC_BY}</a>'
    assert link.accessibleName() == f"{named.text()} {CC_BY}"
    flags = link.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert flags & Qt.TextInteractionFlag.LinksAccessibleByMouse
    assert flags & Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    source = content.occupations.source
    summary = dialog.tabs.currentWidget().findChild(QScrollArea).widget()
    shown = [w for w in summary.findChildren(QLabel) if w.isVisibleTo(summary)]
    shown.sort(key=lambda w: w.mapTo(summary, QPoint(0, 0)).y())
    texts = [w.text() for w in shown]
    citation = texts.index(f"{source.citation} ({source.licence})")
    assert texts[citation + 1 : citation + 3] == [named.text(), link.text()]


def test_the_licence_link_opens_the_browser_only_when_clicked(make_dialog, monkeypatch, qtbot):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = make_dialog("de")
    dialog.tabs.setCurrentIndex(1)
    link = dialog.licence_link
    qtbot.waitUntil(link.isVisible)
    assert opened == []  # showing the address opens nothing
    qtbot.mouseClick(dialog.research_licence, Qt.MouseButton.LeftButton)
    assert opened == []  # nor does a click on the sentence that names the licence
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(4, link.height() // 2))
    assert opened == [QUrl(CC_BY)]
    # Without a mouse: Tab moves onto the link, Enter opens it.
    link.setFocus()
    qtbot.keyClick(link, Qt.Key.Key_Tab)
    qtbot.keyClick(link, Qt.Key.Key_Return)
    assert opened == [QUrl(CC_BY), QUrl(CC_BY)]


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
    dialog = make_dialog("de")
    dialog.resize(dialog.minimumSize())
    dialog.tabs.setCurrentIndex(1)
    area = dialog.tabs.currentWidget().findChild(QScrollArea)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    area.setFocus()
    for _ in range(20):
        qtbot.keyClick(area, Qt.Key.Key_PageDown)
    assert area.verticalScrollBar().value() == area.verticalScrollBar().maximum()
