"""The input of each question type: choice, multiple choice, scale, number, month,
time allocation and free text (the occupation search is in question_occupation.py).

Each class adds its controls to a `QuestionWidget` and reports the person's changes
through `_user_changed`; the base class turns them into signals and problem lines.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..answers import normalise
from ..content import Option
from ..explain import percent
from .question_occupation import OccupationWidget
from .questions import ChoiceRow, QuestionWidget, WrapLabel

__all__ = [
    "AllocationWidget",
    "ChoiceWidget",
    "MonthWidget",
    "MultiWidget",
    "NumberWidget",
    "OccupationWidget",
    "TextWidget",
]


class _NoWheelUnlessFocused(QObject):
    """Scrolling the page must not change a spin box or combo box the pointer passes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        wheel = event.type() == QEvent.Type.Wheel
        if wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()
            return True
        return False


def _guard_wheel(widget: QWidget, guard: QObject) -> None:
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(guard)


# --------------------------------------------------------------------------- single / scale


class ChoiceWidget(QuestionWidget):
    """One answer from a list: radio buttons with wrapping labels in an exclusive group.

    Also used for scales: their options are ordered, and a labelled list keeps long
    scale labels readable where a row of five columns would not fit 560 px. Arrow keys
    move between the options, Space chooses.
    """

    def _build(self, layout: QVBoxLayout) -> None:
        self._options: list[Option] = self.content.questionnaire.options(self.question)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._rows: dict[str, ChoiceRow] = {}
        for option in self._options:
            button = QRadioButton()
            button.setObjectName(f"option_{option.id}")
            row = ChoiceRow(button)
            self._group.addButton(button)
            self._rows[option.id] = row
            layout.addWidget(row)
        _show_retired(self._options, self._rows, [])
        self._group.buttonClicked.connect(lambda _button: self._chosen())
        self._update_tab_stop()
        self._clear = QPushButton()
        self._clear.setObjectName("clear_choice")
        self._clear.setFlat(True)
        self._clear.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._clear.clicked.connect(self._clear_clicked)
        self._clear.hide()
        layout.addWidget(self._clear, 0, Qt.AlignmentFlag.AlignLeft)

    def _retranslate(self) -> None:
        description = self.question.text.get(self.lang)
        for option in self._options:
            extra = f" {option.help.get(self.lang)}" if option.help else ""
            self._rows[option.id].set_text(option.label.get(self.lang), description + extra)
        self._clear.setText(self._text("clear_choice"))
        self._clear.setAccessibleName(self._text("clear_choice"))
        self._clear.setAccessibleDescription(self.question.label.get(self.lang))

    def _chosen(self) -> None:
        self._clear.setVisible(self.value() is not None)
        self._update_tab_stop()
        self._user_changed()

    def _clear_clicked(self) -> None:
        self._uncheck_all()
        self._user_changed()
        self._first_input().setFocus(Qt.FocusReason.OtherFocusReason)

    def _uncheck_all(self) -> None:
        checked = self._group.checkedButton()
        if checked is not None:
            # an exclusive group refuses to uncheck its last button
            self._group.setExclusive(False)
            checked.setChecked(False)
            self._group.setExclusive(True)
        self._clear.hide()
        self._update_tab_stop()

    def _update_tab_stop(self) -> None:
        # Tab enters the group once, at the chosen option or, with none chosen, at the
        # first; arrow keys move inside the group (as in every desktop program).
        stop = self._first_input()
        for row in self._rows.values():
            policy = Qt.FocusPolicy.StrongFocus if row.button is stop else Qt.FocusPolicy.ClickFocus
            row.button.setFocusPolicy(policy)

    def _show(self, value: Any | None) -> None:
        row = self._rows.get(value) if isinstance(value, str) else None
        _show_retired(self._options, self._rows, [value])
        if row is None:
            self._uncheck_all()
        else:
            row.button.setChecked(True)
            self._clear.show()
            self._update_tab_stop()

    def value(self) -> str | None:
        for option_id, row in self._rows.items():
            if row.button.isChecked():
                return option_id
        return None

    def _first_input(self) -> QWidget:
        checked = self._group.checkedButton()
        return checked if checked is not None else self._rows[self._options[0].id].button

    def buttons(self) -> dict[str, QRadioButton]:
        return {oid: row.button for oid, row in self._rows.items()}


def _show_retired(options: list[Option], rows: dict[str, Any], chosen: list[Any]) -> None:
    """An option no longer offered stays visible only while it is the answer (an older
    check gave it), so the person sees what they answered and can change it."""
    for option in options:
        if option.retired:
            rows[option.id].setVisible(option.id in chosen)


# --------------------------------------------------------------------------- multi


