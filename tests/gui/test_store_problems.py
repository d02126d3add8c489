"""A damaged or foreign store file, and a bad import file: a clear message, nothing
overwritten, and the program stays usable."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QFileDialog

from solo_check.gui.window import create_window
from solo_check.store import STORE_FILE, Store

from ..conftest import EXAMPLES


def _window(qtbot):
    window = create_window()
    qtbot.addWidget(window)
    window.show()
    return window


def test_damaged_store_is_put_aside_and_the_person_is_told(qtbot, home, content):
    home.mkdir()
    garbage = b"SQLite format 3\x00" + bytes(range(256)) * 40
    (home / STORE_FILE).write_bytes(garbage)
    window = _window(qtbot)
    assert window.notice.isVisible()
    message = window.notice.label.text()
    kept = [p for p in home.iterdir() if p.name.startswith(STORE_FILE + ".damaged")]
    assert len(kept) == 1
    assert str(kept[0]) in message
    assert "beschädigt" in message
    assert kept[0].read_bytes() == garbage
    window.start_new()  # still usable: a new check starts and is stored
    assert window.session is not None
    window.session.set(
        "age_band",
        window.content.questionnaire.options(window.content.questionnaire.questions["age_band"])[
            0
        ].id,
    )
    reopened, moved = Store.open()
    assert moved is None
    assert reopened.load(window.session.id).values["age_band"]
    reopened.close()


def test_foreign_database_is_never_overwritten(qtbot, home):
    home.mkdir()
    foreign = home / STORE_FILE
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    con.execute("INSERT INTO invoices (amount) VALUES (1234.5)")
    con.commit()
    con.close()
    before = foreign.read_bytes()
    window = _window(qtbot)
    kept = [p for p in home.iterdir() if p.name.startswith(STORE_FILE + ".foreign")]
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert str(kept[0]) in window.notice.label.text()
    check = sqlite3.connect(kept[0])
    assert check.execute("SELECT amount FROM invoices").fetchall() == [(1234.5,)]
    check.close()


def test_bad_import_file_changes_nothing(qtbot, home, tmp_path, monkeypatch):
    bad = tmp_path / "antworten.json"
    bad.write_text('{"schema_version": 1, "questionnaire": {"id": "solo_check"', encoding="utf-8")
    window = _window(qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.import_answers()
    message = window.notice.label.text()
    assert "antworten.json" in message and "nichts verändert" in message
    assert "JSON" in message
    assert window.store.history() == [] and window.store.unfinished() is None
    assert window.stack.currentWidget() is window.welcome


def test_good_import_becomes_a_new_assessment_with_its_result(qtbot, home, monkeypatch):
    example = EXAMPLES / "plumber-solid-reserves.json"
    window = _window(qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(example), ""))
    window.import_answers()
    assert window.stack.currentWidget() is window.results
    history = window.store.history()
    assert len(history) == 1 and history[0].situation == "stay_alert"
