"""The results page of the desktop app: situation, four dimension cards with their
"why", the exposure × buffers map, the action plan, pointers, the comparison with the
previous check and a "what if" panel.

The page only shows an Assessment: every sentence comes from the content texts or
from ``explain``. The one place it scores is the "what if" panel, which re-runs
``scoring.score`` on a copy of the answers; nothing is kept unless the person asks
for it (``keep_what_if_requested``), and the main window does the keeping.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

from PySide6.QtCore import QLocale, QPoint, QPointF, QRect, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QBrush,
    QDesktopServices,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..answers import Answers
from ..content import Content, Lang, Question
from ..explain import answer_text, number, signed
from ..presentation import (
    DimensionView,
    PointerView,
    Presentation,
    StepView,
    present,
)
from ..scoring import Assessment, score
from .labels import WrapLabel
from .situation_map import SituationMap

# Above this page width the map and the "what if" panel sit side by side, so the
# person sees the marker move while changing an answer.
SIDE_BY_SIDE_WIDTH = 1050

# Focus must be visible on every control. Qt's styles mark focused fields and choice
# boxes clearly, but buttons only faintly; a style sheet on fields would also replace
# their arrows, so only the buttons get a frame.
FOCUS_STYLE = """
QToolButton:focus, QPushButton:focus {
    outline: none;
    border: 2px solid palette(highlight);
    border-radius: 3px;
}
"""


def _lang(value: str) -> Lang:
    return "en" if value == "en" else "de"


# --------------------------------------------------------------------------- small parts


def _label(*, bold: bool = False, scale: float = 1.0, role: str | None = None) -> QLabel:
    label = WrapLabel(bold=bold, scale=scale)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        label.setObjectName(role)
    return label


def _button(parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(parent)
    # Enter and Return press a button that has focus, as Space does.
    button.setAutoDefault(True)
    return button


class _ExpandButton(QToolButton):
    """A disclosure button: Space, Enter and Return toggle it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setArrowType(Qt.ArrowType.RightArrow)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.toggled.connect(self._arrow)

    def _arrow(self, expanded: bool) -> None:
        self.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            event.accept()
            return
        super().keyPressEvent(event)


class Expander(QWidget):
    """A button that shows and hides the body below it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = _ExpandButton(self)
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(18, 2, 0, 2)
        self.body.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body)
        self.button.toggled.connect(self.body.setVisible)

    def set_text(self, text: str, description: str) -> None:
        self.button.setText(text)
        self.button.setAccessibleName(text)
        self.button.setAccessibleDescription(description)

    def is_expanded(self) -> bool:
        return self.button.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        self.button.setChecked(expanded)


class FlowLayout(QLayout):
    """Lays widgets out in rows, wrapping to the next row when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, row = area.x(), area.y(), 0
        gap = self.spacing()
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            width = min(hint.width(), max(area.width(), 1))
            if x + width > area.right() + 1 and row > 0:
                x, y, row = area.x(), y + row + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + gap
            row = max(row, hint.height())
        return y + row - rect.y() + m.bottom()


def _clear(layout: QLayout) -> None:
    """Remove and delete every widget of a layout (for the parts rebuilt per result)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())


def _show_new(layout: QLayout) -> None:
    """Show the widgets just added to a layout of a visible page now, not only after the
    next event loop turn, so what the page says is complete the moment it returns."""
    for widget in _walk(layout):
        if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
            widget.show()


def _walk(layout: QLayout) -> Iterator[QWidget]:
    """The widgets of a layout tree in layout order, which is the reading order."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget()
        if widget is not None:
            yield widget
            if widget.layout() is not None:
                yield from _walk(widget.layout())
        elif item.layout() is not None:
            yield from _walk(item.layout())


# --------------------------------------------------------------------------- dimension card


