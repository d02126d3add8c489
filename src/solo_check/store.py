"""The store: every assessment, its answers and a few window settings in one SQLite file.

Nothing a person enters may be lost. Every change is committed in its own transaction
the moment it happens (WAL, synchronous=NORMAL: a crash of the program keeps every
committed change). The file is readable only by the user. A file at the store's place
that is damaged, belongs to another program or was written by a newer Solo-Check is
never overwritten: it is moved aside with its -wal/-shm files, a fresh store is started,
and the caller learns where the old file now is.

Inside a usable file, single values can still be damaged (SQLite's check does not look
into them): every value read is checked, and a check that cannot be read is set aside -
left in the file untouched, left out of every list, and named to the caller - while the
rest stays usable.

One process at a time has the store open: a lock file in the data folder, held for as
long as the store is open, keeps a second window from working on the same answers; a
store that finds its lock taken over refuses to write.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import errno
import json
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .paths import user_data_dir

if TYPE_CHECKING:
    # Imported where an Answers is built: `answers` pulls in pydantic, which the window's
    # first page must not wait for.
    from .answers import Answers

STORE_FILE = "solo-check.sqlite3"
LOCK_FILE = "solo-check.lock"  # beside the store; see _FolderLock
REPORTS_FOLDER = "reports"  # beside the store: the copies of reports opened in a PDF viewer
APPLICATION_ID = 0x536F6C43  # "SolC": marks the file as a Solo-Check store
SCHEMA_VERSION = 1  # PRAGMA user_version; a later version migrates from here
SQLITE_MAGIC = b"SQLite format 3\x00"
COMPANIONS = ("-wal", "-shm", "-journal")  # files SQLite keeps beside the database
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_POSIX = os.name == "posix"

_SCHEMA = """
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    questionnaire_id TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT,
    situation TEXT,
    place TEXT
);
CREATE TABLE answers (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    value TEXT,  -- JSON text; NULL when declined
    declined INTEGER NOT NULL DEFAULT 0 CHECK (declined IN (0, 1)),
    PRIMARY KEY (assessment_id, question_id)
) WITHOUT ROWID;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""
# Checks whose stored values cannot be read. Added to stores of every version (an older
# Solo-Check ignores the table), so no new schema version is needed.
_SET_ASIDE_SCHEMA = """
CREATE TABLE IF NOT EXISTS set_aside (
    assessment_id INTEGER PRIMARY KEY,
    created_at TEXT,  -- when the check was begun, if that much could be read
    problem TEXT NOT NULL,  -- which value could not be read
    at TEXT NOT NULL
)
"""
_TABLES = {"assessments", "answers", "settings"}
_LANGUAGES = ("de", "en")


class StoreError(Exception):
    """The store could not be opened or written. ``reason`` is "cannot_open" (also used when
    reading fails later), "write_failed", "in_use" (another process has the store open),
    "lock_lost" (another process took the lock over: nothing is written any more) or
    "damaged_check" (see DamagedCheck); ``detail`` is the system's own message."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class MovedAside:
    """A file that was at the store's place and is now kept under another name."""

    reason: str  # "damaged" | "foreign" | "newer"
    original: Path
    moved_to: Path


@dataclass(frozen=True)
class SetAside:
    """A check whose stored values cannot be read. It stays in the store file as it is
    (nothing of it is deleted or changed) and is left out of every list."""

    id: int
    created_at: dt.datetime | None  # when it was begun, if that much could be read
    problem: str  # which value could not be read, for whoever helps to recover it


class DamagedCheck(StoreError):
    """The check asked for cannot be read; it has been set aside."""

    def __init__(self, check: SetAside):
        super().__init__("damaged_check", f"{check.id}: {check.problem}")
        self.check = check


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    created_at: dt.datetime
    finished_at: dt.datetime
    situation: str | None  # the situation id recorded when finished
    questionnaire_version: str


@dataclass(frozen=True)
class Draft:
    """An assessment that is not finished yet."""

    id: int
    created_at: dt.datetime
    updated_at: dt.datetime


