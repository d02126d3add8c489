"""The questionnaire: a column of sections with progress, one page of questions per section,
and Back / Next. Every change goes straight to the store through the Session."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..content import Content, Section
from ..store import StoreError
from .labels import WrapLabel
from .questions import QuestionWidget, make_question_widget
from .session import Session


def _set_text(widget: Any, text: str) -> None:
    """Set a label's or button's text only when it differs: a new text asks for a new
    layout of the whole page."""
    if widget.text() != text:
        widget.setText(text)


# After a section is shown, building the next ones waits this long, so the switch is
# painted first; then one question per turn of the event loop.
PREBUILD_DELAY_MS = 50


class SectionPage(QScrollArea):
    """The questions of one section. The page is made empty; its questions are added one at
    a time (`add_next`, in idle time before the section is visited) or all at once
    (`QuestionnairePage._page`, when it is shown)."""

    def __init__(self, content: Content, section: Section, lang: str) -> None:
        super().__init__()
        self.content = content
        self.section = section
        self.lang = lang
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(24, 16, 24, 16)
        self._layout.setSpacing(18)
        self.title = WrapLabel(bold=True, scale=1.6)
        self.intro = WrapLabel()
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.intro)
        self._layout.addStretch(1)
        self.widgets: dict[str, QuestionWidget] = {}
        self.setWidget(body)
        self.set_language(lang)

    def is_complete(self) -> bool:
        return len(self.widgets) == len(self.section.questions)

    def add_next(self) -> QuestionWidget | None:
        """Add the next question not built yet (in questionnaire order); None if none is left."""
        if self.is_complete():
            return None
        question = self.section.questions[len(self.widgets)]
        widget = make_question_widget(self.content, question, self.lang)
        self.widgets[question.id] = widget
        self._layout.insertWidget(self._layout.count() - 1, widget)  # before the stretch
        return widget

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.title.setText(self.section.title.get(lang))
        self.intro.setText(self.section.intro.get(lang))
        for widget in self.widgets.values():
            widget.set_language(lang)


class QuestionnairePage(QWidget):
    finish_requested = Signal()
    home_requested = Signal()
    place_changed = Signal(str)  # the id of the section now shown
    store_failed = Signal(object)  # a StoreError while saving an answer

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.sections = content.questionnaire.sections
        self.lang = "de"
        self.session: Session | None = None
        self.pages: dict[int, SectionPage] = {}
        self.current = 0
        self._opened: tuple[int, Any] | None = None  # the check the pages belong to
        self._prebuild_timer = QTimer(self)
        self._prebuild_timer.setSingleShot(True)
        self._prebuild_timer.timeout.connect(self._prebuild_step)

        self.nav_title = WrapLabel(bold=True, scale=1.2)
        self.nav = QListWidget()
        self.nav.setWordWrap(True)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.nav.setMinimumWidth(190)
        self.nav.setMaximumWidth(280)
        self.nav.setSpacing(4)
        for _ in self.sections:
            self.nav.addItem(QListWidgetItem())
        self.nav.itemActivated.connect(lambda item: self.go_to(self.nav.row(item)))
        self.nav.itemClicked.connect(lambda item: self.go_to(self.nav.row(item)))
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress_label = WrapLabel()
        nav_box = QVBoxLayout()
        nav_box.addWidget(self.nav_title)
        nav_box.addWidget(self.nav, 1)
        nav_box.addWidget(self.progress_label)
        nav_box.addWidget(self.progress)

        self.stack = QStackedWidget()
        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.invalid_note = WrapLabel()
        self.invalid_note.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.invalid_note, 4)
        buttons.addWidget(self.next_button)
        main = QVBoxLayout()
        main.addWidget(self.stack, 1)
        main.addLayout(buttons)

        layout = QHBoxLayout(self)
        layout.addLayout(nav_box)
        layout.addLayout(main, 1)
        self.setTabOrder(self.nav, self.stack)

    # ------------------------------------------------------------------ session

    def open(self, session: Session, place: str | None = None) -> None:
        """Show an assessment, on the section named by place (or the first).

        The same check opened again (e.g. "Continue" after a look at the welcome page)
        keeps its section pages: only questions whose stored answer differs from what
        they show are loaded again. Another check gets new pages."""
        key = (session.id, session.answers.created_at)
        if key == self._opened:
            self.session = session
            for page in self.pages.values():
                for qid, widget in page.widgets.items():
                    self._sync_widget(qid, widget)
        else:
            self.session = session
            self._opened = key
            for page in self.pages.values():
                self.stack.removeWidget(page)
                page.deleteLater()
            self.pages.clear()
        index = next((i for i, s in enumerate(self.sections) if s.id == place), 0)
        self.go_to(index)

    def _page(self, index: int) -> SectionPage:
        """The page of a section, with all its questions (built now where needed)."""
        page = self._page_shell(index)
        if not page.is_complete():
            visible = set(self.session.visible()) if self.session is not None else set()
            while (widget := page.add_next()) is not None:
                self._connect_widget(widget, visible)
        return page

    def _page_shell(self, index: int) -> SectionPage:
        """The page of a section as it is so far, made (without questions) if there is none."""
        page = self.pages.get(index)
        if page is None:
            page = SectionPage(self.content, self.sections[index], self.lang)
            self.pages[index] = page
            self.stack.addWidget(page)
        return page

    def _connect_widget(self, widget: QuestionWidget, visible: set[str]) -> None:
        qid = widget.question.id
        self._load_widget(qid, widget)
        widget.setVisible(qid in visible)
        widget.answer_changed.connect(lambda value, q=qid: self._changed(q, value))
        widget.declined.connect(lambda q=qid: self._declined(q))
        widget.cleared.connect(lambda q=qid: self._cleared(q))

    def _load_widget(self, qid: str, widget: QuestionWidget) -> None:
        assert self.session is not None
        answers = self.session.answers
        widget.set_value(answers.values.get(qid), declined=qid in answers.declined)

    def _sync_widget(self, qid: str, widget: QuestionWidget) -> None:
        """Load the stored answer again if the widget shows something else (an answer kept
        from "what if", or input that never became an answer)."""
        assert self.session is not None
        answers = self.session.answers
        declined = qid in answers.declined
        if widget.is_declined() != declined or (
            not declined and widget.value() != answers.values.get(qid)
        ):
            self._load_widget(qid, widget)

    # ------------------------------------------------------------------ built ahead

    def _prebuild_later(self) -> None:
        """After a section is shown, build the sections not visited yet in idle time, one
        question per turn of the event loop, so a first visit finds its page ready and no
        key press waits for more than one question being built."""
        self._prebuild_timer.setInterval(PREBUILD_DELAY_MS)
        self._prebuild_timer.start()

    def _prebuild_step(self) -> None:
        if self.session is None or not self.isVisible():
            return  # resumed by the next go_to
        order = list(range(self.current + 1, len(self.sections))) + list(range(self.current))
        index = next(
            (i for i in order if i not in self.pages or not self.pages[i].is_complete()), None
        )
        if index is None:
            return
        if index not in self.pages:
            self._page_shell(index)
        else:
            page = self.pages[index]
            widget = page.add_next()
            if widget is not None:
                self._connect_widget(widget, set(self.session.visible()))
            if page.is_complete():
                self._lay_out_ahead(page)
        self._prebuild_timer.setInterval(0)
        self._prebuild_timer.start()

    def _lay_out_ahead(self, page: SectionPage) -> None:
        """Polish and lay out a page built ahead at the size of the page shown now, so
        its first visit finds the style's and the layout's work done."""
        page.ensurePolished()
        shown = self.stack.currentWidget()
        if not isinstance(shown, SectionPage) or shown is page:
            return
        page.resize(shown.size())
        body = page.widget()
        body.resize(shown.widget().width(), body.heightForWidth(shown.widget().width()))
        body.layout().activate()

    def _save(self, action: Any, *args: Any) -> None:
        try:
            action(*args)
        except StoreError as exc:
            self.store_failed.emit(exc)
        self.refresh()

    def _changed(self, qid: str, value: Any) -> None:
        assert self.session is not None
        self._save(self.session.set, qid, value)

    def _declined(self, qid: str) -> None:
        assert self.session is not None
        self._save(self.session.decline, qid)

    def _cleared(self, qid: str) -> None:
        assert self.session is not None
        self._save(self.session.clear, qid)

    # ------------------------------------------------------------------ navigation

    def go_to(self, index: int, question_id: str | None = None) -> None:
        index = max(0, min(index, len(self.sections) - 1))
        self.current = index
        page = self._page(index)
        self.stack.setCurrentWidget(page)
        self.nav.setCurrentRow(index)
        self.refresh()
        page.verticalScrollBar().setValue(0)
        self.place_changed.emit(self.sections[index].id)
        target = page.widgets.get(question_id) if question_id else None
        if target is None:
            target = next((w for w in page.widgets.values() if not w.isHidden()), None)
        if target is not None:
            target.focus_input()
            QTimer.singleShot(0, lambda: page.ensureWidgetVisible(target, 0, 40))
        self._prebuild_later()

    def go_to_question(self, question_id: str) -> None:
        for index, section in enumerate(self.sections):
            if any(q.id == question_id for q in section.questions):
                self.go_to(index, question_id)
                return

    def next(self) -> None:
        if self.current >= len(self.sections) - 1:
            self.finish_requested.emit()
        else:
            self.go_to(self.current + 1)

    def back(self) -> None:
        if self.current == 0:
            self.home_requested.emit()
        else:
            self.go_to(self.current - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Return reaches the page only when the focused control did not use it (a text
        # field with several lines keeps it for new lines). It moves on like a form: to
        # the next question, and after the last question of a section to the next section.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            following = self._question_after_focus()
            if following is not None:
                following.focus_input()
                self.pages[self.current].ensureWidgetVisible(following, 0, 40)
            else:
                self.next()
            return
        super().keyPressEvent(event)

    def _question_after_focus(self) -> QuestionWidget | None:
        page = self.pages.get(self.current)
        focus = QApplication.focusWidget()
        if page is None or focus is None:
            return None
        shown = [w for w in page.widgets.values() if not w.isHidden()]
        for index, widget in enumerate(shown):
            if widget.isAncestorOf(focus):
                return shown[index + 1] if index + 1 < len(shown) else None
        return None

    # ------------------------------------------------------------------ progress

    def refresh(self) -> None:
        """Show or hide conditional questions and update the progress column."""
        if self.session is None:
            return
        visible = set(self.session.visible())
        for page in self.pages.values():
            for qid, widget in page.widgets.items():
                widget.setVisible(qid in visible)
        t = self.content.texts.get
        total_answered = total_visible = 0
        for index, section in enumerate(self.sections):
            ids = [q.id for q in section.questions if q.id in visible]
            answered = sum(1 for qid in ids if self.session.is_answered(qid))
            total_answered += answered
            total_visible += len(ids)
            text = t(
                "questionnaire.nav_item",
                self.lang,
                title=section.title.get(self.lang),
                answered=answered,
                total=len(ids),
            )
            item = self.nav.item(index)
            # Only a changed text is set: every new text makes the list lay out its items
            # again, and most switches change none of them.
            if item.text() != text:
                item.setText(text)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        if self.progress.maximum() != max(total_visible, 1):
            self.progress.setMaximum(max(total_visible, 1))
        if self.progress.value() != total_answered:
            self.progress.setValue(total_answered)
        progress_text = t(
            "questionnaire.progress", self.lang, answered=total_answered, total=total_visible
        )
        if self.progress_label.text() != progress_text:
            self.progress_label.setText(progress_text)
            self.progress.setAccessibleName(progress_text)
        invalid = [qid for qid in visible if not self.session.is_valid(qid)]
        self.invalid_note.setVisible(bool(invalid))
        if invalid:
            _set_text(
                self.invalid_note, t("questionnaire.invalid_note", self.lang, count=len(invalid))
            )
        last = self.current >= len(self.sections) - 1
        _set_text(
            self.next_button,
            t("questionnaire.results" if last else "questionnaire.next", self.lang),
        )
        _set_text(
            self.back_button,
            t("questionnaire.home" if self.current == 0 else "questionnaire.back", self.lang),
        )

    def set_language(self, lang: str) -> None:
        self.lang = lang
        t = self.content.texts.get
        self.nav_title.setText(t("questionnaire.nav_title", lang))
        self.nav.setAccessibleName(t("questionnaire.nav_title", lang))
        self.next_button.setAccessibleDescription(t("questionnaire.next_description", lang))
        self.back_button.setAccessibleDescription(t("questionnaire.back_description", lang))
        for page in self.pages.values():
            page.set_language(lang)
        self.refresh()
