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