class Store:
    """One open store file. Use from one thread (the window's)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: _FolderLock | None = None):
        self.path = path
        self._conn: sqlite3.Connection | None = conn
        self._lock = lock
        # Checks found unreadable when the set_aside table could not be written: they are
        # left out of the lists all the same.
        self._unreadable: dict[int, SetAside] = {}

    # ----------------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: Path | None = None) -> tuple[Store, MovedAside | None]:
        """Open or create the store (default: user_data_dir() / STORE_FILE).

        Raises StoreError("in_use") while another process has a store in the same folder
        open: nothing there is inspected, moved or changed then."""
        path = Path(path) if path is not None else user_data_dir() / STORE_FILE
        lock = None
        try:
            _make_folder(path.parent)
            lock = _FolderLock.take(path.parent)
            problem = _inspect(path)
            moved = _move_aside(path, problem) if problem else None
            try:
                conn = _connect(path)
            except sqlite3.DatabaseError as exc:
                # Damage that only shows when the file is opened for writing.
                if moved is not None or not _is_damage(exc):
                    raise
                moved = _move_aside(path, "damaged")
                conn = _connect(path)
        except BaseException as exc:
            if lock is not None:
                lock.release()
            if isinstance(exc, OSError):
                raise StoreError("cannot_open", f"{path}: {exc.strerror or exc}") from exc
            if isinstance(exc, sqlite3.Error):
                raise StoreError("cannot_open", f"{path}: {exc}") from exc
            raise
        return cls(path, conn, lock), moved

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------------- assessments

    def create(self, answers: Answers) -> int:
        """A new assessment holding all of ``answers``; returns its id."""
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO assessments (questionnaire_id, questionnaire_version, language,"
                " created_at, updated_at, finished_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    answers.questionnaire_id,
                    answers.questionnaire_version,
                    answers.language,
                    _stamp(answers.created_at),
                    _stamp(answers.updated_at),
                    _stamp(answers.finished_at) if answers.finished_at else None,
                ),
            )
            new_id = int(cur.lastrowid or 0)
            rows = [(new_id, q, _dump(v), 0) for q, v in answers.values.items()]
            rows += [(new_id, q, None, 1) for q in answers.declined if q not in answers.values]
            conn.executemany("INSERT INTO answers VALUES (?, ?, ?, ?)", rows)
        return new_id

    def load(self, assessment_id: int) -> Answers:
        """Exactly what was stored: values, declined, language and timestamps.

        Raises KeyError for an id not in the store, DamagedCheck (after setting the check
        aside) when one of its values cannot be read."""
        with self._read() as conn:
            raw = conn.execute(f"{_ROW_SQL} WHERE id = ?", (assessment_id,)).fetchone()
            if raw is None:
                raise KeyError(assessment_id)
            aside = self._set_aside_ids(conn)
            if assessment_id in aside:
                raise DamagedCheck(aside[assessment_id])
            try:
                row = _Row.read(raw)
                values, declined = _read_answers(conn, assessment_id)
            except _Unreadable as exc:
                raise DamagedCheck(self._put_aside(raw, exc)) from None
        from .answers import Answers

        return Answers(
            questionnaire_id=row.questionnaire_id,
            questionnaire_version=row.questionnaire_version,
            language=row.language,  # type: ignore[arg-type]  # checked by _Row.read
            values=values,
            declined=declined,
            created_at=row.created_at,
            updated_at=row.updated_at,
            finished_at=row.finished_at,
        )

    def set_aside_unreadable(self) -> list[SetAside]:
        """Read every check through; set aside each that cannot be read. Returns the checks
        set aside now (not those set aside before), oldest first. Builds no Answers, so
        the window can call it before pydantic is imported."""
        found: list[SetAside] = []
        with self._read() as conn:
            aside = self._set_aside_ids(conn)
            for raw in conn.execute(_ROW_SQL).fetchall():
                if raw[0] in aside:
                    continue
                try:
                    _Row.read(raw)
                    _read_answers(conn, raw[0])
                except _Unreadable as exc:
                    found.append(self._put_aside(raw, exc))
        return sorted(found, key=lambda c: c.id)

    def set_aside(self) -> list[SetAside]:
        """Every check set aside so far, oldest first."""
        with self._read() as conn:
            return sorted(self._set_aside_ids(conn).values(), key=lambda c: c.id)

    def unfinished(self) -> int | None:
        """The most recently updated assessment that is not finished, if any."""
        rows = [r for r in self._rows() if r.finished_at is None]
        if not rows:
            return None
        return max(rows, key=lambda r: (_order(r.updated_at), r.id)).id

    def set_answer(self, assessment_id: int, question_id: str, value: Any) -> None:
        """Store any JSON value as given (it need not be valid yet); one transaction."""
        self.change(assessment_id, {question_id: value})

    def change(
        self,
        assessment_id: int,
        values: dict[str, Any],
        cleared: Iterable[str] = (),
        *,
        reopen: bool = False,
    ) -> None:
        """Set several answers and clear others in one transaction: after a crash or a
        failure either all of it is stored or none. ``reopen`` makes a finished check
        unfinished in the same transaction."""
        rows = [(assessment_id, qid, _dump(v)) for qid, v in values.items()]
        with self._write() as conn:
            self._touch(conn, assessment_id)
            if reopen:
                conn.execute(
                    "UPDATE assessments SET finished_at = NULL, situation = NULL WHERE id = ?",
                    (assessment_id,),
                )
            conn.executemany(
                "INSERT INTO answers VALUES (?, ?, ?, 0) ON CONFLICT DO UPDATE"
                " SET value = excluded.value, declined = 0",
                rows,
            )
            conn.executemany(
                "DELETE FROM answers WHERE assessment_id = ? AND question_id = ?",
                [(assessment_id, qid) for qid in cleared],
            )

    def decline(self, assessment_id: int, question_id: str) -> None:
        """ "Prefer not to say": the value goes, the question is recorded as declined."""
        with self._write() as conn:
            self._touch(conn, assessment_id)
            conn.execute(
                "INSERT INTO answers VALUES (?, ?, NULL, 1) ON CONFLICT DO UPDATE"
                " SET value = NULL, declined = 1",
                (assessment_id, question_id),
            )

    def clear(self, assessment_id: int, question_id: str) -> None:
        """Neither answered nor declined."""
        with self._write() as conn:
            self._touch(conn, assessment_id)
            conn.execute(
                "DELETE FROM answers WHERE assessment_id = ? AND question_id = ?",
                (assessment_id, question_id),
            )

    def set_language(self, assessment_id: int, lang: str) -> None:
        self._update(assessment_id, "language = ?", lang)

    def set_place(self, assessment_id: int, place: str) -> None:
        """Where the person is (page or question id), to resume there after a crash."""
        self._update(assessment_id, "place = ?", place)

    def place(self, assessment_id: int) -> str | None:
        # Only a hint where to carry on: one that cannot be read means the first section.
        value = self._column(assessment_id, "place")
        return value if isinstance(value, str) else None

    def finish(
        self, assessment_id: int, situation: str | None, at: dt.datetime | None = None
    ) -> None:
        """Finished (now, or at the given moment), with the situation it came to."""
        moment = _stamp(at or _now())
        self._update(assessment_id, "finished_at = ?, situation = ?", moment, situation)

    def reopen(self, assessment_id: int) -> None:
        """Not finished any more; counts as an update, so a crash resumes this one."""
        self._update(
            assessment_id, "finished_at = NULL, situation = NULL, updated_at = ?", _stamp(_now())
        )

    def history(self) -> list[HistoryEntry]:
        """Finished assessments, newest first."""
        entries = [
            HistoryEntry(r.id, r.created_at, r.finished_at, r.situation, r.questionnaire_version)
            for r in self._rows()
            if r.finished_at is not None
        ]
        entries.sort(key=lambda e: (_order(e.finished_at), e.id), reverse=True)
        return entries

    def drafts(self) -> list[Draft]:
        """Assessments not finished yet, most recently changed first."""
        drafts = [Draft(r.id, r.created_at, r.updated_at) for r in self._rows() if not r.finished]
        drafts.sort(key=lambda d: (_order(d.updated_at), d.id), reverse=True)
        return drafts

    def previous_finished(self, assessment_id: int) -> int | None:
        """The finished assessment before this one, for comparison. "Before" is by
        finished_at; an assessment that is not finished is placed at its created_at."""
        rows = {r.id: r for r in self._rows()}
        row = rows.get(assessment_id)
        if row is None:
            with self._read() as conn:
                found = conn.execute(
                    "SELECT 1 FROM assessments WHERE id = ?", (assessment_id,)
                ).fetchone()
            if found is None:
                raise KeyError(assessment_id)
            raise DamagedCheck(self._aside_entry(assessment_id))
        mark = (_order(row.finished_at or row.created_at), assessment_id)
        earlier = [e for e in self.history() if (_order(e.finished_at), e.id) < mark]
        return earlier[0].id if earlier else None

    def delete(self, assessment_id: int) -> None:
        """The assessment, its answers and the copies of its report made for a PDF viewer.

        Deleted answers are overwritten in the file (secure_delete) and the write-ahead
        log, which still holds earlier versions of the pages, is emptied."""
        with self._write() as conn:
            conn.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))
            conn.execute("DELETE FROM set_aside WHERE assessment_id = ?", (assessment_id,))
        self._unreadable.pop(assessment_id, None)
        # Best effort: the deletion itself is committed; a reader elsewhere can only delay
        # the emptying of the log until the store is closed.
        with contextlib.suppress(sqlite3.Error):
            self._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _remove_report_copies(self.report_copies(assessment_id))

    def report_copies(self, assessment_id: int) -> Path:
        """The folder for copies of this check's report opened in a PDF viewer: deleting
        the check deletes them too."""
        return self.path.parent / REPORTS_FOLDER / str(assessment_id)

    # ----------------------------------------------------------------------- settings

    def setting(self, key: str) -> str | None:
        with self._read() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        # A setting that cannot be read counts as not set; it is written anew when changed.
        return row[0] if row and isinstance(row[0], str) else None

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO settings VALUES (?, ?)"
                " ON CONFLICT DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # ----------------------------------------------------------------------- internals

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise sqlite3.ProgrammingError("the store is closed")
        return self._conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; SQLite's errors become StoreError("write_failed")."""
        conn = self._connection()
        if self._lock is not None and not self._lock.still_ours():
            raise StoreError("lock_lost", str(self._lock.path))
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError("write_failed", str(exc)) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError("write_failed", str(exc)) from exc
            raise

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        conn = self._connection()
        try:
            yield conn
        except sqlite3.Error as exc:
            raise StoreError("cannot_open", str(exc)) from exc

    def _rows(self) -> list[_Row]:
        """Every readable check that is not set aside; those that cannot be read are set
        aside now."""
        rows: list[_Row] = []
        with self._read() as conn:
            aside = self._set_aside_ids(conn)
            for raw in conn.execute(_ROW_SQL).fetchall():
                if raw[0] in aside:
                    continue
                try:
                    rows.append(_Row.read(raw))
                except _Unreadable as exc:
                    self._put_aside(raw, exc)
        return rows

    def _set_aside_ids(self, conn: sqlite3.Connection) -> dict[int, SetAside]:
        found = dict(self._unreadable)
        for aid, created, problem in conn.execute(
            "SELECT assessment_id, created_at, problem FROM set_aside"
        ):
            found[aid] = SetAside(
                aid, _moment_or_none(created), problem if isinstance(problem, str) else "?"
            )
        return found

    def _aside_entry(self, assessment_id: int) -> SetAside:
        with self._read() as conn:
            aside = self._set_aside_ids(conn)
        return aside.get(assessment_id) or SetAside(assessment_id, None, "?")

    def _put_aside(self, raw: tuple[Any, ...], why: _Unreadable) -> SetAside:
        """Record that this check cannot be read. Its rows are not touched."""
        check = SetAside(raw[0], _moment_or_none(raw[4]), str(why))
        self._unreadable[check.id] = check
        # Recorded in the file, so the person is told once; if that fails, the check is
        # left out of this session's lists all the same and named again at the next start.
        with contextlib.suppress(StoreError), self._write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO set_aside VALUES (?, ?, ?, ?)",
                (
                    check.id,
                    _stamp(check.created_at) if check.created_at else None,
                    check.problem,
                    _stamp(_now()),
                ),
            )
        return check

    def _touch(self, conn: sqlite3.Connection, assessment_id: int) -> None:
        cur = conn.execute(
            "UPDATE assessments SET updated_at = ? WHERE id = ?", (_stamp(_now()), assessment_id)
        )
        if cur.rowcount == 0:
            raise KeyError(assessment_id)

    def _update(self, assessment_id: int, assignments: str, *params: Any) -> None:
        with self._write() as conn:
            cur = conn.execute(
                f"UPDATE assessments SET {assignments} WHERE id = ?", (*params, assessment_id)
            )
            if cur.rowcount == 0:
                raise KeyError(assessment_id)

    def _column(self, assessment_id: int, column: str) -> Any:
        with self._read() as conn:
            row = conn.execute(
                f"SELECT {column} FROM assessments WHERE id = ?", (assessment_id,)
            ).fetchone()
        if row is None:
            raise KeyError(assessment_id)
        return row[0]