class ScoreBar(QWidget):
    """A 0-100 bar under the score, with the band limits marked. It repeats what the
    number and the band name say, for a quick look. Where a high score is a warning
    (exposure) the bar is hatched instead of filled, so the two directions differ in
    shape, not colour alone; a provisional score is drawn as an outline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._score: int | None = None
        self._limits: list[float] = []
        self._warning = False
        self._provisional = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_score(
        self,
        score: int | None,
        limits: list[float],
        warning: bool = False,
        provisional: bool = False,
    ) -> None:
        self._score, self._limits = score, limits
        self._warning, self._provisional = warning, provisional
        self.update()

    def is_warning(self) -> bool:
        return self._warning

    def sizeHint(self) -> QSize:
        return QSize(200, 14)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 14)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        track = QRectF(0.5, 3.5, self.width() - 1.0, self.height() - 7.0)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRect(track)
        if self._score is not None:
            filled = QRectF(
                track.left(), track.top(), track.width() * self._score / 100, track.height()
            )
            colour = palette.color(QPalette.ColorRole.Highlight)
            if self._provisional:
                pen = QPen(colour, 1.5, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(filled)
            elif self._warning:
                painter.fillRect(filled, QBrush(colour, Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(colour, 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(filled)
            else:
                painter.fillRect(filled, colour)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 1))
        for limit in self._limits:
            x = track.left() + track.width() * limit / 100
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        painter.end()


class DimensionCard(QFrame):
    """One dimension as the presentation words it: score, direction, meaning, confidence,
    and "why this score" (the gaps first, then what counts in the person's favour)."""

    def __init__(self, content: Content, dimension_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._content = content
        self.dimension_id = dimension_id
        self.setObjectName("dimensionCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("whatIf", False)
        self.name = _label(bold=True, scale=1.15)
        self.score = _label(bold=True, scale=1.4, role="score")
        self.bar = ScoreBar(self)
        self.direction = _label(role="direction")
        self.what_if = _label(role="whatIfNote")
        self.what_if.setVisible(False)
        self.meaning = _label()
        self.short = _label(role="short")
        self.answered = _label()
        self.why = Expander(self)
        self.why_lines = QVBoxLayout()
        self.why_lines.setSpacing(3)
        self.lines: list[QLabel] = []  # headings and lines; extras are hidden
        self.strengthen = _label()
        self.why.body_layout.addLayout(self.why_lines)
        self.why.body_layout.addWidget(self.strengthen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        for widget in (
            self.name,
            self.score,
            self.bar,
            self.direction,
            self.what_if,
            self.meaning,
            self.short,
            self.answered,
            self.why,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_view(self, view: DimensionView, baseline: DimensionView | None, lang: Lang):
        """Show a dimension; ``baseline`` is the real one when this one is a what-if."""
        t = self._content.texts
        dim = self._content.questionnaire.dimensions[self.dimension_id]
        self.name.setText(view.name)
        self.score.setText(view.score_text)
        self.bar.set_score(
            view.score,
            [b.below for b in dim.bands if b.below is not None],
            warning=view.higher_is == "warning",
            provisional=view.provisional,
        )
        self.direction.setText(view.direction)
        self.meaning.setText(view.meaning)
        self.short.setText(view.short)
        self.answered.setText(view.status)
        what_if = baseline is not None
        if baseline is not None:
            self.what_if.setText(t.get("results.cards.what_if", lang, score=baseline.score_text))
        self.what_if.setVisible(what_if)
        if self.property("whatIf") != what_if:
            self.setProperty("whatIf", what_if)
            self.style().unpolish(self)
            self.style().polish(self)
        self.why.set_text(
            t.get("results.cards.why", lang),
            t.get("results.cards.why_description", lang, name=view.name),
        )
        texts: list[tuple[str, bool]] = []
        for heading, lines in (
            (view.concerns_heading, view.concerns),
            (view.strengths_heading, view.strengths),
        ):
            if lines:
                texts.append((heading, True))
                texts += [("• " + line.text, False) for line in lines]
        if not texts:
            texts.append((t.get("results.cards.no_contributions", lang), False))
        if view.more:
            texts.append((view.more, False))
        if view.source:
            texts.append((view.source, False))
        self._show_lines(texts)
        self.strengthen.setText(t.get("results.cards.strengthen", lang, text=view.strengthen))
        self.setAccessibleName(
            t.get(
                "results.cards.accessible",
                lang,
                name=view.name,
                score=view.score_text,
                direction=view.direction,
            )
        )

    def _show_lines(self, texts: list[tuple[str, bool]]) -> None:
        """The "why" lines, one label each (headings bold). The labels are kept and
        reused: every "what if" change shows new lines, and making them anew each time
        cost a frame. Labels beyond the lines needed are hidden (and skipped by the
        screen reader and Tab)."""
        while len(self.lines) < len(texts):
            line = _label()
            self.lines.append(line)
            self.why_lines.addWidget(line)
        for line, (text, bold) in zip(self.lines, texts, strict=False):
            if line.text() != text:
                line.setText(text)
            if line.font().bold() != bold:
                font = line.font()
                font.setBold(bold)
                line.setFont(font)
            if line.isHidden():
                line.show()
        for line in self.lines[len(texts) :]:
            if not line.isHidden():
                line.hide()

    def line_texts(self) -> list[str]:
        """The "why" lines shown now, in order (headings included)."""
        return [line.text() for line in self.lines if not line.isHidden()]


# --------------------------------------------------------------------------- what if


class _NumberSpin(QDoubleSpinBox):
    """A number field that writes numbers as people do (1,5 in German; no trailing ,0)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang: Lang = "de"

    def textFromValue(self, value: float) -> str:
        return number(value, self.lang)


class WhatIfControl(QWidget):
    """One key answer to try out: the question's label, a control built from its
    options or range, and the person's real answer."""

    changed = Signal()

    def __init__(self, content: Content, question: Question, parent: QWidget | None = None):
        super().__init__(parent)
        self._content = content
        self.question = question
        self._lang: Lang = "de"
        self._real: Any = None
        self._declined = False
        self.label = _label(bold=True)
        self.unit = _label()
        self.real = _label(role="realAnswer")
        self.control: QComboBox | QSpinBox | _NumberSpin
        if question.type == "number":
            if question.integer:
                spin: QSpinBox | _NumberSpin = QSpinBox(self)
                spin.setSingleStep(1)
            else:
                spin = _NumberSpin(self)
                spin.setDecimals(1)
                spin.setSingleStep(0.5)
            spin.setMaximum(question.max or 0)
            spin.setMinimum(question.min or 0)
            spin.setKeyboardTracking(True)
            spin.valueChanged.connect(self._changed)
            self.control = spin
        else:
            combo = QComboBox(self)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
            combo.currentIndexChanged.connect(self._changed)
            self.control = combo
        self.label.setBuddy(self.control)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        if question.type == "number":
            self.control.setMinimumWidth(120)
            row.addWidget(self.control, 0)
            row.addWidget(self.unit, 1)
        else:
            self.control.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            row.addWidget(self.control, 3)
            row.addWidget(self.unit, 0)
            row.addStretch(1)
        if question.type != "number":
            self.unit.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addWidget(self.real)

    # The sentinel of a number field without a real answer: one step below the range,
    # shown as "not answered".
    def _sentinel(self) -> float:
        spin = self.control
        assert isinstance(spin, QSpinBox | QDoubleSpinBox)
        return (self.question.min or 0) - spin.singleStep()

    def load(self, real: Any, declined: bool = False) -> None:
        """Show the person's real answer (None: not answered) without emitting."""
        self._real = real
        self._declined = declined
        self.control.blockSignals(True)
        try:
            if isinstance(self.control, QComboBox):
                self._fill_combo()
            else:
                spin = self.control
                low = self.question.min or 0
                spin.setMinimum(low if real is not None else self._sentinel())
                spin.setValue(real if real is not None else self._sentinel())
        finally:
            self.control.blockSignals(False)
        self._refresh()

    def reset(self) -> None:
        self.load(self._real, self._declined)

    def value(self) -> Any:
        """The value shown; None when it stands at "not answered"."""
        if isinstance(self.control, QComboBox):
            return self.control.currentData()
        value = self.control.value()
        if self._real is None and value <= self._sentinel():
            return None
        if self.question.integer or float(value).is_integer():
            return round(value)
        return float(value)

    def set_value(self, value: Any) -> None:
        """Set the control (emits ``changed`` like a person's change)."""
        if isinstance(self.control, QComboBox):
            index = self.control.findData(value)
            self.control.setCurrentIndex(index)
        else:
            self.control.setValue(value)

    def is_changed(self) -> bool:
        value = self.value()
        return value is not None and value != self._real

    def set_language(self, lang: str) -> None:
        self._lang = _lang(lang)
        if isinstance(self.control, QComboBox):
            self.control.blockSignals(True)
            try:
                self._fill_combo(keep=self.control.currentData())
            finally:
                self.control.blockSignals(False)
        else:
            locale = QLocale(
                QLocale.Language.English if self._lang == "en" else QLocale.Language.German
            )
            self.control.setLocale(locale)
            if isinstance(self.control, _NumberSpin):
                self.control.lang = self._lang
            self.control.setSpecialValueText(
                self._content.texts.get("common.not_answered", self._lang)
                if self._real is None
                else ""
            )
            # Re-render the number in the new language's format.
            self.control.blockSignals(True)
            value = self.control.value()
            self.control.setValue(value + 1 if value < self.control.maximum() else value - 1)
            self.control.setValue(value)
            self.control.blockSignals(False)
        self._refresh()

    def _fill_combo(self, keep: Any = "__real__") -> None:
        combo = self.control
        assert isinstance(combo, QComboBox)
        current = self._real if keep == "__real__" else keep
        combo.clear()
        if self._real is None:
            combo.addItem(self._content.texts.get("common.not_answered", self._lang), None)
        for option in self._content.questionnaire.options(self.question):
            if option.retired and option.id != self._real:
                continue  # no longer offered; kept only where it is the real answer
            combo.addItem(option.label.get(self._lang), option.id)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, index))

    def _changed(self) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        content, lang, question = self._content, self._lang, self.question
        t = content.texts
        label = question.label.get(lang)
        self.label.setText(label)
        self.control.setAccessibleName(label)
        self.control.setAccessibleDescription(question.text.get(lang))
        if question.type == "number":
            value = self.value()
            unit = question.unit_one if value == 1 and question.unit_one else question.unit
            self.unit.setText(unit.get(lang) if unit else "")
            if isinstance(self.control, QSpinBox | QDoubleSpinBox) and self._real is None:
                self.control.setSpecialValueText(t.get("common.not_answered", lang))
            elif isinstance(self.control, QSpinBox | QDoubleSpinBox):
                self.control.setSpecialValueText("")
        if self._real is not None:
            answer = answer_text(content, question, self._real, lang)
        elif self._declined:
            answer = t.get("common.declined", lang)
        else:
            answer = t.get("common.not_answered", lang)
        self.real.setText(t.get("results.what_if.your_answer", lang, answer=answer))


class WhatIfPanel(QFrame):
    """Try out a few key answers; keep them or reset."""

    changed = Signal()
    keep_requested = Signal()

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._content = content
        self._lang: Lang = "de"
        self.setObjectName("whatIfPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = _label(bold=True, scale=1.3)
        self.intro = _label()
        # The key answers a person can try out, listed in questionnaire.toml
        # (scoring.what_if.questions; check-content makes sure each exists).
        questions = content.questionnaire.questions
        self.controls = [
            WhatIfControl(content, questions[qid], self)
            for qid in content.questionnaire.scoring.what_if.questions
        ]
        self.summary_title = _label(bold=True)
        self.summary = _label(role="whatIfSummary")
        self.keep = _button(self)
        self.reset = _button(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        for control in self.controls:
            layout.addWidget(control)
            control.changed.connect(self._changed)
        layout.addWidget(self.summary_title)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep)
        buttons.addWidget(self.reset)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.keep.clicked.connect(self.keep_requested)
        self.reset.clicked.connect(self.reset_controls)
        self._update_buttons()

    def load(self, answers: Answers) -> None:
        for control in self.controls:
            qid = control.question.id
            declined = qid in answers.declined
            control.load(None if declined else answers.values.get(qid), declined)
        self._update_buttons()

    def changes(self) -> dict[str, Any]:
        """The answers the person changed here, by question id."""
        return {c.question.id: c.value() for c in self.controls if c.is_changed()}

    def control(self, question_id: str) -> WhatIfControl:
        return next(c for c in self.controls if c.question.id == question_id)

    def reset_controls(self) -> None:
        for control in self.controls:
            control.reset()
        self._changed()

    def set_language(self, lang: str) -> None:
        self._lang = _lang(lang)
        t, lang = self._content.texts, self._lang
        self.heading.setText(t.get("results.what_if.heading", lang))
        self.intro.setText(t.get("results.what_if.intro", lang))
        for button, key in ((self.keep, "keep"), (self.reset, "reset")):
            button.setText(t.get(f"results.what_if.{key}", lang))
            button.setAccessibleName(button.text())
            button.setAccessibleDescription(t.get(f"results.what_if.{key}_description", lang))
        for control in self.controls:
            control.set_language(lang)

    def show_summary(self, title: str, lines: list[str]) -> None:
        self.summary_title.setText(title)
        self.summary_title.setVisible(bool(title))
        self.summary.setText("\n".join(lines))
        self.summary.setVisible(bool(lines))

    def _changed(self) -> None:
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        changed = any(c.is_changed() for c in self.controls)
        self.keep.setEnabled(changed)
        self.reset.setEnabled(changed)


# --------------------------------------------------------------------------- the page


class ResultsPage(QWidget):
    """Everything the person learns from one assessment, in reading order. The words all
    come from the presentation (``presentation.py``); this page lays them out."""

    report_requested = Signal()  # "View report"
    question_requested = Signal(str)  # a missing question was chosen: jump there
    keep_what_if_requested = Signal(dict)  # {question_id: value} to keep

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._content = content
        self._lang: Lang = "de"
        self._answers: Answers | None = None
        self._assessment: Assessment | None = None
        self._previous: tuple[Answers, Assessment] | None = None
        self._today: dt.date | None = None
        self._what_if: Assessment | None = None
        self._presentation: Presentation | None = None
        self._what_if_presentation: Presentation | None = None
        # What the parts rebuilt per result were last built from: the same result shown
        # again (back from the questionnaire, say) keeps their widgets.
        self._built: dict[str, Any] = {}
        self.setStyleSheet(
            FOCUS_STYLE
            + """
            QFrame#dimensionCard, QFrame#whatIfPanel, QFrame#section, QFrame#deadlines {
                border: 1px solid palette(mid); border-radius: 6px;
            }
            QFrame#deadlines { border: 2px solid palette(window-text); }
            QFrame#dimensionCard[whatIf="true"] { border: 2px dashed palette(highlight); }
            QLabel { border: none; }
            """
        )

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.body = QWidget()
        self.body.setObjectName("resultsBody")
        self.scroll.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(10)

        # Header: title, date, occupation, situation and the report button.
        self.title = _label(bold=True, scale=1.6)
        self.report_button = _button()
        self.report_button.clicked.connect(self.report_requested)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        self.as_of = _label()
        self.content_old = _label(bold=True, role="contentOld")
        layout.addWidget(self.as_of)
        layout.addWidget(self.content_old)
        self.situation = _label(bold=True, scale=1.3, role="situation")
        self.situation_summary = _label(role="situationSummary")
        self.situation_note = _label(role="situationNote")
        layout.addWidget(self.situation)
        layout.addWidget(self.situation_summary)
        layout.addWidget(self.situation_note)

        # Every running deadline with its date: the one thing that cannot wait.
        self.deadlines_box = QFrame()
        self.deadlines_box.setObjectName("deadlines")
        deadlines_layout = QVBoxLayout(self.deadlines_box)
        self.deadlines_heading = _label(bold=True)
        self.deadlines_text = _label(role="deadlines")
        deadlines_layout.addWidget(self.deadlines_heading)
        deadlines_layout.addWidget(self.deadlines_text)
        self.deadlines_box.setVisible(False)
        layout.addWidget(self.deadlines_box)

        # The plan: the first steps, then the rest one click away.
        self.actions_heading = _label(bold=True, scale=1.3)
        layout.addWidget(self.actions_heading)
        self.actions_layout = QVBoxLayout()
        self.actions_layout.setSpacing(8)
        layout.addLayout(self.actions_layout)
        self.more_steps = Expander()
        self.more_steps_layout = QVBoxLayout()
        self.more_steps_layout.setSpacing(8)
        self.more_steps.body_layout.addLayout(self.more_steps_layout)
        layout.addWidget(self.more_steps)

        # Open questions, each a button that leads to the question.
        self.missing_box = QFrame()
        self.missing_box.setObjectName("section")
        missing_layout = QVBoxLayout(self.missing_box)
        self.missing_note = _label(bold=True, role="missingNote")
        self.missing_hint = _label()
        self.missing_list = Expander()
        self.missing_flow = FlowLayout()
        self.missing_list.body_layout.addLayout(self.missing_flow)
        missing_layout.addWidget(self.missing_note)
        missing_layout.addWidget(self.missing_hint)
        missing_layout.addWidget(self.missing_list)
        self.missing_box.setVisible(False)
        layout.addWidget(self.missing_box)

        # The four dimension cards.
        self.cards_heading = _label(bold=True, scale=1.3)
        self.cards_intro = _label()
        layout.addWidget(self.cards_heading)
        layout.addWidget(self.cards_intro)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.cards: dict[str, DimensionCard] = {}
        for i, dim in enumerate(content.questionnaire.scoring.dimensions):
            card = DimensionCard(content, dim.id)
            self.cards[dim.id] = card
            grid.addWidget(card, i // 2, i % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

        # The map and, beside or below it, the "what if" panel.
        self.map_row = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.map_row.setSpacing(12)
        map_column = QVBoxLayout()
        self.map_heading = _label(bold=True, scale=1.3)
        self.map_intro = _label()
        self.map = SituationMap(content)
        self.map.setMaximumWidth(680)
        self.map_text = _label(role="mapText")
        self.legend = _label(role="legend")
        map_column.addWidget(self.map_heading)
        map_column.addWidget(self.map_intro)
        map_column.addWidget(self.map)
        map_column.addWidget(self.map_text)
        map_column.addWidget(self.legend)
        map_column.addStretch(1)
        self.what_if_panel = WhatIfPanel(content)
        self.what_if_panel.changed.connect(self._what_if_changed)
        self.what_if_panel.keep_requested.connect(self._keep_what_if)
        self.map_row.addLayout(map_column, 3)
        self.map_row.addWidget(self.what_if_panel, 2, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(self.map_row)

        # Compared with the previous check.
        self.compare_box = QFrame()
        self.compare_box.setObjectName("section")
        compare_layout = QVBoxLayout(self.compare_box)
        self.compare_heading = _label(bold=True, scale=1.3)
        self.compare_situation = _label(bold=True)
        self.compare_lines = _label(role="compareLines")
        for widget in (self.compare_heading, self.compare_situation, self.compare_lines):
            compare_layout.addWidget(widget)
        self.compare_box.setVisible(False)
        layout.addWidget(self.compare_box)

        # The pointers: the first few, the rest one click away.
        self.pointers_heading = _label(bold=True, scale=1.3)
        self.pointers_intro = _label()
        layout.addWidget(self.pointers_heading)
        layout.addWidget(self.pointers_intro)
        self.pointers_layout = QVBoxLayout()
        self.pointers_layout.setSpacing(8)
        layout.addLayout(self.pointers_layout)
        self.more_pointers = Expander()
        self.more_pointers_layout = QVBoxLayout()
        self.more_pointers_layout.setSpacing(8)
        self.more_pointers.body_layout.addLayout(self.more_pointers_layout)
        layout.addWidget(self.more_pointers)

        # Footer: what this is not, and that nothing left the computer.
        self.not_advice = _label()
        self.offline = _label()
        self.report_button_bottom = _button()
        self.report_button_bottom.clicked.connect(self.report_requested)
        layout.addSpacing(6)
        layout.addWidget(self.not_advice)
        layout.addWidget(self.offline)
        layout.addWidget(self.report_button_bottom, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

        self.set_language(self._lang)

    # ------------------------------------------------------------------ public API

    def show_assessment(
        self,
        answers: Answers,
        assessment: Assessment,
        previous: tuple[Answers, Assessment] | None,
        today: dt.date,
    ) -> None:
        """Show one assessment (and how it compares with the previous one)."""
        self._answers = answers
        self._assessment = assessment
        self._previous = previous
        self._today = today
        self._what_if = None
        self._what_if_presentation = None
        self._presentation = None
        self.what_if_panel.load(answers)
        self._render()
        self.scroll.verticalScrollBar().setValue(0)

    def presentation(self) -> Presentation | None:
        """What the page shows now (without what-if answers)."""
        return self._presentation

    def set_language(self, lang: str) -> None:
        """Set every visible text again in ``lang`` ("de" or "en")."""
        self._lang = _lang(lang)
        t, lang = self._content.texts, self._lang
        self.scroll.setAccessibleName(t.get("results.page_name", lang))
        self.title.setText(t.get("results.title", lang))
        for button in (self.report_button, self.report_button_bottom):
            button.setText(t.get("results.view_report", lang))
            button.setAccessibleName(button.text())
            button.setAccessibleDescription(t.get("results.view_report_description", lang))
        self.deadlines_heading.setText(t.get("results.deadlines.heading", lang))
        self.cards_heading.setText(t.get("results.cards.heading", lang))
        self.cards_intro.setText(t.get("results.cards.intro", lang))
        self.map_heading.setText(t.get("results.map.heading", lang))
        self.map_intro.setText(t.get("results.map.intro", lang))
        self.pointers_heading.setText(t.get("results.pointers.heading", lang))
        self.pointers_intro.setText(t.get("results.pointers.intro", lang))
        self.missing_hint.setText(t.get("results.missing.hint", lang))
        self.missing_list.set_text(
            t.get("results.missing.show", lang), t.get("results.missing.show_description", lang)
        )
        self.more_steps.set_text(
            t.get("results.actions.more", lang), t.get("results.actions.more_description", lang)
        )
        self.more_pointers.set_text(
            t.get("results.pointers.more", lang),
            t.get("results.pointers.more_description", lang),
        )
        self.map.set_language(lang)
        self.what_if_panel.set_language(lang)
        self._presentation = None
        self._what_if_presentation = None
        self._render()

    # ------------------------------------------------------------------ rendering

    def _present(
        self, assessment: Assessment, answers: Answers, levers: bool = True
    ) -> Presentation:
        return present(
            self._content, answers, assessment, self._lang, self._previous, levers=levers
        )

    def _render(self) -> None:
        assessment = self._assessment
        has_result = assessment is not None
        for widget in (self.as_of, self.situation, self.situation_summary):
            widget.setVisible(has_result)
        if assessment is None or self._answers is None:
            self.content_old.setVisible(False)
            self.situation_note.setVisible(False)
            self._legend()
            return
        if self._presentation is None:
            self._presentation = self._present(assessment, self._answers)
        pres = self._presentation
        t, lang = self._content.texts, self._lang
        as_of = f"{pres.as_of} · {pres.content_checked_text}"
        if pres.occupation:
            as_of += " · " + t.get("results.occupation", lang, occupation=pres.occupation)
        self.as_of.setText(as_of)
        self.content_old.setText(pres.content_old_text or "")
        self.content_old.setVisible(bool(pres.content_old_text))
        self.situation.setText(pres.situation.heading)
        self.situation_summary.setText(pres.situation.summary)
        self.situation_summary.setVisible(True)
        self.situation_note.setText(pres.situation.provisional_note or "")
        self.situation_note.setVisible(bool(pres.situation.provisional_note))
        self.deadlines_text.setText("\n".join(d.text for d in pres.deadlines))
        self.deadlines_box.setVisible(bool(pres.deadlines))
        self.not_advice.setText(pres.not_advice)
        self.offline.setText(pres.offline)
        self._render_scores()
        self._render_compare(pres)
        rebuilt = False
        for layouts, render in (
            ((self.missing_flow,), self._render_missing),
            ((self.actions_layout, self.more_steps_layout), self._render_actions),
            ((self.pointers_layout, self.more_pointers_layout), self._render_pointers),
        ):
            if render(pres):
                for layout in layouts:
                    _show_new(layout)
                rebuilt = True
        self._legend()
        if rebuilt:
            self._fix_tab_order()

    def _unchanged(self, part: str, *source: Any) -> bool:
        """True if ``part`` was last built from the same ``source`` (and language)."""
        key = (self._lang, *source)
        if self._built.get(part) == key:
            return True
        self._built[part] = key
        return False

    def _render_missing(self, pres: Presentation) -> bool:
        """The open questions; False if they are the ones shown already."""
        t, lang = self._content.texts, self._lang
        questions = self._content.questionnaire.questions
        missing = list(pres.missing)
        self.missing_box.setVisible(bool(missing))
        if self._unchanged("missing", tuple(missing)):
            return False
        expanded = self.missing_list.is_expanded()
        _clear(self.missing_flow)
        if not missing:
            return True
        self.missing_note.setText(pres.missing_text or "")
        for qid in missing:
            label = questions[qid].label.get(lang)
            button = _button()
            button.setText(label)
            button.setAccessibleName(t.get("results.missing.jump_name", lang, label=label))
            button.setAccessibleDescription(t.get("results.missing.jump_description", lang))
            button.setProperty("questionId", qid)
            button.clicked.connect(lambda _=False, q=qid: self.question_requested.emit(q))
            self.missing_flow.addWidget(button)
        # A short list is shown at once; a long one waits behind its button so that
        # keyboard users do not tab through dozens of questions to reach the scores.
        count = len(missing)
        self.missing_list.button.setVisible(count > 6)
        self.missing_list.set_expanded(expanded or count <= 6)
        return True

    def _render_scores(self) -> None:
        """Cards, map and "what if" summary: the real result or the what-if one."""
        assessment, pres = self._assessment, self._presentation
        if assessment is None or pres is None:
            return
        t, lang = self._content.texts, self._lang
        shown = pres
        if self._what_if is not None and self._answers is not None:
            if self._what_if_presentation is None:
                self._what_if_presentation = self._present(
                    self._what_if, self._trial_answers(), levers=False
                )
            shown = self._what_if_presentation
        real = {v.id: v for v in pres.dimensions}
        for view in shown.dimensions:
            baseline = real[view.id]
            changed = self._what_if is not None and baseline.score != view.score
            self.cards[view.id].show_view(view, baseline if changed else None, lang)
        previous = self._previous[1] if self._previous else None
        self.map.set_positions(
            assessment.position,
            assessment.situation,
            previous.position if previous else None,
            previous.situation if previous else None,
            provisional=assessment.provisional,
        )
        if self._what_if is not None:
            self.map.set_what_if(self._what_if.position, self._what_if.situation)
        else:
            self.map.set_what_if(None, None)
        self.map_text.setText(self.map.description())
        # The "what if" summary says in words what moved.
        if self._what_if is None:
            self.what_if_panel.show_summary("", [t.get("results.what_if.unchanged", lang)])
        else:
            lines = self._change_lines(assessment, self._what_if)
            old, new = assessment.situation, self._what_if.situation
            if old == new:
                lines.append(
                    t.get("results.what_if.situation_same", lang, name=self._situation_name(new))
                )
            else:
                lines.append(
                    t.get(
                        "results.what_if.situation_changed",
                        lang,
                        old=self._situation_name(old),
                        new=self._situation_name(new),
                    )
                )
            self.what_if_panel.show_summary(t.get("results.what_if.changed", lang), lines)
        self._legend()

    def _render_compare(self, pres: Presentation) -> None:
        comparison = pres.comparison
        self.compare_box.setVisible(comparison is not None)
        if comparison is None:
            return
        self.compare_heading.setText(comparison.heading)
        self.compare_situation.setText(comparison.situation_line)
        self.compare_lines.setText("\n".join(comparison.lines))

    def _render_actions(self, pres: Presentation) -> bool:
        """The plan: the first steps, the rest behind "all steps"; False if unchanged."""
        key = tuple((s.id, s.when, tuple(r.text for r in s.reasons)) for s in pres.all_steps)
        self.actions_heading.setText(pres.steps_heading)
        if self._unchanged("actions", key, pres.steps_empty):
            return False
        _clear(self.actions_layout)
        _clear(self.more_steps_layout)
        if pres.steps_empty:
            none = _label(role="stepsEmpty")
            none.setText(pres.steps_empty)
            self.actions_layout.addWidget(none)
            for fact in pres.general_facts:
                line = _label(role="generalFact")
                line.setText("• " + fact)
                self.actions_layout.addWidget(line)
        for step in pres.steps:
            self.actions_layout.addWidget(self._step_box(step))
        for step in pres.more_steps:
            self.more_steps_layout.addWidget(self._step_box(step))
        self.more_steps.setVisible(bool(pres.more_steps))
        return True

    def _step_box(self, step: StepView) -> QFrame:
        t, lang = self._content.texts, self._lang
        box = QFrame()
        box.setObjectName("action")
        box.setProperty("stepId", step.id)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        title = _label(bold=True, role="stepTitle")
        title.setText(t.get("results.actions.title", lang, number=step.number, title=step.title))
        when = _label(bold=step.hard_deadline, role="stepWhen")
        when.setText(t.get("results.actions.timeframe", lang, timeframe=step.when))
        widgets: list[QWidget] = [title, when]
        for reason in step.reasons:
            line = _label(role="reason")
            line.setText("• " + reason.text)
            widgets.append(line)
        advice = _label()
        advice.setText(step.advice)
        widgets.append(advice)
        if step.deadline_note:
            note = _label(bold=True, role="deadline")
            note.setText(step.deadline_note)
            widgets.append(note)
        whom = _label()
        whom.setText(t.get("results.actions.with_whom", lang, text=step.with_whom))
        first = _label()
        first.setText(t.get("results.actions.first_move", lang, text=step.first_move))
        widgets += [whom, first]
        for widget in widgets:
            box_layout.addWidget(widget)
        return box

    def _render_pointers(self, pres: Presentation) -> bool:
        """The pointers, most relevant first; False if they are the ones shown already."""
        key = tuple(
            (p.id, p.relevance, tuple(r.text for r in p.reasons)) for p in pres.all_pointers
        )
        if self._unchanged("pointers", key):
            return False
        _clear(self.pointers_layout)
        _clear(self.more_pointers_layout)
        if not pres.all_pointers:
            none = _label()
            none.setText(self._content.texts.get("results.pointers.none", self._lang))
            self.pointers_layout.addWidget(none)
        for view in pres.pointers:
            self.pointers_layout.addWidget(self._pointer_box(view))
        for view in pres.more_pointers:
            self.more_pointers_layout.addWidget(self._pointer_box(view))
        self.more_pointers.setVisible(bool(pres.more_pointers))
        return True

    def _pointer_box(self, view: PointerView) -> QFrame:
        t, lang = self._content.texts, self._lang
        box = QFrame()
        box.setObjectName("section")
        box.setProperty("pointerId", view.id)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        category = _label(role="category")
        category.setText(view.category_label)
        title = _label(bold=True, role="pointerTitle")
        title.setText(view.title)
        provider = _label()
        provider.setText(t.get("results.pointers.provider", lang, provider=view.provider))
        layout.addWidget(category)
        layout.addWidget(title)
        layout.addWidget(provider)
        for reason in view.reasons:
            line = _label(role="reason")
            line.setText("• " + reason.text)
            layout.addWidget(line)
        if view.general:
            general = _label()
            general.setText(view.general)
            layout.addWidget(general)
        for note, role in ((view.deadline_note, "deadline"), (view.offer_note, "offerNote")):
            if note:
                label = _label(bold=True, role=role)
                label.setText(note)
                layout.addWidget(label)
        cost = _label()
        cost.setText(t.get("results.pointers.cost", lang, cost=view.cost))
        layout.addWidget(cost)
        if view.regions:
            region = _label()
            region.setText(view.region_text)
            layout.addWidget(region)
        if view.advice_question is not None:
            question = _label()
            question.setText(
                t.get("results.pointers.advice_question", lang, question=view.advice_question)
            )
            layout.addWidget(question)
        host = urlparse(view.url).netloc.removeprefix("www.")
        link = _button()
        link.setObjectName("link")
        link.setText(t.get("results.pointers.open", lang, host=host))
        link.setAccessibleName(t.get("results.pointers.open_name", lang, title=view.title))
        link.setAccessibleDescription(view.url)
        link.setToolTip(view.url)
        link.setProperty("url", view.url)
        link.setCursor(Qt.CursorShape.PointingHandCursor)
        # Opens only on a click (or Space/Enter on the focused button): the page itself
        # never touches the network.
        link.clicked.connect(lambda _=False, url=view.url: _open_url(url))
        layout.addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _legend(self) -> None:
        t, lang = self._content.texts, self._lang
        provisional = self._assessment is not None and self._assessment.provisional
        lines = [
            t.get(
                "results.map.legend_you_provisional" if provisional else "results.map.legend_you",
                lang,
            )
        ]
        if self._previous is not None:
            lines.append(t.get("results.map.legend_previous", lang))
        if self._what_if is not None:
            lines.append(t.get("results.map.legend_what_if", lang))
        lines.append(t.get("results.map.legend_urgent", lang))
        self.legend.setText("\n".join(lines))
        if self._assessment is None:
            self.map_text.setText(self.map.description())

    # ------------------------------------------------------------------ helpers

    def _situation_name(self, sid: str | None) -> str:
        situation = next(
            (s for s in self._content.questionnaire.scoring.situations if s.id == sid), None
        )
        if situation is None:
            return self._content.texts.get("present.compare.situation_none", self._lang)
        return situation.name.get(self._lang)

    def _change_lines(self, old: Assessment, new: Assessment, every: bool = False) -> list[str]:
        """One line per dimension: old → new (difference); only changed ones unless every."""
        t, lang = self._content.texts, self._lang
        lines = []
        for dim in self._content.questionnaire.scoring.dimensions:
            before = old.dimensions[dim.id].score
            after = new.dimensions[dim.id].score
            if not every and before == after:
                continue
            no_value = t.get("results.no_value", lang)
            difference = (
                signed(after - before, lang)
                if before is not None and after is not None
                else no_value
            )
            lines.append(
                t.get(
                    "results.change_line",
                    lang,
                    name=dim.name.get(lang),
                    old=number(before, lang) if before is not None else no_value,
                    new=number(after, lang) if after is not None else no_value,
                    difference=difference,
                )
            )
        return lines

    def _fix_tab_order(self) -> None:
        """Tab follows the reading order, also through the parts rebuilt per result."""
        chain = [
            w
            for w in _walk(self.body.layout())
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(w, QScrollArea)
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------ what if

    def _trial_answers(self) -> Answers:
        assert self._answers is not None
        trial = copy.deepcopy(self._answers)
        for qid, value in self.what_if_panel.changes().items():
            trial.set(qid, value)
        return trial

    def _what_if_changed(self) -> None:
        if self._answers is None or self._today is None:
            return
        changes = self.what_if_panel.changes()
        self._what_if_presentation = None
        if changes:
            self._what_if = score(self._content, self._trial_answers(), self._today)
        else:
            self._what_if = None
        self._render_scores()

    def _keep_what_if(self) -> None:
        changes = self.what_if_panel.changes()
        if changes:
            self.keep_what_if_requested.emit(changes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.map_row.direction() != direction:
            self.map_row.setDirection(direction)


def _open_url(url: str) -> None:
    """Hand a link to the system browser; called only from a person's click."""
    QDesktopServices.openUrl(QUrl(url))