class MultiWidget(QuestionWidget):
    """Several answers: check boxes. An exclusive option ("none of these") unticks the
    others and is unticked by them; at max_choices the remaining boxes are disabled."""

    def _build(self, layout: QVBoxLayout) -> None:
        self._options = self.content.questionnaire.options(self.question)
        self._exclusive = {o.id for o in self._options if o.exclusive}
        self._rows: dict[str, ChoiceRow] = {}
        self._order: list[str] = []  # ticked ids in the order they were given or ticked
        for option in self._options:
            box = QCheckBox()
            box.setObjectName(f"option_{option.id}")
            row = ChoiceRow(box)
            box.clicked.connect(lambda checked, oid=option.id: self._ticked(oid, checked))
            self._rows[option.id] = row
            layout.addWidget(row)
        _show_retired(self._options, self._rows, [])
        self._limit = WrapLabel()
        self._limit.setVisible(self.question.max_choices is not None)
        layout.addWidget(self._limit)

    def _retranslate(self) -> None:
        question_text = self.question.text.get(self.lang)
        for option in self._options:
            description = question_text
            if option.help:
                description += " " + option.help.get(self.lang)
            if option.id in self._exclusive:
                description += " " + self._text("exclusive_description")
            self._rows[option.id].set_text(option.label.get(self.lang), description)
        if self.question.max_choices is not None:
            self._limit.setText(self._text("max_choices", max=self.question.max_choices))

    def _ticked(self, option_id: str, checked: bool) -> None:
        if checked:
            if option_id in self._exclusive:
                drop = [o for o in self._order if o != option_id]
            else:
                drop = [o for o in self._order if o in self._exclusive]
            for other in drop:
                self._rows[other].button.setChecked(False)
                self._order.remove(other)
            if option_id not in self._order:
                self._order.append(option_id)
        elif option_id in self._order:
            self._order.remove(option_id)
        self._apply_limit()
        self._user_changed()

    def _apply_limit(self) -> None:
        limit = self.question.max_choices
        full = limit is not None and len(self._order) >= limit
        for option_id, row in self._rows.items():
            row.setEnabled(not full or option_id in self._order)

    def _show(self, value: Any | None) -> None:
        chosen = value if isinstance(value, list) else []
        _show_retired(self._options, self._rows, chosen)
        self._order = [v for v in chosen if v in self._rows]
        for option_id, row in self._rows.items():
            row.button.setChecked(option_id in self._order)
        self._apply_limit()

    def value(self) -> list[str] | None:
        return list(self._order) or None

    def _first_input(self) -> QWidget:
        return self._rows[self._options[0].id].button


# --------------------------------------------------------------------------- number

_NUMBER_RE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$")


def parse_number(text: str) -> float | int | None:
    """A number typed as people write it: "1,5" (German) or "1.5" (English).

    Where both separators occur ("1.234,5" or "1,234.5") the last one is the decimal
    mark and the other groups thousands. None if the text is not a number.
    """
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", text)
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    else:
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER_RE.match(cleaned):
        return None
    number = float(cleaned)
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def format_number(value: float, lang: str) -> str:
    """A stored number for the input field: no trailing zeros, decimal comma in German."""
    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return text.replace(".", ",") if lang == "de" else text


