"""Saving from the window onto something that is not an ordinary file (a FIFO here, a
device or a link alike): it is left as it is, and the window says why nothing was saved.
Only the file dialogs are replaced."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtWidgets import QFileDialog

from solo_check.gui.report_view import ReportView

from .conftest import put_example

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")


def test_save_report_as_onto_a_fifo(qtbot, content, tmp_path, monkeypatch):
    fifo = tmp_path / "bericht.pdf"
    os.mkfifo(fifo)
    view = ReportView(content)
    qtbot.addWidget(view)
    view.show_report(b"%PDF-1.4 not really", "bericht.pdf")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fifo), ""))
    view.save_button.click()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert content.texts.get("files.not_regular", "de") in view.status.text()


def test_save_answers_as_file_onto_a_fifo(open_window, content, home, tmp_path, monkeypatch):
    aid, _ = put_example(content, "plumber-solid-reserves.json", finished_days_ago=1)
    fifo = tmp_path / "antworten.json"
    os.mkfifo(fifo)
    window = open_window()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fifo), ""))
    window.export_answers(aid)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert content.texts.get("files.not_regular", "de") in window.notice.label.text()
