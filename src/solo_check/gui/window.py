"""The main window: menus, the notice bar, and the pages (welcome, questions, results, report).

The window owns the store and the assessment being worked on; pages show and edit, the
window decides where to go next and keeps everything saved.

`start` shows the welcome page before the content is validated: importing pydantic and
checking all content takes longer than a bare window needs to appear. So this module
imports the content, the scoring and the questionnaire only where they are used.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..store import DamagedCheck, MovedAside, SetAside, Store, StoreError
from .app import finish_setup, install_qt_translations
from .welcome import HistoryRow, WelcomePage

if TYPE_CHECKING:
    from ..answers import Answers
    from ..content import Content
    from ..scoring import Assessment
    from .questionnaire import QuestionnairePage
    from .session import Session

RESULTS_PLACE = "results"
MIN_SIZE = (800, 600)


def today() -> dt.date:
    return dt.date.today()


class Notice(QWidget):
    """A calm bar above the pages for things the person should know (not a modal dialog)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("notice")
        self.setStyleSheet(
            "#notice { background: #fff4d6; border-bottom: 1px solid #d9b94a; }"
            " #notice QLabel { color: #3a2e00; }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._render: Callable[[str], str] | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, render: Callable[[str], str], lang: str) -> None:
        """Show a message; `render(lang)` words it, so a language switch can word it again."""
        self._render = render
        self.set_language(lang)
        self.show()

    def set_language(self, lang: str) -> None:
        if self._render is None:
            return
        text = self._render(lang)
        self.label.setText(text)
        self.label.setAccessibleName(text)


class MainWindow(QMainWindow):
    def __init__(self, content: Content, store: Store, lang: str) -> None:
        super().__init__()
        self.content = content
        self.store = store
        self.lang = lang
        self.session: Session | None = None
        self._questionnaire: QuestionnairePage | None = None  # built when first needed
        self.results: Any = None
        self.report_view: Any = None
        self._previous_scored: tuple[Any, Assessment] | None = None  # see `_previous`
        self.setMinimumSize(*MIN_SIZE)

        self.notice = Notice()
        self.welcome = WelcomePage(content)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.welcome.start_requested.connect(self.start_new)
        self.welcome.continue_requested.connect(self.continue_unfinished)
        self.welcome.retake_requested.connect(self.retake)
        self.welcome.import_requested.connect(self.import_answers)
        self.welcome.open_requested.connect(self.open_assessment)
        self.welcome.export_requested.connect(self.export_answers)
        self.welcome.delete_requested.connect(self.delete_assessment)

        self._build_menus()
        self.set_language(lang)
        self._restore_geometry()

    @property
    def questionnaire(self) -> QuestionnairePage:
        """The questionnaire page, built the first time it is needed."""
        if self._questionnaire is None:
            from .questionnaire import QuestionnairePage

            page = QuestionnairePage(self.content)
            page.finish_requested.connect(self.show_results)
            page.home_requested.connect(self.show_welcome)
            page.place_changed.connect(self._remember_place)
            page.store_failed.connect(self._store_failed)
            page.set_language(self.lang)
            self.stack.addWidget(page)
            self._questionnaire = page
        return self._questionnaire

    @property
    def content_ready(self) -> bool:
        """False while the first page shows with its texts only (see `start`)."""
        return not isinstance(self.content, FirstPageContent)

    def content_loaded(self, content: Content) -> None:
        """The validated content takes the place of the first page's texts."""
        self.content = content
        self.welcome.content = content
        self._refresh_welcome()

    # ------------------------------------------------------------------ menus

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.nav_menu = bar.addMenu("")
        self.language_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")

        def action(menu: Any, shortcut: Any, slot: Any) -> QAction:
            act = QAction(self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        self.new_action = action(self.file_menu, QKeySequence.StandardKey.New, self.start_new)
        self.home_action = action(self.file_menu, "Ctrl+Home", self.show_welcome)
        self.file_menu.addSeparator()
        self.import_action = action(
            self.file_menu, QKeySequence.StandardKey.Open, self.import_answers
        )
        self.export_action = action(self.file_menu, "Ctrl+E", lambda: self.export_answers(None))
        self.file_menu.addSeparator()
        self.quit_action = action(self.file_menu, QKeySequence.StandardKey.Quit, self.close)
        self.back_action = action(self.nav_menu, "Alt+Left", self._back)
        self.next_action = action(self.nav_menu, "Alt+Right", self._next)
        self.results_action = action(self.nav_menu, "Ctrl+R", self.show_results)
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang in ("de", "en"):
            act = action(self.language_menu, None, lambda _=False, code=lang: self.switch(code))
            act.setCheckable(True)
            group.addAction(act)
            self.language_actions[lang] = act
        self.about_action = action(self.help_menu, None, self.show_about)

    def _back(self) -> None:
        if self._questionnaire is not None and self.stack.currentWidget() is self._questionnaire:
            self.questionnaire.back()
        elif self.results is not None and self.stack.currentWidget() is self.results:
            self.questionnaire.go_to(len(self.content.questionnaire.sections) - 1)
            self._show_questionnaire()
        elif self.report_view is not None and self.stack.currentWidget() is self.report_view:
            self.stack.setCurrentWidget(self.results)

    def _next(self) -> None:
        if self._questionnaire is not None and self.stack.currentWidget() is self._questionnaire:
            self.questionnaire.next()

    # ------------------------------------------------------------------ language

    def switch(self, lang: str) -> None:
        install_qt_translations(QApplication.instance(), lang)
        self.store_setting("language", lang)
        if self.session is not None:
            self._guard(self.session.set_language, lang)
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        t = self.content.texts.get
        self.setWindowTitle(t("app.name", lang))
        self.file_menu.setTitle(t("menu.file", lang))
        self.nav_menu.setTitle(t("menu.navigate", lang))
        self.language_menu.setTitle(t("menu.language", lang))
        self.help_menu.setTitle(t("menu.help", lang))
        self.new_action.setText(t("menu.new", lang))
        self.home_action.setText(t("menu.home", lang))
        self.import_action.setText(t("menu.import", lang))
        self.export_action.setText(t("menu.export", lang))
        self.quit_action.setText(t("menu.quit", lang))
        self.back_action.setText(t("menu.back", lang))
        self.next_action.setText(t("menu.next", lang))
        self.results_action.setText(t("menu.results", lang))
        self.language_actions["de"].setText("Deutsch")
        self.language_actions["en"].setText("English")
        self.language_actions[lang].setChecked(True)
        self.about_action.setText(t("menu.about", lang))
        self.notice.close_button.setText(t("notice.close", lang))
        self.notice.set_language(lang)
        self.welcome.set_language(lang)
        if self._questionnaire is not None:
            self._questionnaire.set_language(lang)
        if self.results is not None:
            self.results.set_language(lang)
        if self.report_view is not None:
            self.report_view.set_language(lang)
            if self.stack.currentWidget() is self.report_view:
                self.show_report()  # the document itself is in one language: make it anew
        self._refresh_welcome()

    # ------------------------------------------------------------------ store helpers

    def notify(self, key: str, **params: Any) -> None:
        """Show the text `key` in the notice bar, in the current and any later language."""
        self.notice.show_message(
            lambda lang: self.content.texts.get(key, lang, **params), self.lang
        )

    def _guard(self, action: Any, *args: Any) -> Any:
        """Run a store action; a failure becomes a notice, never a crash."""
        try:
            return action(*args)
        except StoreError as exc:
            self._store_failed(exc)
            return None

    def _store_failed(self, exc: StoreError) -> None:
        if isinstance(exc, DamagedCheck):
            self.show_set_aside([exc.check])
            return
        self.notify(f"notice.store_{exc.reason}", detail=exc.detail)

    def show_set_aside(self, checks: list[SetAside], then: str | None = None) -> None:
        """Name the checks that could not be read and were set aside; ``then`` is the key
        of a notice to show after it (it would otherwise take its place)."""
        t = self.content.texts.get
        path = str(self.store.path)

        def words(lang: str) -> str:
            names = [check_name(t, check, lang) for check in checks]
            if len(names) == 1:
                text = t("notice.check_set_aside", lang, check=names[0], path=path)
            else:
                joined = t("common.list_separator", lang).join(names)
                text = t("notice.checks_set_aside", lang, checks=joined, path=path)
            return f"{text}\n{t(then, lang)}" if then else text

        self.notice.show_message(words, self.lang)

    def store_setting(self, key: str, value: str) -> None:
        self._guard(self.store.set_setting, key, value)

    def _remember_place(self, place: str) -> None:
        if self.session is not None:
            self._guard(self.store.set_place, self.session.id, place)

    def _restore_geometry(self) -> None:
        saved = self._guard(self.store.setting, "geometry")
        if saved:
            self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
        else:
            self.resize(1100, 780)

    def closeEvent(self, event: QCloseEvent) -> None:
        geometry = bytes(self.saveGeometry().toBase64()).decode("ascii")
        self.store_setting("geometry", geometry)
        super().closeEvent(event)

    # ------------------------------------------------------------------ pages

    def show_welcome(self) -> None:
        self._refresh_welcome()
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.start_button.setFocus()

    def _refresh_welcome(self) -> None:
        """List the checks: unfinished ones first (the newest is what Continue opens)."""
        if not self.content_ready:
            return  # the list needs occupations and situations: `content_loaded` fills it
        from ..answers import only_valid
        from ..explain import date_text, occupation_title
        from ..scoring import visible_values

        info = None
        rows = []
        for draft in self._guard(self.store.drafts) or []:
            answers = self._guard(self.store.load, draft.id)
            if answers is None:
                continue
            answers = only_valid(answers, self.content)
            if info is None:
                info = (
                    date_text(self.content, answers.created_at.date(), self.lang),
                    len(answers.values) + len(answers.declined),
                    len(visible_values(self.content, answers).visible),
                )
            rows.append(
                HistoryRow(
                    id=draft.id,
                    date=date_text(self.content, draft.updated_at.date(), self.lang),
                    occupation=occupation_title(self.content, answers, self.lang) or "—",
                    situation=self.content.texts.get("welcome.not_finished", self.lang),
                )
            )
        for entry in self._guard(self.store.history) or []:
            answers = self._guard(self.store.load, entry.id)
            if answers is None:
                continue
            answers = only_valid(answers, self.content)
            rows.append(
                HistoryRow(
                    id=entry.id,
                    date=date_text(self.content, entry.finished_at.date(), self.lang),
                    occupation=occupation_title(self.content, answers, self.lang) or "—",
                    situation=self._situation_name(entry.situation),
                )
            )
        self.welcome.set_state(info, rows)

    def _situation_name(self, situation: str | None) -> str:
        for s in self.content.questionnaire.scoring.situations:
            if s.id == situation:
                return s.name.get(self.lang)
        return "—"

    def _open_session(self, assessment_id: int) -> bool:
        from .session import Session

        try:
            self.session = Session(self.content, self.store, assessment_id)
        except StoreError as exc:
            self._store_failed(exc)
            return False
        return True

    def _show_questionnaire(self, place: str | None = None) -> None:
        assert self.session is not None
        if place is not None or self.questionnaire.session is not self.session:
            self.questionnaire.open(self.session, place)
        self.stack.setCurrentWidget(self.questionnaire)

    def start_new(self) -> None:
        from ..answers import Answers

        self._begin(Answers.new(self.content, self.lang))

    def _begin(self, answers: Answers) -> None:
        new_id = self._guard(self.store.create, answers)
        if new_id is not None and self._open_session(new_id):
            self._show_questionnaire(self.content.questionnaire.sections[0].id)

    def continue_unfinished(self) -> None:
        unfinished = self._guard(self.store.unfinished)
        if unfinished is not None:
            self.resume(unfinished)

    def resume(self, assessment_id: int) -> None:
        """Open an assessment where the person left it: a section or the results."""
        if not self._open_session(assessment_id):
            return
        place = self._guard(self.store.place, assessment_id)
        if place == RESULTS_PLACE:
            self.show_results()
        else:
            self._show_questionnaire(place or self.content.questionnaire.sections[0].id)

    def retake(self) -> None:
        history = self._guard(self.store.history) or []
        if not history:
            return
        last = self._guard(self.store.load, history[0].id)
        if last is None:
            return
        from ..answers import Answers

        answers = Answers.new(self.content, self.lang)
        answers.values = copy.deepcopy(last.values)
        answers.declined = set(last.declined)
        self._begin(answers)

    def open_assessment(self, assessment_id: int) -> None:
        """A finished check opens on its result, an unfinished one where it was left."""
        answers = self._guard(self.store.load, assessment_id)
        if answers is None:
            return
        if answers.finished_at is None:
            self.resume(assessment_id)
        elif self._open_session(assessment_id):
            self.show_results()

    # ------------------------------------------------------------------ results

    def _ensure_results(self) -> Any:
        if self.results is None:
            from .results import ResultsPage

            self.results = ResultsPage(self.content)
            self.results.report_requested.connect(self.show_report)
            self.results.question_requested.connect(self._jump_to_question)
            self.results.keep_what_if_requested.connect(self._keep_what_if)
            self.results.set_language(self.lang)
            self.stack.addWidget(self.results)
        return self.results

    def _previous(self) -> tuple[Answers, Assessment] | None:
        assert self.session is not None
        previous_id = self._guard(self.store.previous_finished, self.session.id)
        if previous_id is None:
            return None
        answers = self._guard(self.store.load, previous_id)
        if answers is None:
            return None
        from ..answers import only_valid

        # A value damaged into some other JSON (or one no longer valid) is left out, as
        # the check being shown leaves out its own: scoring takes valid answers only.
        answers = only_valid(answers, self.content)
        # Every showing of the results and every report compares with the previous check;
        # score it again only when it or the date changed.
        key = (previous_id, answers.updated_at, today())
        if self._previous_scored is not None and self._previous_scored[0] == key:
            return answers, self._previous_scored[1]
        from ..scoring import score

        assessment = score(self.content, answers, today())
        self._previous_scored = (key, assessment)
        return answers, assessment

    def show_results(self) -> None:
        if self.session is None:
            return
        assessment = self.session.assessment(today())
        if self.session.answers.finished_at is None:
            # Finished now; a check that was finished before keeps its date.
            self._guard(self.store.finish, self.session.id, assessment.situation)
            self.session.answers.finished_at = dt.datetime.now(dt.UTC)
        self._guard(self.store.set_place, self.session.id, RESULTS_PLACE)
        page = self._ensure_results()
        page.show_assessment(self.session.valid_answers(), assessment, self._previous(), today())
        self.stack.setCurrentWidget(page)

    def _jump_to_question(self, question_id: str) -> None:
        self._show_questionnaire()
        self.questionnaire.go_to_question(question_id)

    def _keep_what_if(self, changes: dict[str, Any]) -> None:
        assert self.session is not None
        try:
            self.session.keep(changes)
        except StoreError as exc:
            self._store_failed(exc)  # nothing was kept: the changes stay on the panel
            return
        if self._questionnaire is not None:
            self._questionnaire.session = None  # widgets show stale values: rebuild on next visit
        self.show_results()

    def show_report(self) -> None:
        if self.session is None:
            return
        from ..report import build_report
        from .report_view import ReportView

        answers = self.session.valid_answers()
        assessment = self.session.assessment(today())
        pdf = build_report(self.content, answers, assessment, self.lang, previous=self._previous())
        if self.report_view is None:
            self.report_view = ReportView(self.content)
            self.report_view.closed.connect(lambda: self.stack.setCurrentWidget(self.results))
            self.report_view.set_language(self.lang)
            self.stack.addWidget(self.report_view)
        name = self.content.texts.get("files.report_name", self.lang, date=today().isoformat())
        self.report_view.show_report(pdf, name, self.store.report_copies(self.session.id))
        self.stack.setCurrentWidget(self.report_view)

    # ------------------------------------------------------------------ files

    def _documents(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(folder) if folder else Path.home()

    def import_answers(self) -> None:
        from ..answers import AnswersError, read_answers

        t = self.content.texts.get
        path, _ = QFileDialog.getOpenFileName(
            self,
            t("files.import_title", self.lang),
            str(self._documents()),
            t("files.json_filter", self.lang),
        )
        if not path:
            return
        try:
            answers = read_answers(Path(path), self.content)
        except AnswersError as exc:
            name, error = Path(path).name, exc  # `exc` is gone once the except block ends

            def words(lang: str) -> str:
                problems = "\n".join("• " + line for line in error.render(self.content, lang))
                return t("notice.import_failed", lang, file=name, problems=problems)

            self.notice.show_message(words, self.lang)
            return
        answers.finished_at = None
        new_id = self._guard(self.store.create, answers)
        if new_id is not None and self._open_session(new_id):
            self.notify("notice.imported", file=Path(path).name)
            self.show_results()

    def export_answers(self, assessment_id: int | None) -> None:
        from ..answers import write_answers
        from ..files import write_problem

        t = self.content.texts.get
        if assessment_id is None:
            if self.session is None:
                self.notify("notice.nothing_to_export")
                return
            answers = self.session.valid_answers()
            skipped = len(self.session.answers.values) - len(answers.values)
        else:
            answers = self._guard(self.store.load, assessment_id)
            if answers is None:
                return
            skipped = 0
        name = t("files.answers_name", self.lang, date=answers.updated_at.date().isoformat())
        path, _ = QFileDialog.getSaveFileName(
            self,
            t("files.export_title", self.lang),
            str(self._documents() / name),
            t("files.json_filter", self.lang),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".json":
            target = target.with_name(target.name + ".json")
        try:
            write_answers(answers, target)
        except OSError as exc:
            self.notify(
                "notice.export_failed", file=str(target), reason=write_problem(t, exc, self.lang)
            )
            return
        key = "notice.exported_skipped" if skipped else "notice.exported"
        self.notify(key, file=str(target), count=skipped)

    def delete_assessment(self, assessment_id: int) -> None:
        t = self.content.texts.get
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(t("delete.title", self.lang))
        box.setText(t("delete.question", self.lang))
        delete = box.addButton(
            t("delete.confirm", self.lang), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(t("delete.keep", self.lang), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is not delete:
            return
        self._guard(self.store.delete, assessment_id)
        if self.session is not None and self.session.id == assessment_id:
            self.session = None
            if self._questionnaire is not None:
                self._questionnaire.session = None
        self._refresh_welcome()

    def show_about(self) -> None:
        from .about import AboutDialog

        dialog = AboutDialog(self.content, self.lang, self.store.path.parent, self)
        dialog.exec()
        dialog.deleteLater()

    def show_moved_aside(self, moved: MovedAside) -> None:
        self.notify(f"notice.moved_{moved.reason}", path=str(moved.moved_to))


# --------------------------------------------------------------------------- start

# The welcome page, the menus and the notices take their texts from these files.
FIRST_PAGE_TEXT_FILES = ("texts.toml", "texts-app.toml")
# If the first paint does not come (a window started minimised), load the content anyway.
FIRST_PAINT_WAIT_MS = 500
EXIT_WHEN_SHOWN_ENV = "SOLO_CHECK_EXIT_WHEN_SHOWN"


class FirstPageTexts:
    """Texts read straight from the TOML files, not yet validated; `get` works as
    `content.Texts.get` does."""

    def __init__(self, entries: dict[str, Any]) -> None:
        self.entries = entries

    def get(self, key: str, lang: str, **params: Any) -> str:
        text: str = self.entries[key][lang]
        return text.format(**params) if params else text


class FirstPageContent:
    """All the window has while its first page is shown and the content is not validated
    yet: the texts. `MainWindow.content_loaded` replaces it with the real content."""

    def __init__(self, texts: FirstPageTexts) -> None:
        self.texts = texts


class _FirstPaint(QObject):
    """Calls `then` once, from a zero timer after the window's first paint: the page is
    on screen and the event loop free again."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        if not self._done:
            self._done = True
            self._then()


def system_language() -> str:
    from ..cli import system_language as _system_language

    return _system_language()


def _language(store: Store) -> str:
    saved = store.setting("language")
    return saved if saved in ("de", "en") else system_language()


def create_window() -> MainWindow:
    """Open the store, load the content and build the window on its first page."""
    from ..content import load_content

    content = load_content()
    store, moved = Store.open()
    return _complete_window(content, store, moved, _set_aside(store))


def _set_aside(store: Store) -> list[SetAside]:
    """Read every check once at start: those that cannot be read are set aside now, and
    named to the person, instead of failing later wherever they are shown."""
    try:
        return store.set_aside_unreadable()
    except StoreError:
        return []  # the store cannot be read at all now: every later step says so


def check_name(t: Callable[..., str], check: SetAside, lang: str) -> str:
    """A check set aside as a person knows it: by the day it was begun, if that much can
    be read, and by its number. Built from the texts alone (no content needed)."""
    if check.created_at is None:
        return t("notice.set_aside_name_undated", lang, id=check.id)
    day = check.created_at.date()
    month = t(f"date.m{day.month}", lang)
    date = t("date.format", lang, day=day.day, month=month, year=day.year)
    return t("notice.set_aside_name", lang, date=date, id=check.id)


def _complete_window(
    content: Content, store: Store, moved: MovedAside | None, set_aside: list[SetAside]
) -> MainWindow:
    lang = _language(store)
    install_qt_translations(QApplication.instance(), lang)
    window = MainWindow(content, store, lang)
    if moved is not None:
        window.show_moved_aside(moved)
    unfinished = window._guard(store.unfinished)
    if unfinished is not None:
        window.resume(unfinished)
        if set_aside:
            window.show_set_aside(set_aside, then="notice.welcome_back")
        else:
            window.notify("notice.welcome_back")
    else:
        if set_aside:
            window.show_set_aside(set_aside)
        window.show_welcome()
    return window


def first_page_window(
    store: Store, moved: MovedAside | None, set_aside: list[SetAside] | None = None
) -> MainWindow | None:
    """The window on its welcome page, built from the texts alone, before the content is
    loaded. None when the first page needs the content (a check to resume) or the texts
    cannot be read as they are: then `start` goes the long way, which words any problem."""
    from ..paths import resources_dir
    from ..textfiles import read_texts

    try:
        if store.unfinished() is not None:
            return None
        has_history = bool(store.history())
        lang = _language(store)
        texts = FirstPageTexts(read_texts(resources_dir(), FIRST_PAGE_TEXT_FILES))
        install_qt_translations(QApplication.instance(), lang)
        window = MainWindow(FirstPageContent(texts), store, lang)
        if moved is not None:
            window.show_moved_aside(moved)
        if set_aside:
            window.show_set_aside(set_aside)
    except (StoreError, OSError, ValueError, LookupError, TypeError):
        # ValueError covers a TOML syntax error; LookupError and TypeError a text that is
        # missing or malformed. load_content reports each of them in words.
        return None
    if has_history:
        window.welcome.history_empty.hide()  # the list follows with the content
    window.show_welcome()
    return window


def _validated_content(shown: MainWindow | None = None) -> Content | None:
    """The content, or None after telling the person what is wrong with it. A window that
    is already shown goes first, disabled, so no click waiting in the queue reaches it."""
    from ..content import ContentError, load_content

    try:
        return load_content()
    except ContentError as exc:
        if shown is not None:
            shown.setEnabled(False)
            shown.hide()
        QMessageBox.critical(None, "Solo-Check", "\n".join(exc.problems[:20]))
        return None


def start(app: QApplication) -> int:
    """Show the first page as soon as possible, then make the window complete.

    The welcome page needs only its texts; it is shown before pydantic is imported and the
    content validated, which happens right after its first paint. Nothing runs on content
    that did not validate: then the window goes away and a message says what is wrong.
    """
    try:
        store, moved = Store.open()
    except StoreError as exc:
        from ..content import load_content

        finish_setup(app)
        text = load_content().texts.get(
            f"notice.store_{exc.reason}", system_language(), detail=exc.detail
        )
        if exc.reason == "in_use":
            # A second start (a double click too many): nothing is wrong, the answers
            # are open in the other window, and only that one may change them.
            QMessageBox.information(None, "Solo-Check", text)
        else:
            QMessageBox.critical(None, "Solo-Check", text)
        return 1
    set_aside = _set_aside(store)
    window = first_page_window(store, moved, set_aside)
    if window is None:
        finish_setup(app)  # the long way: no first page to show early
        content = _validated_content()
        if content is None:
            store.close()
            return 1
        window = _complete_window(content, store, moved, set_aside)
    exit_when_shown = bool(os.environ.get(EXIT_WHEN_SHOWN_ENV))

    def complete() -> None:
        # For the bundle's smoke test and the start-up benchmark: say when the first page
        # is painted and when the window is complete, then close normally.
        if exit_when_shown:
            print(f"solo-check: window shown: {window.windowTitle()}", flush=True)
        finish_setup(app)
        if not window.content_ready:
            content = _validated_content(window)
            if content is None:
                app.exit(1)
                return
            window.content_loaded(content)
        if exit_when_shown:
            print("solo-check: ready", flush=True)
            window.close()

    _FirstPaint(window, complete)
    window.show()
    code = app.exec()
    window.store.close()
    return code


if __name__ == "__main__":  # pragma: no cover
    from .app import run

    sys.exit(run())