class NumberWidget(QuestionWidget):
    """A number with its unit. A line edit, not a spin box: a spin box would silently
    clamp 120 to 80, while the person should see that 120 is out of range."""

    def _build(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        row.setSpacing(8)
        self._edit = QLineEdit()
        self._edit.setObjectName("number")
        width = self._edit.fontMetrics().horizontalAdvance("0" * 10) + 24
        self._edit.setMaximumWidth(width)
        self._edit.setMinimumWidth(width // 2)
        self._edit.textEdited.connect(lambda _text: self._user_changed())
        self._edit.editingFinished.connect(self._tidy)
        row.addWidget(self._edit, 0, Qt.AlignmentFlag.AlignTop)
        self._unit = WrapLabel()
        self._unit.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self._unit, 1)
        layout.addLayout(row)
        self._range = WrapLabel()
        self._range.setObjectName("hint")
        layout.addWidget(self._range)

    def _tidy(self) -> None:
        # After typing, show the number the way it is stored ("007" -> "7").
        value = self.value()
        if value is not None and not self._edit.isModified():
            return
        if value is not None:
            self._edit.setText(format_number(value, self.lang))

    def _retranslate(self) -> None:
        q = self.question
        assert q.min is not None and q.max is not None
        key = "number_range_whole" if q.integer else "number_range"
        low, high = format_number(q.min, self.lang), format_number(q.max, self.lang)
        self._range.setText(self._text(key, min=low, max=high))
        self._edit.setAccessibleName(q.label.get(self.lang))
        self._edit.setAccessibleDescription(f"{q.text.get(self.lang)} {self._range.text()}".strip())
        value = self.value()
        if value is not None:
            self._edit.setText(format_number(value, self.lang))

    def _update_status(self) -> None:
        q = self.question
        assert q.unit is not None
        unit = q.unit_one if self.value() == 1 and q.unit_one else q.unit
        self._unit.setText(unit.get(self.lang))

    def _show(self, value: Any | None) -> None:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        self._edit.setText(format_number(value, self.lang) if ok else "")

    def value(self) -> int | float | None:
        return parse_number(self._edit.text())

    def _pending(self) -> bool:
        return bool(self._edit.text().strip()) and self.value() is None

    def _input_problems(self) -> list[str]:
        if self._pending():
            return [self._error("expected_number")]
        return []

    def _error(self, key: str) -> str:
        return self.content.texts.get(f"answers.error.{key}", self.lang)

    def _first_input(self) -> QWidget:
        return self._edit


# --------------------------------------------------------------------------- month


class MonthWidget(QuestionWidget):
    """A month as "YYYY-MM": one combo box for the month, one for the year."""

    FIRST_YEAR = 1940

    def _build(self, layout: QVBoxLayout) -> None:
        guard = _NoWheelUnlessFocused(self)
        row = QHBoxLayout()
        row.setSpacing(8)
        self._month = QComboBox()
        self._month.setObjectName("month")
        self._year = QComboBox()
        self._year.setObjectName("year")
        for combo in (self._month, self._year):
            _guard_wheel(combo, guard)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.activated.connect(lambda _index: self._user_changed())
        self._month.addItem("", None)
        for month in range(1, 13):
            self._month.addItem("", month)
        self._year.addItem("", None)
        for year in range(dt.date.today().year + 5, self.FIRST_YEAR - 1, -1):
            self._year.addItem(str(year), year)
        row.addWidget(self._month)
        row.addWidget(self._year)
        row.addStretch(1)
        layout.addLayout(row)

    def _retranslate(self) -> None:
        texts = self.content.texts
        self._month.setItemText(0, self._text("month_choose"))
        self._year.setItemText(0, self._text("year_choose"))
        for month in range(1, 13):
            self._month.setItemText(month, texts.get(f"date.m{month}", self.lang))
        description = self.question.text.get(self.lang)
        label = self.question.label.get(self.lang)
        self._month.setAccessibleName(f"{label}: {self._text('month')}")
        self._year.setAccessibleName(f"{label}: {self._text('year')}")
        self._month.setAccessibleDescription(description)
        self._year.setAccessibleDescription(description)

    def _show(self, value: Any | None) -> None:
        match = re.match(r"^(\d{4})-(\d{2})$", value) if isinstance(value, str) else None
        if not match or not 1 <= int(match.group(2)) <= 12:
            self._month.setCurrentIndex(0)
            self._year.setCurrentIndex(0)
            return
        year, month = int(match.group(1)), int(match.group(2))
        if self._year.findData(year) < 0:  # a year outside the list, e.g. from a file
            at = next(
                (i for i in range(1, self._year.count()) if self._year.itemData(i) < year),
                self._year.count(),
            )
            self._year.insertItem(at, str(year), year)
        self._year.setCurrentIndex(self._year.findData(year))
        self._month.setCurrentIndex(month)

    def value(self) -> str | None:
        month, year = self._month.currentData(), self._year.currentData()
        if month is None or year is None:
            return None
        return f"{year:04d}-{month:02d}"

    def _pending(self) -> bool:
        return (self._month.currentData() is None) != (self._year.currentData() is None)

    def _input_problems(self) -> list[str]:
        if self._month.currentData() is None and self._year.currentData() is not None:
            return [self._text("month_missing")]
        if self._year.currentData() is None and self._month.currentData() is not None:
            return [self._text("year_missing")]
        return []

    def _first_input(self) -> QWidget:
        return self._month


# --------------------------------------------------------------------------- allocation


class AllocationWidget(QuestionWidget):
    """How the working time splits across kinds of work: one percentage per kind and a
    live sum that says in words how far it is from 100 %."""

    def _build(self, layout: QVBoxLayout) -> None:
        guard = _NoWheelUnlessFocused(self)
        self._kinds = self.content.questionnaire.kinds_of(self.question)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 1)
        self._labels: dict[str, WrapLabel] = {}
        self._spins: dict[str, QDoubleSpinBox] = {}
        for row, kind in enumerate(self._kinds):
            label = WrapLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            spin = QDoubleSpinBox()
            spin.setObjectName(f"share_{kind.id}")
            spin.setRange(0, 100)
            spin.setDecimals(0)
            spin.setSingleStep(5)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setAccelerated(True)
            _guard_wheel(spin, guard)
            spin.valueChanged.connect(lambda _v: self._user_changed())
            label.setBuddy(spin)
            grid.addWidget(label, row, 0)
            grid.addWidget(spin, row, 1, Qt.AlignmentFlag.AlignVCenter)
            self._labels[kind.id] = label
            self._spins[kind.id] = spin
        layout.addLayout(grid)
        self._sum = WrapLabel()
        self._sum.setObjectName("sum")
        font = self._sum.font()
        font.setBold(True)
        self._sum.setFont(font)
        layout.addWidget(self._sum)

    def _retranslate(self) -> None:
        locale = QLocale(QLocale.Language.German if self.lang == "de" else QLocale.Language.English)
        suffix = " %" if self.lang == "de" else "%"
        for kind in self._kinds:
            text = kind.label.get(self.lang)
            self._labels[kind.id].setText(text)
            spin = self._spins[kind.id]
            spin.setLocale(locale)
            spin.setSuffix(suffix)
            spin.setAccessibleName(text)
            spin.setAccessibleDescription(self._text("share_description"))

    def _update_status(self) -> None:
        total = sum(spin.value() for spin in self._spins.values())
        words = [
            self._text(
                "allocation_sum",
                sum=percent(self.content, total, self.lang),
                total=percent(self.content, 100, self.lang),
            )
        ]
        rest = round(100 - total, 1)
        if rest > 0:
            words.append(
                self._text("allocation_missing", rest=percent(self.content, rest, self.lang))
            )
        elif rest < 0:
            words.append(
                self._text("allocation_over", rest=percent(self.content, -rest, self.lang))
            )
        else:
            words.append(self._text("allocation_done"))
        self._sum.setText(" ".join(words))
        self._sum.setAccessibleName(self._sum.text())

    def _show(self, value: Any | None) -> None:
        shares = value if isinstance(value, dict) else {}
        fractional = any(isinstance(v, float) and not v.is_integer() for v in shares.values())
        for kind_id, spin in self._spins.items():
            spin.setDecimals(1 if fractional else 0)
            share = shares.get(kind_id, 0)
            spin.setValue(share if isinstance(share, int | float) else 0)

    def value(self) -> dict[str, int | float] | None:
        shares = {kind_id: spin.value() for kind_id, spin in self._spins.items()}
        if not any(shares.values()):
            return None
        return normalise(self.question, shares)

    def spin_boxes(self) -> dict[str, QDoubleSpinBox]:
        return dict(self._spins)

    def _first_input(self) -> QWidget:
        return next(iter(self._spins.values()))


