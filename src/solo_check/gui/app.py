"""Starting the desktop app: QApplication with the bundled font, icon and Qt translations."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from ..paths import resource

# Regular and bold draw the first page; the oblique faces (the About dialog's citation)
# are registered once it is shown (`finish_setup`).
FIRST_PAGE_FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
LATER_FONT_FILES = ("DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
FONT_FILES = FIRST_PAGE_FONT_FILES + LATER_FONT_FILES
FONT_FAMILY = "DejaVu Sans"
# The id of the .desktop file (packaging/linux): Wayland compositors match windows to it
# for their icon and name in the dock.
DESKTOP_FILE_NAME = "io.github.solo_check.SoloCheck"
ICON = "icons/solo-check.svg"
_FINISHED = "solo_check_setup_finished"  # application property: `finish_setup` has run


def setup_application(app: QApplication) -> None:
    """Everything `solo-check` sets up on the application: the bundled font as the
    application font, style, names and icon (what `run` does before and after the first
    paint, at once)."""
    setup_first_page(app)
    finish_setup(app)


def setup_first_page(app: QApplication) -> None:
    """What the first page needs before it is painted: the bundled font, style and names.

    Without system fonts Qt draws empty boxes; with the bundled font the app looks
    the same on every machine.
    """
    for name in FIRST_PAGE_FONT_FILES:
        QFontDatabase.addApplicationFont(str(resource(f"fonts/{name}")))
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
    app.setFont(font)
    # One calm look on every system; Fusion draws focus frames clearly.
    app.setStyle("Fusion")
    app.setApplicationName("solo-check")
    app.setApplicationDisplayName("Solo-Check")
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)


def finish_setup(app: QApplication) -> None:
    """The rest, once the first page is on screen: the oblique faces, which it does not
    use, and the window icon (an SVG: loading it loads Qt's SVG icon engine). Runs once."""
    if app.property(_FINISHED):
        return
    app.setProperty(_FINISHED, True)
    for name in LATER_FONT_FILES:
        QFontDatabase.addApplicationFont(str(resource(f"fonts/{name}")))
    app.setWindowIcon(QIcon(str(resource(ICON))))


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
    setup_first_page(app)  # `start` calls `finish_setup` after the first paint
    from .window import start

    return start(app)
