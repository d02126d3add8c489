"""How `solo-check` sets up the application: what the first page needs before its first
paint, the rest (oblique faces, window icon) right after it, and the desktop file's id."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from solo_check.gui import app as app_module
from solo_check.gui import window as window_module
from solo_check.gui.app import DESKTOP_FILE_NAME, FONT_FAMILY, finish_setup

ROOT = Path(__file__).resolve().parents[2]


def test_windows_carry_the_id_of_the_desktop_file():
    assert QGuiApplication.desktopFileName() == DESKTOP_FILE_NAME
    desktop = ROOT / "packaging" / "linux" / f"{DESKTOP_FILE_NAME}.desktop"
    assert desktop.is_file()


def test_every_face_of_the_bundled_font_is_there():
    styles = {style.lower() for style in QFontDatabase.styles(FONT_FAMILY)}
    assert {"book", "bold", "oblique", "bold oblique"} <= styles


def test_icon_and_oblique_faces_follow_the_first_paint_once(home, monkeypatch, capsys):
    app = QApplication.instance()
    app.setProperty(app_module._FINISHED, False)
    app.setWindowIcon(QIcon())
    monkeypatch.setenv(window_module.EXIT_WHEN_SHOWN_ENV, "1")
    fonts: list[str] = []
    add_font = QFontDatabase.addApplicationFont
    monkeypatch.setattr(
        QFontDatabase, "addApplicationFont", lambda path: fonts.append(path) or add_font(path)
    )
    seen: list[tuple[bool, bool]] = []  # (first page printed as shown, icon set) at setup

    def finish(application):
        shown = "window shown" in capsys.readouterr().out
        seen.append((shown, not application.windowIcon().isNull()))
        finish_setup(application)

    monkeypatch.setattr(window_module, "finish_setup", finish)
    assert window_module.start(app) == 0
    assert seen == [(True, False)]  # called after the first paint, before the icon was set
    assert not app.windowIcon().isNull()
    assert sorted(Path(p).name for p in fonts) == sorted(app_module.LATER_FONT_FILES)
    finish_setup(app)  # a second call changes nothing
    assert len(fonts) == len(app_module.LATER_FONT_FILES)
