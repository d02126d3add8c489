"""Fixtures for the window tests: the real QApplication set up as the app does it."""

from __future__ import annotations

import pytest

from solo_check.gui.app import setup_application


@pytest.fixture(scope="session", autouse=True)
def gui_app(qapp):
    """The application with the bundled font and icon, as `solo-check` starts it."""
    setup_application(qapp)
    return qapp


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh user data folder for the store, settings and exports of one test."""
    folder = tmp_path / "home"
    monkeypatch.setenv("SOLO_CHECK_HOME", str(folder))
    return folder


@pytest.fixture
def no_network(monkeypatch):
    """Fail on any attempt to open a network connection; returns the list of attempts."""
    import socket

    attempts: list[object] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise AssertionError(f"network connection attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    return attempts


@pytest.fixture
def stretched_texts(monkeypatch):
    """Every text of the content 50 % longer, as a long translation would be."""
    from solo_check.content import Text

    original = Text.get

    def longer(self, lang):
        text = original(self, lang)
        words = text.replace("{", "").replace("}", "").split()
        extra = " ".join(words)[: len(text) // 2]
        return f"{text} {extra}" if extra else text

    monkeypatch.setattr(Text, "get", longer)
    return longer


def visible_texts(root) -> list[str]:
    """The texts a person sees in a widget tree: labels, buttons, list items, table cells."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QTableWidget

    texts: list[str] = []
    for label in root.findChildren(QLabel):
        if label.isVisibleTo(root) and label.text():
            texts.append(label.text())
    for button in root.findChildren(QAbstractButton):
        if button.isVisibleTo(root) and button.text():
            texts.append(button.text())
    for view in root.findChildren(QListWidget):
        if view.isVisibleTo(root):
            texts += [view.item(i).text() for i in range(view.count())]
    for table in root.findChildren(QTableWidget):
        if table.isVisibleTo(root):
            for col in range(table.columnCount()):
                header = table.horizontalHeaderItem(col)
                if header is not None:
                    texts.append(header.text())
    return texts


@pytest.fixture
def open_window(qtbot, home):
    """Start the app as `solo-check` does (store in `home`) and wait until it has focus."""
    from PySide6.QtWidgets import QApplication

    from solo_check.gui.window import create_window

    def start():
        window = create_window()
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    return start


def put_example(content, name: str, *, finished_days_ago: int | None = None):
    """Put an example's answers into the store (of SOLO_CHECK_HOME) as an unfinished check,
    or as one finished that many days ago with its situation. Returns (id, answers)."""
    import datetime as dt

    from solo_check.answers import read_answers
    from solo_check.scoring import score
    from solo_check.store import Store

    from ..conftest import EXAMPLES

    answers = read_answers(EXAMPLES / name, content)
    answers.finished_at = None
    store, _ = Store.open()
    new_id = store.create(answers)
    if finished_days_ago is not None:
        situation = score(content, answers, dt.date(2026, 11, 27)).situation
        when = dt.datetime.now(dt.UTC) - dt.timedelta(days=finished_days_ago)
        store.finish(new_id, situation, when.replace(microsecond=0))
    store.close()
    return new_id, answers
