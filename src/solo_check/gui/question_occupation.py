"""The occupation question: search the curated occupations by title or synonym in the
current language (accent-tolerant, through `Occupations.search`), with completion, or
choose "other occupation"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCheckBox, QCompleter, QLineEdit, QToolButton, QVBoxLayout, QWidget

from .questions import ChoiceRow, QuestionWidget

OTHER = "other"
_ID_ROLE = Qt.ItemDataRole.UserRole


class OccupationWidget(QuestionWidget):
    """Search the curated occupations by title or synonym, with completion; or choose
    "other occupation" (its title is a separate free-text question)."""

    def _build(self, layout: QVBoxLayout) -> None:
        self._chosen: str | None = None
        self._edit = QLineEdit()
        self._edit.setObjectName("occupation")
        self._edit.setClearButtonEnabled(True)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        # The model already holds the matches (synonyms, accents): show it unfiltered.
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(10)
        self._edit.setCompleter(self._completer)
        self._completer.activated[QModelIndex].connect(self._activated)
        self._edit.textEdited.connect(self._typed)
        self._edit.returnPressed.connect(self._resolve_typed)
        layout.addWidget(self._edit)
        self._other_box = QCheckBox()
        self._other_box.setObjectName("option_other")
        self._other_row = ChoiceRow(self._other_box)
        self._other_box.clicked.connect(self._other_clicked)
        layout.addWidget(self._other_row)

    def _retranslate(self) -> None:
        q = self.question
        self._edit.setPlaceholderText(self._text("occupation_placeholder"))
        for button in self._edit.findChildren(QToolButton):  # the line edit's clear button
            button.setAccessibleName(self._text("clear_field"))
        self._edit.setAccessibleName(q.label.get(self.lang))
        self._edit.setAccessibleDescription(
            f"{q.text.get(self.lang)} {self._text('occupation_description')}"
        )
        self._other_row.set_text(
            self._text("occupation_other"), self._text("occupation_other_description")
        )
        if self._chosen not in (None, OTHER):
            self._edit.setText(self._title(self._chosen))
        self._fill(self._edit.text())

    def _title(self, occupation_id: str) -> str:
        return self.content.occupations.by_id[occupation_id].title.get(self.lang)

    def matches(self, query: str) -> list[tuple[str, str]]:
        """(occupation id, title) of the occupations matching what was typed."""
        return [
            (occ.id, occ.title.get(self.lang))
            for occ in self.content.occupations.search(query, self.lang)
        ]

    def _fill(self, query: str) -> None:
        self._model.clear()
        for occupation_id, title in self.matches(query):
            item = QStandardItem(title)
            item.setData(occupation_id, _ID_ROLE)
            item.setEditable(False)
            self._model.appendRow(item)

    def _typed(self, text: str) -> None:
        self._fill(text)
        if not text.strip():
            self._chosen = OTHER if self._other_box.isChecked() else None
            self._user_changed()
            return
        self._refresh()

    def _activated(self, index: QModelIndex) -> None:
        occupation_id = index.data(_ID_ROLE)
        if occupation_id:
            self._choose(occupation_id)

    def _resolve_typed(self) -> None:
        """Enter without picking from the list: take the one match, or the exact title."""
        text = self._edit.text().strip()
        if not text or (self._chosen not in (None, OTHER) and text == self._title(self._chosen)):
            return
        found = self.matches(text)
        exact = [oid for oid, title in found if title.casefold() == text.casefold()]
        if exact or len(found) == 1:
            self._choose(exact[0] if exact else found[0][0])

    def _choose(self, occupation_id: str) -> None:
        self._chosen = occupation_id
        self._edit.setText(self._title(occupation_id))
        self._edit.setModified(False)
        self._other_box.setChecked(False)
        self._user_changed()

    def _other_clicked(self, checked: bool) -> None:
        if checked:
            self._chosen = OTHER
            self._edit.clear()
            self._fill("")
        else:
            self._chosen = None
        self._user_changed()

    def _typed_unresolved(self) -> str | None:
        text = self._edit.text().strip()
        if not text:
            return None
        if self._chosen not in (None, OTHER) and text == self._title(self._chosen):
            return None
        return text

    def _pending(self) -> bool:
        return self._typed_unresolved() is not None

    def _input_problems(self) -> list[str]:
        text = self._typed_unresolved()
        if text is None:
            return []
        if not self.matches(text):
            return [self._text("occupation_no_match", query=text)]
        if self._chosen == OTHER:
            return [self._text("occupation_pick_or_other", query=text)]
        if self._chosen is not None:
            return [self._text("occupation_still", query=text, title=self._title(self._chosen))]
        return [self._text("occupation_pick", query=text)]

    def _show(self, value: Any | None) -> None:
        if value == OTHER:
            self._chosen = OTHER
            self._edit.clear()
        elif isinstance(value, str) and value in self.content.occupations.by_id:
            self._chosen = value
            self._edit.setText(self._title(value))
        else:
            self._chosen = None
            self._edit.clear()
        self._edit.setModified(False)
        self._other_box.setChecked(self._chosen == OTHER)
        self._fill(self._edit.text())

    def value(self) -> str | None:
        return self._chosen

    def _first_input(self) -> QWidget:
        return self._edit