# --------------------------------------------------------------------------- reading values

_ROW_SQL = (
    "SELECT id, questionnaire_id, questionnaire_version, language, created_at, updated_at,"
    " finished_at, situation FROM assessments"
)


class _Unreadable(Exception):
    """A stored value that this program does not write: the file was damaged there. The
    message names the value (table.column and the question), never its content."""


class _Garbled(bytes):
    """Text in the file that is not UTF-8. Solo-Check writes only UTF-8, so only damage
    puts it there; reading it as bytes (instead of failing the whole query) lets the rows
    around it be read."""


def _text(raw: bytes) -> str | _Garbled:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _Garbled(raw)


@dataclass(frozen=True)
class _Row:
    """One row of the assessments table, every value checked."""

    id: int
    questionnaire_id: str
    questionnaire_version: str
    language: str
    created_at: dt.datetime
    updated_at: dt.datetime
    finished_at: dt.datetime | None
    situation: str | None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @classmethod
    def read(cls, raw: tuple[Any, ...]) -> _Row:
        aid, qid, version, language, created, updated, finished, situation = raw
        if language not in _LANGUAGES:
            raise _Unreadable("assessments.language")
        if situation is not None and not isinstance(situation, str):
            raise _Unreadable("assessments.situation")
        return cls(
            id=aid,
            questionnaire_id=_str(qid, "assessments.questionnaire_id"),
            questionnaire_version=_str(version, "assessments.questionnaire_version"),
            language=language,
            created_at=_moment(created, "assessments.created_at"),
            updated_at=_moment(updated, "assessments.updated_at"),
            finished_at=None if finished is None else _moment(finished, "assessments.finished_at"),
            situation=situation,
        )


