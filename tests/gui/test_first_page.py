"""The first page comes up before the content is validated, and the program still never
runs on content that does not validate."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from solo_check.content import load_content
from solo_check.gui import window as window_module
from solo_check.gui.window import MainWindow, first_page_window, start
from solo_check.paths import resources_dir
from solo_check.store import Store

from .conftest import put_example


def run_program(tmp_path, *python_options: str) -> list[str]:
    """`python -m solo_check` until its first page is up; stdout and stderr in order."""
    env = dict(os.environ, SOLO_CHECK_HOME=str(tmp_path / "home"), SOLO_CHECK_EXIT_WHEN_SHOWN="1")
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, *python_options, "-m", "solo_check"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    return done.stdout.splitlines()


def index(lines: list[str], pattern: str) -> int:
    return next(i for i, line in enumerate(lines) if re.search(pattern, line))


def test_the_welcome_page_is_painted_before_pydantic_is_imported(tmp_path):
    lines = run_program(tmp_path, "-X", "importtime")  # import lines go to the same pipe
    shown = index(lines, r"window shown: Solo-Check")
    pydantic = index(lines, r"\|\s+pydantic$")
    ready = index(lines, r"^solo-check: ready$")
    assert shown < pydantic < ready


def test_a_check_to_resume_opens_on_its_questionnaire(tmp_path, monkeypatch, content):
    monkeypatch.setenv("SOLO_CHECK_HOME", str(tmp_path / "home"))
    put_example(content, "translator-partly-answered.json")
    lines = run_program(tmp_path)
    assert index(lines, r"window shown: Solo-Check") < index(lines, r"^solo-check: ready$")


def test_the_list_of_earlier_checks_follows_with_the_content(qtbot, home, content):
    put_example(content, "plumber-solid-reserves.json", finished_days_ago=3)
    store, moved = Store.open()
    window = first_page_window(store, moved)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    welcome = window.welcome
    assert window.stack.currentWidget() is welcome
    assert welcome.start_button.text() == content.texts.get("welcome.start", "de")
    # No "no checks yet" while the list is still coming.
    assert not welcome.history_empty.isVisible()
    assert not welcome.history.isVisible()

    window.content_loaded(load_content())
    assert welcome.history.isVisible()
    assert welcome.history.rowCount() == 1
    occupation = welcome.history.item(0, 1).text()
    assert occupation not in ("", "—")
    window.start_new()  # everything works once the content is there
    assert window.stack.currentWidget() is window.questionnaire
    window.close()
    store.close()


@pytest.fixture
def broken_resources(tmp_path, monkeypatch):
    """A copy of the resources that the program uses instead of its own."""
    folder = tmp_path / "resources"
    shutil.copytree(resources_dir(), folder)
    monkeypatch.setattr("solo_check.paths.resources_dir", lambda: folder)
    return folder


@pytest.fixture
def messages(monkeypatch):
    """The critical messages shown, each with the main windows there were at that moment
    as (visible, enabled)."""
    shown: list[tuple[str, list[tuple[bool, bool]]]] = []

    def critical(parent, title, text, *args, **kwargs):
        windows = [
            (w.isVisible(), w.isEnabled())
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow)
        ]
        shown.append((text, windows))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return shown


def test_content_that_fails_validation_stops_the_program_after_the_first_page(
    qtbot, home, broken_resources, messages
):
    questionnaire = broken_resources / "questionnaire.toml"
    questionnaire.write_text(
        "surprise = 1\n" + questionnaire.read_text(encoding="utf-8"), encoding="utf-8"
    )
    painted: list[bool] = []
    original = window_module.MainWindow.content_loaded

    def content_loaded(self, content):  # must never happen
        painted.append(True)
        original(self, content)

    window_module.MainWindow.content_loaded = content_loaded
    try:
        code = start(QApplication.instance())
    finally:
        window_module.MainWindow.content_loaded = original
    assert code == 1
    assert painted == []
    assert len(messages) == 1
    text, windows = messages[0]
    assert "questionnaire.toml" in text and "surprise" in text
    # The first page had been shown; it went, and takes no clicks, before the message.
    assert (False, False) in windows
    assert not any(visible for visible, _ in windows)


def test_a_texts_file_that_is_not_toml_is_reported_before_any_window(
    qtbot, home, broken_resources, messages
):
    (broken_resources / "texts-app.toml").write_text("[welcome\n", encoding="utf-8")
    assert start(QApplication.instance()) == 1
    assert len(messages) == 1
    text, windows = messages[0]
    assert "texts-app.toml" in text and "TOML" in text
    assert not any(visible for visible, _ in windows)
