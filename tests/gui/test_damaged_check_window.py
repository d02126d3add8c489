"""A check damaged inside a sound store file: the window starts, names the check it set
aside, and every other check opens as before."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

from PySide6.QtCore import Qt

from solo_check.gui.window import check_name
from solo_check.store import STORE_FILE, Store

from ..conftest import ROOT
from .conftest import put_example


def damage_answer(home, assessment_id: int) -> None:
    """A stored answer cut off in the middle, as a damaged disk page leaves it."""
    conn = sqlite3.connect(home / STORE_FILE)
    conn.execute(
        "UPDATE answers SET value = substr(value, 1, 4)"
        " WHERE assessment_id = ? AND question_id = 'occupation'",
        (assessment_id,),
    )
    conn.commit()
    conn.close()


def two_finished_checks(content, home) -> tuple[int, int]:
    good, _ = put_example(content, "plumber-solid-reserves.json", finished_days_ago=30)
    bad, _ = put_example(content, "copywriter-one-client.json", finished_days_ago=3)
    damage_answer(home, bad)
    return good, bad


def set_aside_name(content, home, lang: str = "de") -> str:
    store, _ = Store.open(home / STORE_FILE)
    try:
        (check,) = store.set_aside()
    finally:
        store.close()
    return check_name(content.texts.get, check, lang)


def test_the_window_names_the_damaged_check_and_opens_the_others(open_window, content, home):
    good, bad = two_finished_checks(content, home)
    window = open_window()
    notice = window.notice.label.text()
    assert window.notice.isVisible()
    assert set_aside_name(content, home) in notice
    assert str(home / STORE_FILE) in notice  # where it is kept
    table = window.welcome.history
    assert table.rowCount() == 1 and table.item(0, 0).data(Qt.ItemDataRole.UserRole) == good
    window.open_assessment(good)
    assert window.stack.currentWidget() is window.results
    window.open_assessment(bad)  # an id from a stale list: told again, nothing breaks
    assert set_aside_name(content, home) in window.notice.label.text()
    assert window.stack.currentWidget() is window.results


def test_started_as_solo_check_the_first_page_says_so_too(content, home):
    """The real start in its own process, through the early first page: no traceback, the
    notice on the welcome page, the readable check in the list."""
    good, _bad = two_finished_checks(content, home)
    env = dict(os.environ, SOLO_CHECK_HOME=str(home), LC_ALL="C.UTF-8")
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.start_child"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    (line,) = [ln for ln in done.stdout.splitlines() if ln.startswith("SHOWN ")]
    shown = json.loads(line[len("SHOWN ") :])
    assert shown["page"] == "WelcomePage"
    assert shown["listed"] == [good]
    assert set_aside_name(content, home) in shown["notice"]


def test_an_earlier_check_with_a_value_damaged_into_nonsense_is_compared_without_it(
    open_window, content, home
):
    """A flipped bit can leave a value that is still JSON but no answer the questionnaire
    knows (a month of "2012-0u"). The earlier check is what the results and the report
    compare with: they leave that value out instead of failing on it."""
    earlier, _ = put_example(content, "plumber-solid-reserves.json", finished_days_ago=30)
    later, _ = put_example(content, "copywriter-one-client.json", finished_days_ago=3)
    conn = sqlite3.connect(home / STORE_FILE)
    conn.execute(
        "UPDATE answers SET value = '\"2012-0u\"'"
        " WHERE assessment_id = ? AND question_id = 'start_month'",
        (earlier,),
    )
    conn.commit()
    conn.close()
    window = open_window()
    window.open_assessment(later)
    assert window.stack.currentWidget() is window.results
    window.show_report()
    assert window.stack.currentWidget() is window.report_view
    window.open_assessment(earlier)  # the damaged value is shown as a problem, not scored
    assert window.stack.currentWidget() is window.results