def _read_answers(conn: sqlite3.Connection, assessment_id: int) -> tuple[dict[str, Any], set[str]]:
    values: dict[str, Any] = {}
    declined: set[str] = set()
    rows = conn.execute(
        "SELECT question_id, value, declined FROM answers WHERE assessment_id = ?",
        (assessment_id,),
    ).fetchall()
    for qid, text, flag in rows:
        if not isinstance(qid, str) or not qid:
            raise _Unreadable("answers.question_id")
        if qid in values or qid in declined:  # the key of a row was damaged into another's
            raise _Unreadable(f"answers.question_id {qid}")
        if flag == 1 and text is None:
            declined.add(qid)
        elif flag == 0 and isinstance(text, str):
            try:
                values[qid] = json.loads(text)
            except (ValueError, RecursionError):
                raise _Unreadable(f"answers.value {qid}") from None
        else:
            raise _Unreadable(f"answers.declined {qid}")
    return values, declined


def _str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise _Unreadable(what)
    return value


def _moment(value: Any, what: str) -> dt.datetime:
    try:
        return _parse(_str(value, what))
    except ValueError:
        raise _Unreadable(what) from None


def _moment_or_none(value: Any) -> dt.datetime | None:
    try:
        return _moment(value, "")
    except _Unreadable:
        return None