# --------------------------------------------------------------------------- text


class TextWidget(QuestionWidget):
    """Free text with a live character count. Nothing is cut off: text beyond
    max_length stays and the problem line says how much too long it is."""

    SHORT = 300  # up to this many characters a few lines are enough

    def _build(self, layout: QVBoxLayout) -> None:
        self._edit = QPlainTextEdit()
        self._edit.setObjectName("text")
        self._edit.setTabChangesFocus(True)  # Tab must leave the field, not insert a tab
        line = self._edit.fontMetrics().lineSpacing()
        lines = 3 if (self.question.max_length or 0) <= self.SHORT else 8
        self._edit.setMinimumHeight(line * lines + 12)
        if lines == 3:
            self._edit.setMaximumHeight(line * lines + 12)
        self._edit.textChanged.connect(self._user_changed)
        layout.addWidget(self._edit)
        self._counter = WrapLabel()
        self._counter.setObjectName("counter")
        layout.addWidget(self._counter)

    def _retranslate(self) -> None:
        self._edit.setAccessibleName(self.question.label.get(self.lang))
        self._edit.setAccessibleDescription(self.question.text.get(self.lang))

    def _update_status(self) -> None:
        self._counter.setText(
            self._text(
                "text_counter",
                length=len(self._edit.toPlainText()),
                max=self.question.max_length,
            )
        )

    def _show(self, value: Any | None) -> None:
        self._edit.setPlainText(value if isinstance(value, str) else "")

    def value(self) -> str | None:
        text = self._edit.toPlainText()
        return text if text.strip() else None

    def _first_input(self) -> QWidget:
        return self._edit


WIDGET_TYPES: dict[str, type[QuestionWidget]] = {
    "single": ChoiceWidget,
    "scale": ChoiceWidget,
    "multi": MultiWidget,
    "number": NumberWidget,
    "month": MonthWidget,
    "occupation": OccupationWidget,
    "allocation": AllocationWidget,
    "text": TextWidget,
}
