"""Finished checks are kept: they can be opened, compared, retaken and deleted."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from .conftest import put_example


def _finished(content, name: str, days_ago: int = 7) -> int:
    """Put one example into the store as a finished check, as if done earlier."""
    return put_example(content, name, finished_days_ago=days_ago)[0]


def test_a_finished_check_is_listed_and_opens_on_its_result(open_window, content):
    _finished(content, "plumber-solid-reserves.json")
    window = open_window()
    assert window.stack.currentWidget() is window.welcome
    table = window.welcome.history
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == content.occupations.by_id["plumber"].title.get("de")
    assert window.welcome.retake_button.isVisible()
    window.welcome.open_button.click()
    assert window.stack.currentWidget() is window.results
    assert window.store.history()[0].situation == "stay_alert"


def test_retake_starts_a_new_check_with_the_last_answers_and_compares(open_window, content):
    first = _finished(content, "plumber-solid-reserves.json")
    window = open_window()
    window.welcome.retake_button.click()
    assert window.stack.currentWidget() is window.questionnaire
    assert window.session.id != first
    before = window.store.load(first)
    assert window.session.answers.values == before.values
    assert window.session.answers.finished_at is None
    window.session.set("reserve_months", 0)
    window.show_results()
    previous = window._previous()
    assert previous is not None
    assert previous[0].values == before.values
    history = window.store.history()
    assert [entry.id for entry in history] == [window.session.id, first]


def test_delete_asks_first_and_keeps_the_check_when_the_person_says_keep(
    open_window, content, monkeypatch
):
    kept = _finished(content, "plumber-solid-reserves.json")
    window = open_window()
    answers_to_dialog = []

    def press(label_key):
        def exec_(box):
            answers_to_dialog.append(box.text())
            wanted = content.texts.get(label_key, "de")
            for button in box.buttons():
                if button.text() == wanted:
                    button.click()
            return 0

        return exec_

    monkeypatch.setattr(QMessageBox, "exec", press("delete.keep"))
    window.welcome.delete_button.click()
    assert answers_to_dialog == [content.texts.get("delete.question", "de")]
    assert [e.id for e in window.store.history()] == [kept]

    monkeypatch.setattr(QMessageBox, "exec", press("delete.confirm"))
    window.welcome.delete_button.click()
    QApplication.processEvents()
    assert window.store.history() == []
    assert window.welcome.history.isHidden()


def test_window_size_and_position_are_remembered(open_window):
    window = open_window()
    window.resize(912, 655)
    QApplication.processEvents()
    window.close()
    again = open_window()
    assert (again.width(), again.height()) == (912, 655)


def test_no_page_opens_a_window_of_its_own(open_window, content):
    window = open_window()
    window.start_new()
    for index in range(len(content.questionnaire.sections)):
        window.questionnaire.go_to(index)
    window.show_results()
    QApplication.processEvents()
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert shown == [window]
    assert QApplication.activeWindow() is window


def test_an_unfinished_check_stays_reachable_after_starting_another(open_window, content):
    window = open_window()
    window.start_new()
    first = window.session.id
    window.session.set("age_band", "from_30")
    window.show_welcome()
    window.start_new()
    window.show_welcome()
    table = window.welcome.history
    not_finished = content.texts.get("welcome.not_finished", "de")
    assert [table.item(r, 2).text() for r in range(table.rowCount())] == [not_finished] * 2
    table.selectRow(1)  # the older one
    window.welcome.open_button.click()
    assert window.stack.currentWidget() is window.questionnaire
    assert window.session.id == first
    assert window.session.answers.values == {"age_band": "from_30"}


def test_kept_what_if_answers_are_stored_and_shown_on_the_questions(open_window, content):
    from PySide6.QtCore import Qt

    from . import keyboard

    put_example(content, "copywriter-one-client.json")
    window = open_window()
    window.questionnaire.go_to_question("reserve_months")  # built with the old value
    window.show_results()
    before = window.results.cards["buffers"]
    shown_before = [label.text() for label in before.findChildren(type(window.notice.label))]
    spin = window.results.what_if_panel.control("reserve_months").control
    spin.setFocus()
    for _ in range(22):  # 1 month -> 12 months, half a month per key press
        keyboard.key(spin, Qt.Key.Key_Up)
    window.results.what_if_panel.keep.click()
    assert window.store.load(window.session.id).values["reserve_months"] == 12
    assert window.stack.currentWidget() is window.results
    shown_after = [label.text() for label in before.findChildren(type(window.notice.label))]
    assert shown_after != shown_before  # the real result is scored again with the kept answer
    window._jump_to_question("reserve_months")
    page = window.questionnaire.pages[window.questionnaire.current]
    assert page.widgets["reserve_months"].value() == 12


def test_looking_at_an_earlier_check_does_not_change_its_date(open_window, content):
    older = _finished(content, "plumber-solid-reserves.json", days_ago=30)
    newer = _finished(content, "yoga-teacher-no-pension.json", days_ago=7)
    window = open_window()
    dates = {e.id: e.finished_at for e in window.store.history()}
    window.open_assessment(older)
    window._show_questionnaire()
    window.questionnaire.go_to(2)
    window.show_results()
    assert {e.id: e.finished_at for e in window.store.history()} == dates
    assert [e.id for e in window.store.history()] == [newer, older]
    # Changing an answer reopens it; showing the result finishes it again, now.
    window.session.set("reserve_months", 2)
    assert [e.id for e in window.store.history()] == [newer]
    window.show_results()
    assert [e.id for e in window.store.history()] == [older, newer]