# --------------------------------------------------------------------------- report copies


def _remove_report_copies(folder: Path) -> None:
    """The PDF copies of one check's report (and leftovers of writing them); the folder
    goes too once it is empty. What cannot be removed stays: the check is deleted anyway."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.name.endswith((".pdf", ".tmp")):
                os.unlink(entry.path)
    with contextlib.suppress(OSError):
        os.rmdir(folder)


# --------------------------------------------------------------------------- the lock


class _FolderLock:
    """The lock file in the data folder, held by one process for as long as it has the
    store open.

    An advisory lock on an open file (flock; a locked byte on Windows) rather than a file
    that merely exists: the system drops it when the process ends, however it ends (a
    crash, SIGKILL, power loss), so a lock is never stale and no process id has to be
    guessed at. Several Store objects of one process share it. The file itself is never
    deleted: deleting it would let two processes each lock a file of the same name.
    """

    _held: dict[str, _FolderLock] = {}  # noqa: RUF012 - one per folder and process

    def __init__(self, key: str, path: Path, fd: int | None):
        self.key = key
        self.path = path
        self.fd = fd  # None: the file system has no locks, so none is kept
        self.users = 0

    @classmethod
    def take(cls, folder: Path) -> _FolderLock:
        """This process's lock on ``folder``; StoreError("in_use") if another holds it."""
        key = os.path.realpath(folder)
        lock = cls._held.get(key)
        if lock is None or not lock.still_ours():
            lock = cls(key, Path(key) / LOCK_FILE, _lock_file(Path(key) / LOCK_FILE))
            cls._held[key] = lock
        lock.users += 1
        return lock

    def still_ours(self) -> bool:
        """The lock file at its place is still the one this process has locked (not
        deleted and made anew, perhaps locked by another process)."""
        if self.fd is None:
            return True
        try:
            here = os.stat(self.path)
        except OSError:
            return False
        held = os.fstat(self.fd)
        return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)

    def release(self) -> None:
        self.users -= 1
        if self.users > 0:
            return
        if self._held.get(self.key) is self:
            del self._held[self.key]
        if self.fd is not None:
            os.close(self.fd)  # closing the file releases the lock
            self.fd = None


