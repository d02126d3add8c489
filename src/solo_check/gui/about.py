"""The About window: version, licence, the works Solo-Check builds on, and where the data is.

Two tabs. "The program" says what Solo-Check is, that it is not advice, its licence, the
versions it runs on and the data folder (with a button to open it). "Licences and sources"
names the third-party works in the person's language - Qt under the LGPL, the DejaVu font,
the ILO study with its citation, its CC BY 4.0 licence link and adaptation notice - and shows
the full licence texts.
"""

from __future__ import annotations

import html
import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFont, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..content import Content
from ..paths import LEGAL_FILES, legal_file, resource
from .labels import WrapLabel

DEJAVU_LICENCE = "fonts/LICENSE-DejaVu.txt"
# Paths and the citation can be selected and copied.
SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
)


def licence_texts(content: Content, lang: str) -> str:
    """The full texts of the licence, the third-party notices and the font licence, one
    after the other; a missing file is named instead of failing."""
    parts = []
    for name in LEGAL_FILES:
        try:
            parts.append(legal_file(name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            parts.append(content.texts.get("about.full_texts_missing", lang, name=name))
    try:
        parts.append(resource(DEJAVU_LICENCE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        parts.append(content.texts.get("about.full_texts_missing", lang, name=DEJAVU_LICENCE))
    rule = "\n\n" + "-" * 72 + "\n\n"
    return rule.join(part.strip() for part in parts)


def _scrolling(page: QWidget, name: str) -> QScrollArea:
    """Text that may be longer than the window: it scrolls, never cuts, and takes the focus
    so that the arrow and page keys scroll it without a mouse."""
    area = QScrollArea()
    area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    area.setAccessibleName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(page)
    # Let the tab's own background show through, so both tabs look alike.
    area.viewport().setAutoFillBackground(False)
    page.setAutoFillBackground(False)
    return area


class AboutDialog(QDialog):
    def __init__(
        self, content: Content, lang: str, data_folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.content = content
        self.lang = lang
        self.data_folder = data_folder
        t = content.texts.get
        self.setWindowTitle(t("about.title", lang))
        self.setMinimumSize(480, 420)
        self.resize(640, 560)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(t("about.tabs", lang))
        self.tabs.tabBar().setAccessibleName(t("about.tabs", lang))
        self.tabs.addTab(
            _scrolling(self._program_page(), t("about.tab_program", lang)),
            t("about.tab_program", lang),
        )
        self.tabs.addTab(self._licences_page(), t("about.tab_licences", lang))

        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(
            t("about.close", lang), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.close_button.setAccessibleName(t("about.close", lang).replace("&", ""))
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    # ------------------------------------------------------------------ the program

    def _program_page(self) -> QWidget:
        t, lang = self.content.texts.get, self.lang
        page = QWidget()
        layout = QVBoxLayout(page)

        title_row = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(QIcon(str(resource("icons/solo-check.svg"))).pixmap(48, 48))
        icon.setAccessibleName("Solo-Check")
        title_row.addWidget(icon)
        self.heading = WrapLabel(
            t("about.heading", lang, version=__version__), bold=True, scale=1.4
        )
        title_row.addWidget(self.heading, 1)
        layout.addLayout(title_row)

        for key in ("about.purpose", "about.not_advice", "about.licence"):
            layout.addWidget(WrapLabel(t(key, lang)))

        layout.addSpacing(8)
        layout.addWidget(WrapLabel(t("about.folder", lang)))
        self.folder_label = WrapLabel(str(self.data_folder))
        self.folder_label.setTextInteractionFlags(
            self.folder_label.textInteractionFlags() | SELECTABLE
        )
        layout.addWidget(self.folder_label)
        row = QHBoxLayout()
        self.open_folder_button = QPushButton(t("about.open_folder", lang))
        self.open_folder_button.setAccessibleName(t("about.open_folder", lang).replace("&", ""))
        self.open_folder_button.clicked.connect(self.open_folder)
        row.addWidget(self.open_folder_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.folder_status = WrapLabel()
        self.folder_status.hide()
        layout.addWidget(self.folder_status)

        layout.addSpacing(8)
        self.runtime = WrapLabel(
            t(
                "about.runtime",
                lang,
                python=platform.python_version(),
                qt=qVersion(),
                pyside=PySide6.__version__,
            )
        )
        layout.addWidget(self.runtime)
        layout.addStretch(1)
        return page

    def open_folder(self) -> None:
        """Open the data folder in the file manager (it exists once the store is open)."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder))):
            self.folder_status.hide()
            return
        self.folder_status.setText(self.content.texts.get("about.open_folder_failed", self.lang))
        self.folder_status.show()

    # ------------------------------------------------------------------ licences

    def _licences_page(self) -> QWidget:
        t, lang = self.content.texts.get, self.lang
        source = self.content.occupations.source
        page = QWidget()
        layout = QVBoxLayout(page)
        summary = QWidget()
        summary_layout = QVBoxLayout(summary)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        summary_layout.addWidget(WrapLabel(t("about.third_party", lang), bold=True))
        for key in ("about.qt", "about.fonts", "about.libraries", "about.research"):
            summary_layout.addWidget(WrapLabel(t(key, lang)))
        citation = WrapLabel(f"{source.citation} ({source.licence})")
        citation.setTextInteractionFlags(citation.textInteractionFlags() | SELECTABLE)
        italic = QFont(citation.font())
        italic.setItalic(True)
        citation.setFont(italic)
        summary_layout.addWidget(citation)
        summary_layout.addWidget(self._research_licence())
        summary_layout.addWidget(WrapLabel(source.adaptation_notice.get(lang)))
        layout.addWidget(_scrolling(summary, t("about.third_party", lang).rstrip(":")), 3)

        layout.addWidget(WrapLabel(t("about.full_texts", lang), bold=True))
        self.full_texts = QPlainTextEdit(licence_texts(self.content, lang))
        self.full_texts.setReadOnly(True)
        self.full_texts.setAccessibleName(t("about.full_texts", lang).rstrip(":"))
        # Tab moves on to the next control instead of staying in the read-only text.
        self.full_texts.setTabChangesFocus(True)
        layout.addWidget(self.full_texts, 2)
        return page

    def _research_licence(self) -> QWidget:
        """The study's licence, named and linked, which CC BY asks for beside the citation.
        The address can be selected and copied like the citation; it opens the browser only
        when the person clicks it or presses Enter on it."""
        t, lang = self.content.texts.get, self.lang
        sentence, url = t("about.research_licence", lang), t("about.research_licence_url", lang)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.research_licence = WrapLabel(sentence)
        layout.addWidget(self.research_licence)
        self.licence_link = WrapLabel()
        self.licence_link.setTextFormat(Qt.TextFormat.RichText)
        link = html.escape(url)
        self.licence_link.setText(f'<a href="{link}">{link}</a>')
        self.licence_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction | SELECTABLE
        )
        self.licence_link.setOpenExternalLinks(False)
        self.licence_link.linkActivated.connect(self.open_link)
        self.licence_link.setAccessibleName(f"{sentence} {url}")
        self.licence_link.setToolTip(url)
        layout.addWidget(self.licence_link)
        return box

    def open_link(self, url: str) -> None:
        """Hand a link to the system browser; called only from a person's click."""
        QDesktopServices.openUrl(QUrl(url))
