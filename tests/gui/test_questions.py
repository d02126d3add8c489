"""The question widgets: one per question type, driven like a person would drive them."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from solo_check.answers import Problem
from solo_check.gui.question_types import (
    AllocationWidget,
    ChoiceWidget,
    MonthWidget,
    MultiWidget,
    NumberWidget,
    OccupationWidget,
    TextWidget,
    parse_number,
)
from solo_check.gui.questions import QuestionWidget, make_question_widget

from ..conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def _make(qtbot, content, qid: str, lang: str = "de") -> QuestionWidget:
    widget = make_question_widget(content, content.questionnaire.questions[qid], lang)
    qtbot.addWidget(widget)
    widget.setFixedWidth(560)
    return widget


def _shown(qtbot, content, qid: str, lang: str = "de") -> QuestionWidget:
    widget = _make(qtbot, content, qid, lang)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


class Recorder:
    """Every signal a question widget emits, in order."""

    def __init__(self, widget: QuestionWidget):
        self.events: list[tuple[str, object]] = []
        widget.answer_changed.connect(lambda v: self.events.append(("answer", v)))
        widget.declined.connect(lambda: self.events.append(("declined", None)))
        widget.cleared.connect(lambda: self.events.append(("cleared", None)))

    @property
    def last(self) -> tuple[str, object] | None:
        return self.events[-1] if self.events else None


def _error(content, key: str, lang: str, **params) -> str:
    return Problem("", key, params).render(content, lang)


# --------------------------------------------------------------------------- every question


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_question_gets_a_widget(qtbot, content, lang):
    for qid, question in content.questionnaire.questions.items():
        widget = _make(qtbot, content, qid, lang)
        assert widget.question is question
        assert widget.value() is None
        assert widget.problems() == []
        texts = [label.text() for label in widget.findChildren(type(widget._heading))]
        assert question.text.get(lang) in texts


def _example_values():
    for path in EXAMPLE_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for qid, value in data["answers"].items():
            yield pytest.param(qid, value, id=f"{path.stem}-{qid}")


@pytest.mark.parametrize(("qid", "value"), list(_example_values()))
def test_set_value_round_trip_and_emits_nothing(qtbot, content, qid, value):
    widget = _make(qtbot, content, qid)
    events = Recorder(widget)
    widget.set_value(value)
    assert widget.value() == value
    assert widget.problems() == []
    widget.set_value(None, declined=True)
    assert widget.is_declined()
    widget.set_value(value)
    assert not widget.is_declined()
    widget.set_language("en")
    assert widget.value() == value
    assert events.events == []


def test_every_type_is_covered_by_the_examples(content):
    types = {
        content.questionnaire.questions[qid].type
        for path in EXAMPLE_FILES
        for qid in json.loads(path.read_text(encoding="utf-8"))["answers"]
    }
    assert types == {
        "single",
        "multi",
        "scale",
        "number",
        "month",
        "occupation",
        "allocation",
        "text",
    }


# --------------------------------------------------------------------------- choice and scale


def _focused(qtbot, widget: QuestionWidget) -> QWidget:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.focus_input()
    focus = widget.focusWidget()
    assert focus is not None
    return focus


def test_single_choice_by_keyboard(qtbot, content):
    widget = _shown(qtbot, content, "employees")
    assert isinstance(widget, ChoiceWidget)
    events = Recorder(widget)
    first = _focused(qtbot, widget)
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert events.last == ("answer", "none")
    qtbot.keyClick(widget.focusWidget(), Qt.Key.Key_Down)
    assert events.last == ("answer", "minijob")
    assert widget.value() == "minijob"
    assert widget.focusWidget().accessibleName() == "Nur Minijobber*innen"


def test_scale_by_keyboard_and_clear(qtbot, content):
    widget = _shown(qtbot, content, "digcomp_information")
    events = Recorder(widget)
    first = _focused(qtbot, widget)
    qtbot.keyClick(first, Qt.Key.Key_Space)
    for _ in range(2):
        qtbot.keyClick(widget.focusWidget(), Qt.Key.Key_Down)
    assert events.last == ("answer", "confident")
    clear = widget.findChild(QWidget, "clear_choice")
    assert clear.isVisible()
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert events.last == ("cleared", None)
    assert widget.value() is None
    assert not clear.isVisible()


def test_clicking_the_wrapped_label_chooses_the_option(qtbot, content):
    widget = _shown(qtbot, content, "before_start")
    events = Recorder(widget)
    row = widget._rows["education"]
    qtbot.mouseClick(row.label, Qt.MouseButton.LeftButton)
    assert events.last == ("answer", "education")
    assert row.label.wordWrap()


# --------------------------------------------------------------------------- multi


def test_multi_exclusive_option(qtbot, content):
    widget = _shown(qtbot, content, "account_security")
    assert isinstance(widget, MultiWidget)
    events = Recorder(widget)
    options = [o.id for o in content.questionnaire.options(widget.question)]
    regular = [o for o in options if o != "none"]
    qtbot.mouseClick(widget._rows[regular[0]].button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(widget._rows[regular[1]].button, Qt.Key.Key_Space)
    assert events.last == ("answer", regular[:2])
    qtbot.keyClick(widget._rows["none"].button, Qt.Key.Key_Space)
    assert events.last == ("answer", ["none"])
    assert not widget._rows[regular[0]].button.isChecked()
    qtbot.keyClick(widget._rows[regular[2]].button, Qt.Key.Key_Space)
    assert events.last == ("answer", [regular[2]])
    assert not widget._rows["none"].button.isChecked()
    qtbot.keyClick(widget._rows[regular[2]].button, Qt.Key.Key_Space)
    assert events.last == ("cleared", None)


def test_multi_max_choices(qtbot, content):
    question = content.questionnaire.questions["learning_topics"].model_copy(
        update={"max_choices": 2}
    )
    widget = make_question_widget(content, question, "de")
    qtbot.addWidget(widget)
    widget.show()
    events = Recorder(widget)
    rows = list(widget._rows.values())
    qtbot.keyClick(rows[0].button, Qt.Key.Key_Space)
    qtbot.keyClick(rows[3].button, Qt.Key.Key_Space)
    assert events.last == ("answer", [question_id(widget, 0), question_id(widget, 3)])
    assert not rows[1].button.isEnabled()
    qtbot.keyClick(rows[1].button, Qt.Key.Key_Space)
    assert widget.value() == [question_id(widget, 0), question_id(widget, 3)]
    assert "bis zu 2 Antworten" in widget._limit.text()
    qtbot.keyClick(rows[0].button, Qt.Key.Key_Space)
    assert rows[1].button.isEnabled()


def question_id(widget: MultiWidget, index: int) -> str:
    return list(widget._rows)[index]


# --------------------------------------------------------------------------- number


def test_number_typed_german_comma(qtbot, content):
    widget = _shown(qtbot, content, "reserve_months")
    assert isinstance(widget, NumberWidget)
    events = Recorder(widget)
    qtbot.keyClicks(widget._edit, "1,5")
    assert events.last == ("answer", 1.5)
    assert widget.problems() == []
    widget._edit.clear()
    qtbot.keyClicks(widget._edit, "1")
    assert events.last == ("answer", 1)
    assert widget._unit.text() == content.questionnaire.questions["reserve_months"].unit_one.de
    qtbot.keyClick(widget._edit, Qt.Key.Key_Backspace)
    assert events.last == ("cleared", None)


def test_number_out_of_range_is_shown_and_still_emitted(qtbot, content):
    widget = _shown(qtbot, content, "hours_per_week")
    events = Recorder(widget)
    qtbot.keyClicks(widget._edit, "120")
    assert events.last == ("answer", 120)
    expected = _error(content, "out_of_range", "de", found="120", min="0", max="80")
    assert widget.problems() == [expected]
    assert widget._problem.isVisible()
    assert expected in widget._problem.text()
    widget.set_language("en")
    english = _error(content, "out_of_range", "en", found="120", min="0", max="80")
    assert english in widget._problem.text()


def test_number_not_whole_and_not_a_number(qtbot, content):
    widget = _shown(qtbot, content, "hours_per_week")
    events = Recorder(widget)
    qtbot.keyClicks(widget._edit, "2.5")
    assert events.last == ("answer", 2.5)
    assert widget.problems() == [_error(content, "expected_whole_number", "de")]
    widget._edit.clear()
    events.events.clear()
    qtbot.keyClicks(widget._edit, "zwei")
    assert ("answer", "zwei") not in events.events
    assert widget.problems() == [_error(content, "expected_number", "de")]
    assert widget._problem.isVisible()


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1,5", 1.5),
        ("1.5", 1.5),
        (" 12 ", 12),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("-3", -3),
        (",5", 0.5),
        ("", None),
        ("1,2,3", None),
        ("abc", None),
        ("1e5", None),
    ],
)
def test_parse_number(typed, number):
    assert parse_number(typed) == number


# --------------------------------------------------------------------------- month


def test_month_by_keyboard(qtbot, content):
    widget = _shown(qtbot, content, "start_month")
    assert isinstance(widget, MonthWidget)
    events = Recorder(widget)
    qtbot.keyClicks(widget._year, "2015")
    assert events.events == []
    assert widget.problems() == [content.texts.get("questions.month_missing", "de")]
    widget._month.setFocus()
    for _ in range(3):
        qtbot.keyClick(widget._month, Qt.Key.Key_Down)
    assert events.last == ("answer", "2015-03")
    assert widget.problems() == []


def test_month_from_a_file_outside_the_list(qtbot, content):
    widget = _make(qtbot, content, "start_month")
    widget.set_value("1925-11")
    assert widget.value() == "1925-11"


# --------------------------------------------------------------------------- occupation


# The completion popup makes the offscreen platform say it cannot raise windows or grab the
# keyboard; both are missing features of that test platform, not faults of the widget.
popup_noise = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def _completions(widget: OccupationWidget) -> list[str]:
    model = widget._completer.completionModel()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


@popup_noise
def test_occupation_found_by_synonym_and_chosen_by_keyboard(qtbot, content):
    widget = _shown(qtbot, content, "occupation")
    assert isinstance(widget, OccupationWidget)
    events = Recorder(widget)
    occ = next(o for o in content.occupations.occupations if o.synonyms)
    synonym = next(
        w.strip()
        for w in occ.synonyms.de.split(",")
        if w.strip().isascii() and occ.title.de.casefold() not in w.casefold()
    )
    _focused(qtbot, widget)
    qtbot.keyClicks(widget._edit, synonym)
    assert occ.title.de in _completions(widget)
    assert events.events == []
    popup = widget._completer.popup()
    qtbot.waitUntil(popup.isVisible)
    row = _completions(widget).index(occ.title.de)
    for _ in range(row + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert events.last == ("answer", occ.id)
    assert widget._edit.text() == occ.title.de
    assert widget.problems() == []


@popup_noise
def test_occupation_found_without_accents(qtbot, content):
    widget = _shown(qtbot, content, "occupation")
    occ = next(o for o in content.occupations.occupations if "ü" in o.title.de)
    query = occ.title.de.replace("ü", "ue").split("*")[0][:8]
    qtbot.keyClicks(widget._edit, query)
    assert occ.title.de in _completions(widget)


@popup_noise
def test_occupation_enter_takes_the_single_match_and_other_is_possible(qtbot, content):
    widget = _shown(qtbot, content, "occupation")
    events = Recorder(widget)
    qtbot.keyClicks(widget._edit, "xyzzy")
    assert widget.problems() == [
        content.texts.get("questions.occupation_no_match", "de", query="xyzzy")
    ]
    qtbot.keyClick(widget._other_box, Qt.Key.Key_Space)
    assert events.last == ("answer", "other")
    assert widget._edit.text() == ""
    assert widget.problems() == []
    qtbot.keyClick(widget._other_box, Qt.Key.Key_Space)
    assert events.last == ("cleared", None)


@popup_noise
def test_occupation_typing_over_a_choice_keeps_it_until_another_is_chosen(qtbot, content):
    widget = _shown(qtbot, content, "occupation")
    events = Recorder(widget)
    widget.set_value("translator")
    widget._edit.selectAll()
    qtbot.keyClicks(widget._edit, "Tisch")
    assert widget.value() == "translator"
    assert events.events == []
    assert "Tisch" in widget.problems()[0]
    qtbot.keyClicks(widget._edit, "ler")
    qtbot.keyClick(widget._edit, Qt.Key.Key_Return)
    assert events.last[0] == "answer"
    assert content.occupations.by_id[events.last[1]].title.de.startswith("Tischler")


# --------------------------------------------------------------------------- allocation


def test_allocation_live_sum_until_100(qtbot, content):
    widget = _shown(qtbot, content, "task_allocation")
    assert isinstance(widget, AllocationWidget)
    events = Recorder(widget)
    spins = widget.spin_boxes()
    spins["writing"].lineEdit().selectAll()
    qtbot.keyClicks(spins["writing"], "80")
    assert events.last == ("answer", {"writing": 80})
    assert widget._sum.text() == "Summe: 80 % von 100 %. Es fehlen noch 20 %."
    assert widget.problems() == [_error(content, "allocation_sum", "de", total="80")]
    spins["admin"].lineEdit().selectAll()
    qtbot.keyClicks(spins["admin"], "30")
    assert events.last == ("answer", {"writing": 80, "admin": 30})
    assert "10 % zu viel" in widget._sum.text()
    spins["admin"].lineEdit().selectAll()
    qtbot.keyClicks(spins["admin"], "15")
    qtbot.keyClick(spins["admin"], Qt.Key.Key_Up)  # a step is 5
    assert events.last == ("answer", {"writing": 80, "admin": 20})
    assert widget.problems() == []
    assert not widget._problem.isVisible()
    assert "Die Summe stimmt" in widget._sum.text()
    widget.set_language("en")
    assert widget._sum.text() == "Sum: 100% of 100%. The sum is right."


# --------------------------------------------------------------------------- text


def test_text_keeps_newlines_and_never_truncates(qtbot, content):
    widget = _shown(qtbot, content, "occupation_other")
    assert isinstance(widget, TextWidget)
    events = Recorder(widget)
    qtbot.keyClicks(widget._edit, "Klang")
    qtbot.keyClick(widget._edit, Qt.Key.Key_Return)
    qtbot.keyClicks(widget._edit, "tueftler")
    assert events.last == ("answer", "Klang\ntueftler")
    widget._edit.insertPlainText("x" * 500)  # a paste far beyond max_length (200)
    assert len(events.last[1]) == 514
    assert widget.problems() == [_error(content, "text_too_long", "de", length=514, max=200)]
    assert "514 von höchstens 200 Zeichen" in widget._counter.text()


def test_tab_leaves_the_text_field(qtbot, content):
    widget = _shown(qtbot, content, "notes")
    edit = _focused(qtbot, widget)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert widget._edit.toPlainText() == ""
    assert widget.focusWidget() is widget._decline_box


# --------------------------------------------------------------------------- shared parts


@pytest.mark.parametrize(
    "qid", ["federal_state", "account_security", "hours_per_week", "task_allocation", "notes"]
)
def test_prefer_not_to_say_greys_the_input_and_undoes(qtbot, content, qid):
    widget = _shown(qtbot, content, qid)
    events = Recorder(widget)
    qtbot.keyClick(widget._decline_box, Qt.Key.Key_Space)
    assert events.last == ("declined", None)
    assert not widget._input.isEnabled()
    assert widget.is_declined()
    qtbot.keyClick(widget._decline_box, Qt.Key.Key_Space)
    assert events.last == ("cleared", None)
    assert widget._input.isEnabled()


def test_prefer_not_to_say_brings_back_the_answer_on_screen(qtbot, content):
    widget = _shown(qtbot, content, "hours_per_week")
    widget.set_value(120)
    events = Recorder(widget)
    qtbot.keyClick(widget._decline_box, Qt.Key.Key_Space)
    assert widget.problems() == []
    assert not widget._problem.isVisible()
    qtbot.keyClick(widget._decline_box, Qt.Key.Key_Space)
    assert events.events == [("declined", None), ("answer", 120)]
    assert widget._problem.isVisible()


def test_why_toggles_with_f1_from_the_input(qtbot, content):
    widget = _shown(qtbot, content, "hours_per_week")
    why = content.questionnaire.questions["hours_per_week"].why.de
    assert not widget._why.isVisible()
    qtbot.keyClick(_focused(qtbot, widget), Qt.Key.Key_F1)
    assert widget._why.isVisible()
    assert widget._why.text() == why
    qtbot.keyClick(widget._edit, Qt.Key.Key_F1)
    assert not widget._why.isVisible()
    qtbot.mouseClick(widget._why_button, Qt.MouseButton.LeftButton)
    assert widget._why.isVisible()


@pytest.mark.parametrize("qid", ["federal_state", "task_allocation", "occupation", "start_month"])
def test_f1_works_from_every_kind_of_input(qtbot, content, qid):
    widget = _shown(qtbot, content, qid)
    qtbot.keyClick(_focused(qtbot, widget), Qt.Key.Key_F1)
    assert widget.why_visible()


def test_set_language_switches_visible_texts(qtbot, content):
    widget = _shown(qtbot, content, "largest_client_share")
    widget.set_value(150)
    question = widget.question
    before = _visible_texts(widget)
    assert question.text.de in before
    assert "Möchte ich nicht sagen" in before
    widget.set_language("en")
    after = _visible_texts(widget)
    assert question.text.en in after
    assert "Prefer not to say" in after
    assert question.unit.en in after
    assert not set(before) & set(after) - {""}


def _visible_texts(widget: QWidget) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in widget.findChildren(QAbstractButton) if w.isVisible()]
    return [t for t in texts if t]


def test_every_control_has_an_accessible_name(qtbot, content):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
    )

    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit)
    for lang in ("de", "en"):
        for qid in content.questionnaire.questions:
            widget = _make(qtbot, content, qid, lang)
            for kind in kinds:
                for control in widget.findChildren(kind):
                    if isinstance(control, QLineEdit) and isinstance(
                        control.parent(), QAbstractSpinBox | QComboBox
                    ):
                        continue  # the editor inside a spin box; the box carries the name
                    assert control.accessibleName(), (qid, lang, control)


# --------------------------------------------------------------------------- layout and focus


def _cut_off(widget: QWidget) -> list[str]:
    """Visible labels whose text does not fit the height they were given."""
    from PySide6.QtWidgets import QLabel

    cut = []
    for label in widget.findChildren(QLabel):
        shown = label.isVisibleTo(widget) and label.text() and label.wordWrap()
        if shown and label.heightForWidth(label.width()) > label.height() + 1:
            cut.append(label.text()[:50])
    return cut


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_question_fits_560_px_with_longer_texts(qtbot, content, stretched_texts, lang):
    for qid in content.questionnaire.questions:
        widget = _make(qtbot, content, qid, lang)
        widget.toggle_why()
        widget.show()
        assert widget.minimumSizeHint().width() <= 560, qid
        widget.setFixedHeight(widget.heightForWidth(560))
        qtbot.waitExposed(widget)
        assert _cut_off(widget) == [], qid
        for child in widget.findChildren(QWidget):
            if child.isVisibleTo(widget):
                right = child.mapTo(widget, child.rect().topRight()).x()
                assert right <= 560, (qid, child)
        widget.close()


def test_focus_is_visible_on_option_rows(qtbot, content):
    widget = _shown(qtbot, content, "employees")
    _focused(qtbot, widget)
    first = next(iter(widget._rows.values()))
    assert first.shows_focus()
    qtbot.keyClick(first.button, Qt.Key.Key_Down)
    assert not first.shows_focus()
    assert list(widget._rows.values())[1].shows_focus()


def test_tab_order_follows_reading_order(qtbot, content):
    widget = _shown(qtbot, content, "federal_state")
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget._why_button.setFocus()
    order = [widget.focusWidget()]
    for _ in range(3):
        qtbot.keyClick(order[-1], Qt.Key.Key_Tab)
        order.append(widget.focusWidget())
    first = widget._rows["bw"].button
    # the group of 17 radio buttons is one Tab stop; arrows move inside it
    assert order[:3] == [widget._why_button, first, widget._decline_box]
    widget.set_value("sn")
    widget._why_button.setFocus()
    qtbot.keyClick(widget._why_button, Qt.Key.Key_Tab)
    assert widget.focusWidget() is widget._rows["sn"].button
    qtbot.keyClick(widget.focusWidget(), Qt.Key.Key_Tab)
    assert widget.focusWidget() is widget.findChild(QWidget, "clear_choice")
