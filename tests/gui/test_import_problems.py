"""Importing an answers file in the window that is a FIFO, /dev/zero or holds a number of
5001 digits: the window says what is wrong, right away, and nothing is changed. Only the
file dialog is replaced (it would wait for a person)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from ..test_answers_huge_number import answers_with_a_huge_number
from ..test_answers_special_files import fifo_with_a_writer

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


def import_from(window, monkeypatch, path: Path) -> str:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.import_answers()
    return window.notice.label.text()


def assert_nothing_changed(window) -> None:
    assert window.store.history() == [] and window.store.unfinished() is None
    assert window.stack.currentWidget() is window.welcome


@posix_only
def test_a_fifo_is_refused_at_once(open_window, content, tmp_path, monkeypatch):
    window = open_window()
    with fifo_with_a_writer(tmp_path) as fifo:
        message = import_from(window, monkeypatch, fifo)
    assert content.texts.get("answers.error.not_regular", "de", path=fifo) in message
    assert_nothing_changed(window)


@posix_only
def test_dev_zero_is_refused_without_reading_it(open_window, content, monkeypatch):
    window = open_window()
    message = import_from(window, monkeypatch, Path("/dev/zero"))
    assert content.texts.get("answers.error.not_regular", "de", path="/dev/zero") in message
    assert_nothing_changed(window)


def test_a_number_of_5001_digits_is_named_like_bad_json(
    open_window, content, tmp_path, monkeypatch
):
    window = open_window()
    path = tmp_path / "antworten.json"
    path.write_text(answers_with_a_huge_number(5001), encoding="utf-8")
    message = import_from(window, monkeypatch, path)
    assert content.texts.get("answers.error.number_too_long", "de", digits=5001) in message
    assert "antworten.json" in message
    assert_nothing_changed(window)
