"""One widget per question: the question text, its input, "why we ask this", "prefer not
to say" and a problem line in plain words.

`QuestionWidget` holds what every question shares; the subclasses in
`question_types.py` add the input for one question type. `make_question_widget` picks
the subclass. A widget never stores anything itself: it emits `answer_changed`,
`declined` or `cleared`, and the window commits the change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..answers import Problem, check_value
from ..content import Content, Lang, Question
from .labels import WrapLabel


class _ClickLabel(WrapLabel):
    """The wrapping text of a radio button or check box; a click on it acts on the button."""

    def __init__(self, button: QAbstractButton, parent: QWidget | None = None):
        super().__init__("", parent)
        self._button = button

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._button.isEnabled():
            self._button.setFocus(Qt.FocusReason.MouseFocusReason)
            self._button.click()
            event.accept()
            return
        super().mouseReleaseEvent(event)


class ChoiceRow(QWidget):
    """A radio button or check box with a label that wraps.

    QRadioButton and QCheckBox draw their text on one line; long option texts would be
    clipped at 560 px. The button keeps no text of its own but carries the accessible
    name; the label beside it wraps and is clickable. While the button has keyboard
    focus a frame is drawn around the label, because the style marks no focus on a bare
    indicator.
    """

    def __init__(self, button: QAbstractButton, parent: QWidget | None = None):
        super().__init__(parent)
        self.button = button
        self.label = _ClickLabel(button, self)
        self._focused = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 3, 2)  # room for the focus frame
        layout.setSpacing(8)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        button.installEventFilter(self)

    def set_text(self, text: str, description: str = "") -> None:
        self.label.setText(text)
        self.button.setAccessibleName(text)
        self.button.setAccessibleDescription(description)

    def shows_focus(self) -> bool:
        return self._focused

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.button and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._focused = event.type() == QEvent.Type.FocusIn
            self.update()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._focused:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
        painter.setPen(pen)
        painter.drawRoundedRect(QRectF(self.label.geometry()).adjusted(-4, -1, 2, 1), 3, 3)


class QuestionWidget(QWidget):
    """One question: its label/text, the input, the 'why we ask' help, 'prefer not to say',
    and a problem line. Base class; one subclass per question type."""

    # The new value as Answers.values holds it, on every user change, also while it is not
    # valid yet (the widget shows the problem itself).
    answer_changed = Signal(object)
    declined = Signal()  # the person chose "prefer not to say"
    cleared = Signal()  # the person removed the answer

    def __init__(
        self, content: Content, question: Question, lang: Lang, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.content = content
        self.question = question
        self.lang: Lang = lang
        self._declined = False
        self._quiet = False  # True while the program (not the person) changes the input
        self.setObjectName(f"question_{question.id}")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self._heading = WrapLabel()
        font = QFont(self._heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self._heading.setFont(font)
        layout.addWidget(self._heading)

        self._help = WrapLabel()
        layout.addWidget(self._help)  # before setVisible: a parentless label would open a window
        self._help.setVisible(question.help is not None)

        self._why_button = QToolButton()
        self._why_button.setObjectName("why_button")
        # Fusion draws no focus mark on an auto-raised tool button: frame it ourselves.
        self._why_button.setStyleSheet(
            "QToolButton { border: 2px solid transparent; border-radius: 3px; padding: 2px; }"
            "QToolButton:focus { border-color: palette(highlight); }"
            "QToolButton:hover { background: palette(midlight); }"
        )
        self._why_button.setCheckable(True)
        self._why_button.setAutoRaise(True)
        self._why_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._why_button.setArrowType(Qt.ArrowType.RightArrow)
        self._why_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._why_button.toggled.connect(self._why_toggled)
        layout.addWidget(self._why_button)

        self._why = WrapLabel()
        self._why.setObjectName("why")
        self._why.setContentsMargins(18, 0, 0, 4)
        self._why.hide()
        layout.addWidget(self._why)

        self._input = QWidget()
        self._input_layout = QVBoxLayout(self._input)
        self._input_layout.setContentsMargins(0, 0, 0, 0)
        self._input_layout.setSpacing(4)
        self._build(self._input_layout)
        layout.addWidget(self._input)

        self._problem = WrapLabel()
        self._problem.setObjectName("problem")
        self._problem.setStyleSheet("color: #9b1c1c; border-left: 3px solid #9b1c1c;")
        self._problem.setContentsMargins(6, 0, 0, 0)
        self._problem.hide()
        layout.addWidget(self._problem)

        layout.addSpacing(6)  # keeps "prefer not to say" apart from the answer options
        self._decline_box = QCheckBox()
        self._decline_box.setObjectName("prefer_not_to_say")
        self._decline_row = ChoiceRow(self._decline_box)
        self._decline_box.clicked.connect(self._decline_clicked)
        layout.addWidget(self._decline_row)

        self.set_language(lang)

    # ------------------------------------------------------------------ for subclasses

    def _build(self, layout: QVBoxLayout) -> None:
        """Create the input controls and add them to ``layout``."""
        raise NotImplementedError

    def _retranslate(self) -> None:
        """Set the texts of the input controls in ``self.lang``."""

    def _show(self, value: Any | None) -> None:
        """Show ``value`` (or nothing) in the input controls; signals are off meanwhile."""
        raise NotImplementedError

    def _input_problems(self) -> list[str]:
        """Problems with what is on screen that is not a value yet (e.g. "12a")."""
        return []

    def _pending(self) -> bool:
        """True while the input holds something that is not a value (yet)."""
        return False

    def _first_input(self) -> QWidget:
        raise NotImplementedError

    def _text(self, key: str, **params: Any) -> str:
        return self.content.texts.get(f"questions.{key}", self.lang, **params)

    def _user_changed(self) -> None:
        """Called by a subclass whenever the person changed the input."""
        if self._quiet:
            return
        self._refresh()
        value = self.value()
        if value is not None:
            self.answer_changed.emit(value)
        elif not self._pending():
            self.cleared.emit()

    def _refresh(self) -> None:
        """Bring the problem line and any live status up to date."""
        self._update_status()
        problems = self.problems()
        self._problem.setText(
            "\n".join(self._text("problem", problem=p) for p in problems) if problems else ""
        )
        self._problem.setVisible(bool(problems))
        self._problem.setAccessibleName(self._text("problem_name"))

    def _update_status(self) -> None:
        """Live status texts of the input (sums, counters); subclasses override."""

    # ------------------------------------------------------------------ public API

    def value(self) -> Any | None:
        raise NotImplementedError

    def is_declined(self) -> bool:
        return self._declined

    def set_value(self, value: Any | None, declined: bool = False) -> None:
        """Show a stored answer. Emits nothing."""
        self._quiet = True
        try:
            self._show(value)
            self._set_declined(declined)
        finally:
            self._quiet = False
        self._refresh()

    def problems(self) -> list[str]:
        """Current problems in words, in the current language (empty if valid or unanswered)."""
        if self._declined:
            return []
        found = self._input_problems()
        if found:
            return found
        value = self.value()
        if value is None:
            return []
        return [
            Problem("", key, params).render(self.content, self.lang)
            for key, params in check_value(self.question, value, self.content)
        ]

    def set_language(self, lang: Lang) -> None:
        """Set every visible text again in ``lang``."""
        self.lang = lang
        q = self.question
        self._heading.setText(q.text.get(lang))
        self._heading.setAccessibleName(q.label.get(lang))
        if q.help is not None:
            self._help.setText(q.help.get(lang))
        self._why_button.setText(self._text("why"))
        self._why_button.setAccessibleName(self._text("why"))
        self._why_button.setAccessibleDescription(self._text("why_description"))
        self._why_button.setToolTip(self._text("why_description"))
        self._why.setText(q.why.get(lang))
        self._decline_row.set_text(
            self.content.texts.get("common.prefer_not_to_say", lang),
            self._text("prefer_not_description"),
        )
        self._quiet = True
        try:
            self._retranslate()
        finally:
            self._quiet = False
        self._refresh()

    def focus_input(self) -> None:
        """Put keyboard focus on the first input control."""
        target = self._decline_box if self._declined else self._first_input()
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def why_visible(self) -> bool:
        return self._why_button.isChecked()

    def toggle_why(self) -> None:
        self._why_button.toggle()

    # ------------------------------------------------------------------ internals

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # F1 anywhere inside the question opens or closes "why we ask this". The inputs
        # leave F1 unhandled, so it reaches the question widget.
        if event.key() == Qt.Key.Key_F1 and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.toggle_why()
            event.accept()
            return
        super().keyPressEvent(event)

    def _why_toggled(self, shown: bool) -> None:
        self._why.setVisible(shown)
        self._why_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _set_declined(self, declined: bool) -> None:
        self._declined = declined
        self._decline_box.setChecked(declined)
        # The answer on screen stays (greyed out): unticking brings it back.
        self._input.setEnabled(not declined)

    def _decline_clicked(self, checked: bool) -> None:
        self._set_declined(checked)
        self._refresh()
        if checked:
            self.declined.emit()
            return
        value = self.value()
        if value is not None:
            self.answer_changed.emit(value)
        else:
            self.cleared.emit()


def make_question_widget(
    content: Content, question: Question, lang: Lang, parent: QWidget | None = None
) -> QuestionWidget:
    """The widget for one question of the questionnaire, by its type."""
    from .question_types import WIDGET_TYPES

    return WIDGET_TYPES[question.type](content, question, lang, parent)
