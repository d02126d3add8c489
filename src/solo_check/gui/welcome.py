"""The first page: what the check is; start, continue, or open an earlier result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .labels import WrapLabel

if TYPE_CHECKING:  # the first page is shown before the content (and pydantic) is loaded
    from ..content import Content


@dataclass(frozen=True)
class HistoryRow:
    """One finished assessment as the list shows it, already in words."""

    id: int
    date: str
    occupation: str
    situation: str


class WelcomePage(QWidget):
    start_requested = Signal()
    continue_requested = Signal()
    retake_requested = Signal()
    import_requested = Signal()
    open_requested = Signal(int)
    export_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.lang = "de"
        self._continue_info: tuple[str, int, int] | None = None
        self._rows: list[HistoryRow] = []

        self.title = WrapLabel(bold=True, scale=1.6)
        self.tagline = WrapLabel()
        self.intro = WrapLabel()
        self.privacy = WrapLabel()
        self.adviser = WrapLabel()
        self.not_advice = WrapLabel()

        self.start_button = QPushButton()
        self.start_button.setDefault(True)
        self.continue_button = QPushButton()
        self.retake_button = QPushButton()
        self.import_button = QPushButton()
        self.start_button.clicked.connect(self.start_requested)
        self.continue_button.clicked.connect(self.continue_requested)
        self.retake_button.clicked.connect(self.retake_requested)
        self.import_button.clicked.connect(self.import_requested)

        self.history_title = WrapLabel(bold=True, scale=1.2)
        self.history_empty = WrapLabel()
        self.history = QTableWidget(0, 3)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.history.setTabKeyNavigation(False)
        self.history.setMinimumHeight(140)
        self.history.itemActivated.connect(lambda _item: self._emit_selected(self.open_requested))
        self.history.itemSelectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton()
        self.export_button = QPushButton()
        self.delete_button = QPushButton()
        self.open_button.clicked.connect(lambda: self._emit_selected(self.open_requested))
        self.export_button.clicked.connect(lambda: self._emit_selected(self.export_requested))
        self.delete_button.clicked.connect(lambda: self._emit_selected(self.delete_requested))

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        for widget in (self.title, self.tagline, self.intro, self.privacy, self.adviser):
            layout.addWidget(widget)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.continue_button, self.retake_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.continue_note = WrapLabel()
        layout.addWidget(self.continue_note)
        layout.addWidget(self.not_advice)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history_empty)
        layout.addWidget(self.history)
        row_buttons = QHBoxLayout()
        for button in (self.open_button, self.export_button, self.delete_button):
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)
        row_buttons.addWidget(self.import_button)
        layout.addLayout(row_buttons)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.set_state(None, [])

    # ------------------------------------------------------------------ state

    def set_state(self, continue_info: tuple[str, int, int] | None, rows: list[HistoryRow]) -> None:
        """continue_info: (start date, answered, visible) of the unfinished check, if any."""
        self._continue_info = continue_info
        self._rows = rows
        self.history.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate((row.date, row.occupation, row.situation)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.history.setItem(r, c, item)
        if rows:
            self.history.selectRow(0)
        self.continue_button.setVisible(continue_info is not None)
        self.continue_note.setVisible(continue_info is not None)
        self.retake_button.setVisible(bool(rows))
        self.history.setVisible(bool(rows))
        self.history_empty.setVisible(not rows)
        self.start_button.setDefault(continue_info is None)
        self.continue_button.setDefault(continue_info is not None)
        self._update_buttons()
        self.set_language(self.lang)

    def selected_id(self) -> int | None:
        rows = self.history.selectionModel().selectedRows()
        if not rows:
            return None
        return self._rows[rows[0].row()].id

    def _emit_selected(self, signal: Signal) -> None:
        selected = self.selected_id()
        if selected is not None:
            signal.emit(selected)

    def _update_buttons(self) -> None:
        enabled = self.selected_id() is not None
        for button in (self.open_button, self.export_button, self.delete_button):
            button.setEnabled(enabled)
            button.setVisible(bool(self._rows))

    # ------------------------------------------------------------------ texts

    def set_language(self, lang: str) -> None:
        self.lang = lang
        t = self.content.texts.get
        self.title.setText(t("welcome.title", lang))
        self.tagline.setText(t("app.tagline", lang))
        self.intro.setText(t("welcome.intro", lang))
        self.privacy.setText(t("welcome.privacy", lang))
        self.adviser.setText(t("welcome.adviser", lang))
        self.not_advice.setText(t("app.not_advice", lang))
        self.start_button.setText(t("welcome.start", lang))
        self.start_button.setAccessibleDescription(t("welcome.start_description", lang))
        if self._continue_info is not None:
            started, answered, visible = self._continue_info
            self.continue_button.setText(t("welcome.continue", lang))
            note = t("welcome.continue_note", lang, date=started, answered=answered, total=visible)
            self.continue_note.setText(note)
            self.continue_button.setAccessibleDescription(note)
        self.retake_button.setText(t("welcome.retake", lang))
        self.retake_button.setAccessibleDescription(t("welcome.retake_description", lang))
        self.retake_button.setToolTip(self.retake_button.accessibleDescription())
        self.import_button.setText(t("welcome.import", lang))
        self.history_title.setText(t("welcome.history", lang))
        self.history_empty.setText(t("welcome.history_empty", lang))
        self.history.setHorizontalHeaderLabels(
            [
                t("welcome.column_date", lang),
                t("welcome.column_occupation", lang),
                t("welcome.column_situation", lang),
            ]
        )
        self.history.setAccessibleName(t("welcome.history", lang))
        self.open_button.setText(t("welcome.open", lang))
        self.export_button.setText(t("welcome.export", lang))
        self.delete_button.setText(t("welcome.delete", lang))
