"""The copy of a report opened in the PDF viewer belongs to its check: deleting the check in
the window deletes the copy, and the copies of other checks stay. The viewer itself and the
question "delete?" are replaced (they would wait for a person)."""

from __future__ import annotations

import os

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from .conftest import put_example


def open_report_copy(window, assessment_id: int, opened: list) -> None:
    window.open_assessment(assessment_id)
    window.show_report()
    window.report_view.open_button.click()
    assert opened, "the viewer was not asked to open the copy"


def test_deleting_a_check_deletes_the_copy_of_its_report(open_window, content, monkeypatch):
    kept, _ = put_example(content, "plumber-solid-reserves.json", finished_days_ago=9)
    deleted, _ = put_example(content, "copywriter-one-client.json", finished_days_ago=2)
    window = open_window()
    opened: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    open_report_copy(window, kept, opened)
    open_report_copy(window, deleted, opened)
    kept_copy, deleted_copy = (url.toLocalFile() for url in opened)
    assert deleted_copy != kept_copy

    def confirm(box):
        wanted = content.texts.get("delete.confirm", "de")
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", confirm)
    window.delete_assessment(deleted)
    assert [e.id for e in window.store.history()] == [kept]
    assert not os.path.exists(deleted_copy)
    assert os.path.exists(kept_copy)


def test_copies_made_before_they_were_kept_per_check_go_after_a_day(
    qtbot, content, home, monkeypatch
):
    """Earlier versions put every copy straight into the reports folder, tied to no check:
    opening a check's copy removes those older than a day, as it does its own."""
    import time

    from solo_check.gui.report_view import ReportView
    from solo_check.store import REPORTS_FOLDER

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    folder = home / REPORTS_FOLDER
    folder.mkdir(parents=True)
    old, recent = folder / "solo-check-bericht-2026-01-05.pdf", folder / "neu.pdf"
    for path in (old, recent):
        path.write_bytes(b"%PDF alt")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    view = ReportView(content)
    qtbot.addWidget(view)
    view.show_report(b"%PDF-1.4 not really", "bericht.pdf", folder / "7")
    view.open_button.click()
    assert (folder / "7" / "bericht.pdf").exists()
    assert not old.exists() and recent.exists()
