"""Starting the desktop app: QApplication with the bundled font, icon and Qt translations."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from ..paths import resource

FONT_FILES = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
)
FONT_FAMILY = "DejaVu Sans"


def setup_application(app: QApplication) -> None:
    """Register the bundled font as the application font and set name and icon.

    Without system fonts Qt draws empty boxes; with the bundled font the app looks
    the same on every machine.
    """
    for name in FONT_FILES:
        QFontDatabase.addApplicationFont(str(resource(f"fonts/{name}")))
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
    app.setFont(font)
    # One calm look on every system; Fusion draws focus frames clearly.
    app.setStyle("Fusion")
    app.setApplicationName("solo-check")
    app.setApplicationDisplayName("Solo-Check")
    app.setWindowIcon(QIcon(str(resource("icons/solo-check.svg"))))


_translators: list[QTranslator] = []


def install_qt_translations(app: QApplication, lang: str) -> None:
    """Let Qt's own dialogs (file, print, message boxes) speak the chosen language."""
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.German), "qtbase", "_", folder):
        app.installTranslator(translator)
        _translators.append(translator)


def run(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    setup_application(app)
    from .window import start

    return start(app)
