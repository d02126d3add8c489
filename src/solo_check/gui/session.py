"""The assessment being worked on in the window: its answers, kept in step with the store.

Every change goes to the store first (one transaction), then into memory, so what is on
screen is always on disk. The window may hold values that are not valid yet (an allocation
at 80 %, a number out of range): they are stored, shown with their problem, and left out
of scoring and export until they are corrected.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from ..answers import Answers, check_value
from ..content import Content
from ..scoring import Assessment, score, visible_values
from ..store import Store


class Session:
    """One assessment in the store and its answers in memory."""

    def __init__(self, content: Content, store: Store, assessment_id: int) -> None:
        self.content = content
        self.store = store
        self.id = assessment_id
        self.answers = store.load(assessment_id)
        # check_value per question, kept until its answer changes: every page switch and
        # every change asks for all of them (progress column, problems, visibility).
        self._validity: dict[str, tuple[Any, bool]] = {}

    # ------------------------------------------------------------------ changes

    def set(self, question_id: str, value: Any) -> None:
        self._reopen()
        self.store.set_answer(self.id, question_id, value)
        self._validity.pop(question_id, None)
        self.answers.set(question_id, value)

    def decline(self, question_id: str) -> None:
        self._reopen()
        self.store.decline(self.id, question_id)
        self._validity.pop(question_id, None)
        self.answers.decline(question_id)

    def clear(self, question_id: str) -> None:
        self._reopen()
        self.store.clear(self.id, question_id)
        self._validity.pop(question_id, None)
        self.answers.clear(question_id)

    def keep(self, changes: dict[str, Any]) -> None:
        """Keep answers tried in "what if" (None clears an answer): all of them in one
        transaction, so a crash or a failure keeps either every change or none, and a
        finished check is reopened in that same transaction."""
        values = {qid: value for qid, value in changes.items() if value is not None}
        cleared = [qid for qid, value in changes.items() if value is None]
        reopen = self.answers.finished_at is not None
        self.store.change(self.id, values, cleared, reopen=reopen)
        if reopen:
            self.answers.finished_at = None
        for qid, value in values.items():
            self._validity.pop(qid, None)
            self.answers.set(qid, value)
        for qid in cleared:
            self._validity.pop(qid, None)
            self.answers.clear(qid)

    def _reopen(self) -> None:
        """A changed answer makes a finished check unfinished until its result is shown
        again; merely looking at it changes nothing."""
        if self.answers.finished_at is not None:
            self.store.reopen(self.id)
            self.answers.finished_at = None

    def set_language(self, lang: str) -> None:
        self.store.set_language(self.id, lang)
        self.answers.language = lang  # type: ignore[assignment]

    # ------------------------------------------------------------------ reading

    def is_valid(self, question_id: str) -> bool:
        if question_id not in self.answers.values:
            return True
        value = self.answers.values[question_id]
        known = self._validity.get(question_id)
        # The value itself is kept beside the verdict, so an answer changed without this
        # session (answers.values set directly) is checked again, never judged stale.
        if known is not None and known[0] is value:
            return known[1]
        question = self.content.questionnaire.questions.get(question_id)
        valid = question is not None and not check_value(question, value, self.content)
        self._validity[question_id] = (value, valid)
        return valid

    def _with_valid_values(self) -> Answers:
        """A shallow copy of the answers holding only the values without a problem."""
        valid = copy.copy(self.answers)
        valid.values = {
            qid: value for qid, value in self.answers.values.items() if self.is_valid(qid)
        }
        return valid

    def valid_answers(self) -> Answers:
        """A copy without the values that still have a problem: what scoring and export see."""
        return copy.deepcopy(self._with_valid_values())

    def visible(self) -> list[str]:
        """The questions shown for the current (valid) answers, in questionnaire order."""
        # visible_values only reads the answers: the shallow copy is enough.
        return visible_values(self.content, self._with_valid_values()).visible

    def is_answered(self, question_id: str) -> bool:
        return question_id in self.answers.declined or (
            question_id in self.answers.values and self.is_valid(question_id)
        )

    def assessment(self, today: dt.date) -> Assessment:
        return score(self.content, self.valid_answers(), today)