_LOCKED = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK}


def _lock_file(path: Path) -> int | None:
    """Open and lock the lock file; its descriptor, or None where the file system does not
    lock (then the program carries on as before, without the guard)."""
    for _attempt in range(3):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            _lock_fd(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _LOCKED:
                raise StoreError("in_use", str(path)) from None
            return None
        info = os.fstat(fd)
        try:
            here = os.stat(path)
        except FileNotFoundError:
            here = None
        if here is not None and (here.st_dev, here.st_ino) == (info.st_dev, info.st_ino):
            if _POSIX:
                if stat.S_IMODE(info.st_mode) & 0o077:
                    os.fchmod(fd, 0o600)
                # For a person looking into the folder: which process has it open.
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
            return fd
        os.close(fd)  # replaced between opening and locking: lock the new one
    raise StoreError("in_use", str(path))


def _lock_fd(fd: int) -> None:
    if _POSIX:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)


# --------------------------------------------------------------------------- values and time


def _dump(value: Any) -> str:
    # ASCII escapes keep any Python text storable (even a lone surrogate) and exact.
    return json.dumps(value, ensure_ascii=True)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)  # as answers.py stamps


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat()


def _parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _order(moment: str | dt.datetime) -> dt.datetime:
    """A comparable instant; a time without zone (hand-made import) is taken as UTC."""
    if isinstance(moment, str):
        moment = _parse(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# --------------------------------------------------------------------------- the file


def _make_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    folder.mkdir(parents=True, mode=0o700)
    if _POSIX:
        os.chmod(folder, 0o700)


def _inspect(path: Path) -> str | None:
    """Why the file at ``path`` cannot be used as it is ("damaged", "foreign", "newer"),
    or None when it is our store, empty or missing. Reads only; changes nothing."""
    if not path.exists():
        return "damaged" if _has_journal(path) else None
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head:
        return "damaged" if _has_journal(path) else None
    if not head.startswith(SQLITE_MAGIC):
        return "foreign" if _looks_like_text(head) else "damaged"
    if not _sane_header(head):
        return "damaged"
    if int.from_bytes(head[68:72], "big") not in (0, APPLICATION_ID):
        return "foreign"  # decided from the header alone: SQLite never touches it
    before = _companions(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.text_factory = _text  # a damaged table name is a verdict, not an exception
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            schema = dict(conn.execute("SELECT name, sql FROM sqlite_master").fetchall())
            check = [r[0] for r in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if not _is_damage(exc):
            raise  # locked, unreadable...: not the file's fault, so keep it where it is
        check, app_id, version, schema = ["damaged"], APPLICATION_ID, SCHEMA_VERSION, {}
    except UnicodeDecodeError:  # SQLite's message quotes a damaged part of the schema
        check, app_id, version, schema = ["damaged"], APPLICATION_ID, SCHEMA_VERSION, {}
    reason = _verdict(check, app_id, version, schema)
    if reason:  # the empty -wal/-shm that reading a WAL database leaves behind are ours
        for made in _companions(path) - before:
            made.unlink()
    return reason


def _verdict(check: list[str], app_id: int, version: int, schema: dict[Any, Any]) -> str | None:
    """``schema``: name -> CREATE statement of everything in the file's sqlite_master."""
    if check != ["ok"]:
        return "damaged"
    if app_id != APPLICATION_ID:
        return "foreign"
    if version > SCHEMA_VERSION:
        return "newer"
    if version == 0 and not schema:
        return None  # our initialisation was interrupted before any data
    # Tables and version are made in one transaction; the statements that made the tables
    # are kept in the file as they were written. A difference is damage that quick_check
    # does not see: a changed column name fails only at the next write, a changed default
    # or constraint never fails at all.
    expected = _expected_schema()
    for name, sql in expected.items():
        if schema.get(name) != sql and (name in _TABLES or name in schema):
            return "damaged"
    return None if version == SCHEMA_VERSION else "damaged"


_EXPECTED: dict[str, str] = {}


def _expected_schema() -> dict[str, str]:
    """Name -> CREATE statement of our tables, as SQLite keeps them (made once in memory
    the way _connect makes them)."""
    if not _EXPECTED:
        conn = sqlite3.connect(":memory:")
        try:
            conn.executescript(_SCHEMA)
            conn.execute(_SET_ASIDE_SCHEMA)
            _EXPECTED.update(conn.execute("SELECT name, sql FROM sqlite_master").fetchall())
        finally:
            conn.close()
    return _EXPECTED


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF in _DAMAGE_CODES


def _sane_header(head: bytes) -> bool:
    """The fixed fields of an SQLite header hold what the format says; if not, nothing else
    in it (such as the application id) can be trusted."""
    if len(head) < 100:
        return False
    size = int.from_bytes(head[16:18], "big")  # 1 stands for 65536
    size_ok = size == 1 or (512 <= size <= 32768 and size & (size - 1) == 0)
    return size_ok and head[21:24] == bytes([64, 32, 32])  # payload fractions, fixed


def _companions(path: Path) -> set[Path]:
    return {c for c in (Path(f"{path}{s}") for s in COMPANIONS) if c.exists()}


def _has_journal(path: Path) -> bool:
    """A non-empty -wal or -journal without a database: data SQLite would replay."""
    for suffix in ("-wal", "-journal"):
        companion = Path(f"{path}{suffix}")
        if companion.exists() and companion.stat().st_size > 0:
            return True
    return False


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _move_aside(path: Path, reason: str) -> MovedAside:
    """Rename the file and its companions to ``<name>.<reason>-YYYYMMDD-HHMMSS``."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")  # local time: the person reads it
    target = path.with_name(f"{path.name}.{reason}-{stamp}")
    n = 1
    while any(Path(f"{target}{s}").exists() for s in ("", *COMPANIONS)):
        n += 1
        target = path.with_name(f"{path.name}.{reason}-{stamp}-{n}")
    for suffix in ("", *COMPANIONS):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.rename(source, f"{target}{suffix}")
    return MovedAside(reason, path, target)


def _connect(path: Path) -> sqlite3.Connection:
    """Open the store read-write, creating and initialising it when it is new."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    if path.stat().st_size == 0:  # -wal/-shm beside an empty file are stale and empty
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{path}{suffix}")
    _tighten(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.text_factory = _text
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise sqlite3.OperationalError(f"journal mode stays {mode}")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Deleted answers are overwritten with zeros, not merely marked free: many SQLite
        # builds leave them readable in the file otherwise.
        conn.execute("PRAGMA secure_delete = ON")
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            # tables and version in one transaction: a store has both or neither
            conn.executescript(
                f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            )
        conn.execute(_SET_ASIDE_SCHEMA)
    except BaseException:
        conn.close()
        raise
    _tighten(path)
    return conn


def _tighten(path: Path) -> None:
    """Make the database and its companions readable by the user only."""
    if not _POSIX:
        return
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            name = f"{path}{suffix}"
            if os.stat(name).st_mode & 0o077:
                os.chmod(name, 0o600)
