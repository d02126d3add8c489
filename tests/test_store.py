"""The store keeps everything a person enters: round trips, file modes, crashes, and files
at the store's place that are damaged, foreign or newer (kept aside, never overwritten)."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from solo_check.answers import Answers
from solo_check.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    STORE_FILE,
    MovedAside,
    Store,
    StoreError,
)

UTC = dt.UTC
HOSTILE_TEXTS = [
    "Grüße aus Köln – Straße, Maß, ÄÖÜ äöü ß",
    "Kundin 😀👩🏽‍💻🇩🇪 und 漢字",
    "Zeile 1\nZeile 2\r\nZeile 3\ttab",
    "x" * 20_000,
    "'); DROP TABLE answers; --",
    'Anführungszeichen " \\ \\n (kein Zeilenumbruch)',
    "nul \x00 in der Mitte",
    "\u202eRechts-nach-links\u202c",
    "lone surrogate \ud800",
    "",
]
VALUES = [
    "it_services",
    ["a", "b", "none"],
    0,
    -3,
    10**30,
    0.1,
    -0.0,
    1e300,
    2.0,
    True,
    None,
    {"routine": 33.3, "creative": 20},  # allocation short of 100 %: still stored
    {"nested": {"list": [1, "zwei", None, {"x": []}]}},
    -5_000_000,  # a number far out of range: still stored
    "2026-13",  # a month that is not valid yet
    *HOSTILE_TEXTS,
]


def new_answers(**kw) -> Answers:
    return Answers(questionnaire_id="solo_check", questionnaire_version="1.0.0", **kw)


@pytest.fixture
def store(tmp_path):
    opened, moved = Store.open(tmp_path / "data" / STORE_FILE)
    assert moved is None
    yield opened
    opened.close()


def reopen(store: Store) -> Store:
    store.close()
    again, moved = Store.open(store.path)
    assert moved is None
    return again


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --------------------------------------------------------------------------- round trips


def test_every_value_comes_back_unchanged_after_reopening(store):
    aid = store.create(new_answers())
    for n, value in enumerate(VALUES):
        store.set_answer(aid, f"q{n}", value)
    store = reopen(store)
    loaded = store.load(aid).values
    assert set(loaded) == {f"q{n}" for n in range(len(VALUES))}
    for n, value in enumerate(VALUES):
        # repr tells 1 from 1.0 and -0.0 from 0.0, and keeps dict order
        assert repr(loaded[f"q{n}"]) == repr(value), n
    store.close()


def test_create_keeps_all_of_the_answers(store):
    created = dt.datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    answers = new_answers(
        language="en",
        values={"occupation": "translator", "text": HOSTILE_TEXTS[1], "share": {"a": 100}},
        declined={"income", "reserve"},
        created_at=created,
        updated_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        finished_at=dt.datetime(2026, 3, 2, 9, 5, tzinfo=UTC),
    )
    aid = store.create(answers)
    store = reopen(store)
    loaded = store.load(aid)
    assert loaded == answers
    assert loaded.created_at.utcoffset() == dt.timedelta(hours=1)
    store.close()


def test_a_fresh_assessment_round_trips_its_own_timestamps(store):
    answers = new_answers()
    aid = store.create(answers)
    assert store.load(aid) == answers
    assert store.load(aid).finished_at is None


def test_set_answer_bumps_updated_at(store):
    long_ago = dt.datetime(2020, 1, 1, tzinfo=UTC)
    aid = store.create(new_answers(created_at=long_ago, updated_at=long_ago))
    store.set_answer(aid, "q", 1)
    loaded = store.load(aid)
    assert loaded.created_at == long_ago
    assert loaded.updated_at > long_ago
    assert loaded.updated_at.tzinfo is not None


def test_declined_and_cleared_are_different(store):
    aid = store.create(new_answers())
    store.set_answer(aid, "income", "3000_5000")
    store.set_answer(aid, "reserve", "three_months")
    store.decline(aid, "income")
    store.clear(aid, "reserve")
    store.decline(aid, "never_answered")
    store = reopen(store)
    loaded = store.load(aid)
    assert loaded.values == {}
    assert loaded.declined == {"income", "never_answered"}
    store.set_answer(aid, "income", "under_1000")  # answering takes the decline back
    store.clear(aid, "never_answered")
    loaded = store.load(aid)
    assert loaded.values == {"income": "under_1000"}
    assert loaded.declined == set()
    store.close()


def test_language_and_place(store):
    aid = store.create(new_answers())
    assert store.place(aid) is None
    store.set_language(aid, "en")
    store.set_place(aid, "section:buffers/q:reserve_months")
    store = reopen(store)
    assert store.load(aid).language == "en"
    assert store.place(aid) == "section:buffers/q:reserve_months"
    store.close()


def test_unknown_assessment_is_a_key_error_and_writes_nothing(store):
    with pytest.raises(KeyError):
        store.load(99)
    with pytest.raises(KeyError):
        store.set_answer(99, "q", 1)
    with pytest.raises(KeyError):
        store.place(99)
    with pytest.raises(KeyError):
        store.finish(99, None)
    aid = store.create(new_answers())
    store.set_answer(aid, "q", 1)  # the store still works after a refused change
    assert store.load(aid).values == {"q": 1}


def test_unfinished_finish_and_reopen(store):
    assert store.unfinished() is None
    recent = store.create(new_answers(updated_at=dt.datetime(2026, 5, 1, tzinfo=UTC)))
    older = store.create(new_answers(updated_at=dt.datetime(2025, 5, 1, tzinfo=UTC)))
    assert store.unfinished() == recent  # by updated_at, not by id
    store.set_answer(older, "q", "x")
    assert store.unfinished() == older
    store.finish(older, "stable_niche")
    assert store.unfinished() == recent
    store.finish(recent, None)
    assert store.unfinished() is None
    store = reopen(store)
    assert store.load(older).finished_at is not None
    assert [e.situation for e in store.history() if e.id == older] == ["stable_niche"]
    store.reopen(older)
    assert store.load(older).finished_at is None
    assert store.unfinished() == older
    assert [e.id for e in store.history()] == [recent]
    store.close()


def test_history_newest_first_and_previous_finished(store):
    def at(day: int) -> dt.datetime:
        return dt.datetime(2026, 1, day, 12, tzinfo=UTC)

    # created out of order: history follows finished_at, not the id
    middle = store.create(new_answers(created_at=at(1), finished_at=at(10)))
    first = store.create(new_answers(created_at=at(2), finished_at=at(5)))
    last = store.create(new_answers(created_at=at(3), finished_at=at(20)))
    draft = store.create(new_answers(created_at=at(25)))
    history = store.history()
    assert [e.id for e in history] == [last, middle, first]
    assert history[0].finished_at == at(20)
    assert history[0].created_at == at(3)
    assert history[0].questionnaire_version == "1.0.0"
    assert draft not in [e.id for e in history]
    assert store.previous_finished(last) == middle
    assert store.previous_finished(middle) == first
    assert store.previous_finished(first) is None
    assert store.previous_finished(draft) == last  # not finished: placed at its creation
    store.finish(draft, "growth")
    assert store.history()[0].id == draft
    assert store.previous_finished(draft) == last
    store.finish(draft, "growth", at(15))
    assert store.history()[1].id == draft and store.history()[1].finished_at == at(15)


def test_drafts_are_the_unfinished_ones_most_recently_changed_first(store):
    def at(day: int) -> dt.datetime:
        return dt.datetime(2026, 1, day, 12, tzinfo=UTC)

    older = store.create(new_answers(updated_at=at(1)))
    newer = store.create(new_answers(updated_at=at(2)))
    assert [d.id for d in store.drafts()] == [newer, older]
    done = store.create(new_answers(updated_at=at(3)))
    store.finish(done, None)
    store.set_answer(older, "q", 1)  # changed last
    assert [d.id for d in store.drafts()] == [older, newer]
    store.finish(older, None)
    assert [d.id for d in store.drafts()] == [newer]


def test_delete_removes_the_assessment_and_its_answers(store):
    keep = store.create(new_answers(values={"q": 1}))
    gone = store.create(new_answers(values={"q": 2, "r": 3}, declined={"s"}))
    store.finish(gone, None)
    store.delete(gone)
    with pytest.raises(KeyError):
        store.load(gone)
    assert [e.id for e in store.history()] == []
    assert store.load(keep).values == {"q": 1}
    store.close()
    with sqlite3.connect(store.path) as raw:
        rows = raw.execute("SELECT count(*) FROM answers WHERE assessment_id = ?", (gone,))
        assert rows.fetchone()[0] == 0
        assert raw.execute("SELECT count(*) FROM answers").fetchone()[0] == 1
    raw.close()


def test_settings(store):
    assert store.setting("geometry") is None
    store.set_setting("geometry", "AdnQywADAAAAAAA=")
    store.set_setting("language", "en")
    store.set_setting("language", "de")
    store.set_setting("note", HOSTILE_TEXTS[0])
    store = reopen(store)
    assert store.setting("geometry") == "AdnQywADAAAAAAA="
    assert store.setting("language") == "de"
    assert store.setting("note") == HOSTILE_TEXTS[0]
    store.close()


def test_default_place_honours_solo_check_home(tmp_path, monkeypatch):
    monkeypatch.setenv("SOLO_CHECK_HOME", str(tmp_path / "home"))
    store, moved = Store.open()
    assert moved is None
    assert store.path == tmp_path / "home" / STORE_FILE
    assert store.path.is_file()
    store.close()


# --------------------------------------------------------------------------- file modes


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_files_readable_only_by_the_user(tmp_path):
    folder = tmp_path / "new" / "data"
    store, _ = Store.open(folder / STORE_FILE)
    aid = store.create(new_answers())
    store.set_answer(aid, "q", "x")
    assert mode(folder) == 0o700
    for suffix in ("", "-wal", "-shm"):
        companion = Path(f"{store.path}{suffix}")
        assert companion.exists(), suffix
        assert mode(companion) == 0o600, suffix
    store.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_loose_modes_of_an_existing_store_are_tightened(tmp_path):
    store, _ = Store.open(tmp_path / STORE_FILE)
    store.close()
    os.chmod(store.path, 0o644)
    old_umask = os.umask(0o022)
    try:
        store, moved = Store.open(store.path)
        store.set_answer(store.create(new_answers()), "q", 1)
    finally:
        os.umask(old_umask)
    assert moved is None
    for suffix in ("", "-wal", "-shm"):
        assert mode(Path(f"{store.path}{suffix}")) == 0o600, suffix
    store.close()


# --------------------------------------------------------------------------- crash safety

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from solo_check.answers import Answers
    from solo_check.store import Store

    store, _ = Store.open(Path(sys.argv[1]))
    aid = store.create(Answers("solo_check", "1.0.0"))
    for n in range(int(sys.argv[2])):
        store.set_answer(aid, f"q{n}", {"n": n, "text": "Grüße " * n})
    store.set_place(aid, f"q{int(sys.argv[2]) - 1}")
    print("ready", aid, flush=True)
    time.sleep(120)
    """
)


@pytest.mark.parametrize("count", [1, 7, 250])
def test_every_committed_answer_survives_a_killed_program(tmp_path, count):
    path = tmp_path / STORE_FILE
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(count)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = writer.stdout.readline()
        assert line.startswith("ready"), line
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    # the answers are still only in the write-ahead log: reopening must recover them
    assert Path(f"{path}-wal").stat().st_size > 0
    aid = int(line.split()[1])
    store, moved = Store.open(path)
    assert moved is None
    assert store.load(aid).values == {f"q{n}": {"n": n, "text": "Grüße " * n} for n in range(count)}
    assert store.place(aid) == f"q{count - 1}"
    assert store.unfinished() == aid
    store.close()


# --------------------------------------------------------------------------- files not ours


def real_store_bytes(tmp_path: Path) -> bytes:
    """A closed store with several pages of answers."""
    store, _ = Store.open(tmp_path / "model" / STORE_FILE)
    aid = store.create(new_answers())
    for n in range(150):
        store.set_answer(aid, f"q{n}", f"Antwort {n} " * 40)
    store.close()
    data = store.path.read_bytes()
    assert len(data) > 8 * 4096
    return data


def damaged_random(tmp_path: Path) -> bytes:
    return random.Random(7).randbytes(20_000)


def damaged_after_the_magic(tmp_path: Path) -> bytes:
    """The SQLite magic, then garbage: its 'application id' is garbage too."""
    return b"SQLite format 3\x00" + bytes(range(256)) * 40


def damaged_truncated(tmp_path: Path) -> bytes:
    data = real_store_bytes(tmp_path)
    return data[: len(data) // 2 + 123]


def damaged_page(tmp_path: Path) -> bytes:
    data = bytearray(real_store_bytes(tmp_path))
    data[3 * 4096 : 4 * 4096] = random.Random(3).randbytes(4096)
    return bytes(data)


def damaged_header(tmp_path: Path) -> bytes:
    data = bytearray(real_store_bytes(tmp_path))
    data[0:100] = bytes(100)
    return bytes(data)


def foreign_database(tmp_path: Path) -> bytes:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as raw:
        raw.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        raw.execute("INSERT INTO moz_places (url) VALUES ('https://example.invalid/')")
    raw.close()
    return other.read_bytes()


def foreign_with_application_id(tmp_path: Path) -> bytes:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as raw:
        raw.execute("PRAGMA application_id = 1196444237")  # 'GPKG'
        raw.execute("CREATE TABLE features (id INTEGER PRIMARY KEY)")
    raw.close()
    return other.read_bytes()


def ours_without_tables(tmp_path: Path) -> bytes:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as raw:
        raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        raw.execute("CREATE TABLE something_else (x)")
    raw.close()
    return other.read_bytes()


def newer_store(tmp_path: Path) -> bytes:
    store, _ = Store.open(tmp_path / "model" / STORE_FILE)
    store.set_answer(store.create(new_answers()), "q", "from the future")
    store.close()
    with sqlite3.connect(store.path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        raw.execute("ALTER TABLE answers ADD COLUMN note TEXT")
    raw.close()
    return store.path.read_bytes()


def plain_text(tmp_path: Path) -> bytes:
    return "Einkaufsliste:\n- Brot\n- Käse\n".encode()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (damaged_random, "damaged"),
        (damaged_after_the_magic, "damaged"),
        (damaged_truncated, "damaged"),
        (damaged_page, "damaged"),
        (damaged_header, "damaged"),
        (foreign_database, "foreign"),
        (foreign_with_application_id, "foreign"),
        (ours_without_tables, "damaged"),
        (newer_store, "newer"),
        (plain_text, "foreign"),
    ],
)
def test_a_file_that_is_not_a_usable_store_is_kept_aside(tmp_path, make, reason):
    original = make(tmp_path)
    path = tmp_path / "data" / STORE_FILE
    path.parent.mkdir()
    path.write_bytes(original)
    store, moved = Store.open(path)
    assert isinstance(moved, MovedAside)
    assert moved.reason == reason
    assert moved.original == path
    assert moved.moved_to.parent == path.parent
    assert moved.moved_to.name.startswith(f"{STORE_FILE}.{reason}-")
    assert moved.moved_to.read_bytes() == original
    # a fresh store, usable at once
    aid = store.create(new_answers())
    store.set_answer(aid, "q", "neu")
    store = reopen(store)  # a second open moves nothing
    assert store.load(aid).values == {"q": "neu"}
    assert [p.name for p in path.parent.iterdir() if ".sqlite3." in p.name] == [moved.moved_to.name]
    store.close()


def test_moving_aside_takes_the_write_ahead_log_along(tmp_path):
    """A store that a newer program marked, with that mark still only in the -wal:
    the -wal moves together with the database, byte for byte."""
    path = tmp_path / STORE_FILE
    store, _ = Store.open(path)
    store.set_answer(store.create(new_answers()), "q", 1)
    store.close()
    newer = SCHEMA_VERSION + 5
    mark = (
        f"import sqlite3, os; c = sqlite3.connect({str(path)!r});"
        f" c.execute('PRAGMA user_version = {newer}'); c.commit(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", mark], check=True)
    main = path.read_bytes()
    wal = Path(f"{path}-wal").read_bytes()
    assert int.from_bytes(main[60:64], "big") == SCHEMA_VERSION  # the mark is not in here
    store, moved = Store.open(path)
    assert moved is not None and moved.reason == "newer"
    assert moved.moved_to.read_bytes() == main
    assert Path(f"{moved.moved_to}-wal").read_bytes() == wal
    assert store.history() == [] and store.unfinished() is None
    store.close()


def test_an_empty_file_becomes_a_fresh_store(tmp_path):
    path = tmp_path / STORE_FILE
    path.touch()
    store, moved = Store.open(path)
    assert moved is None
    aid = store.create(new_answers())
    assert store.load(aid).values == {}
    assert list(tmp_path.iterdir()) != [] and not list(tmp_path.glob("*.damaged-*"))
    store.close()


def test_two_moves_in_the_same_second_do_not_collide(tmp_path):
    path = tmp_path / STORE_FILE
    names = set()
    for n in range(3):
        Store.open(path)[0].close()
        path.write_text(f"Notiz {n}\n")
        store, moved = Store.open(path)
        store.close()
        assert moved is not None and moved.moved_to.read_text() == f"Notiz {n}\n"
        names.add(moved.moved_to.name)
    assert len(names) == 3


# --------------------------------------------------------------------------- errors


def test_a_folder_that_cannot_be_made_gives_store_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreError) as caught:
        Store.open(blocker / "data" / STORE_FILE)
    assert caught.value.reason == "cannot_open"
    assert str(blocker) in caught.value.detail
    assert blocker.read_text() == "x"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_gives_store_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o500)
    try:
        with pytest.raises(StoreError) as caught:
            Store.open(folder / STORE_FILE)
        assert caught.value.reason == "cannot_open"
    finally:
        os.chmod(folder, 0o700)


def test_a_full_disk_gives_store_error_and_keeps_what_was_saved(store):
    aid = store.create(new_answers())
    store.set_answer(aid, "q", "gespeichert")
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now reports a full disk
    with pytest.raises(StoreError) as caught:
        store.set_answer(aid, "big", "x" * 200_000)
    assert caught.value.reason == "write_failed"
    assert "full" in caught.value.detail
    assert store.load(aid).values == {"q": "gespeichert"}
    store.set_answer(aid, "q", "noch da")  # small changes still fit
    store = reopen(store)
    assert store.load(aid).values == {"q": "noch da"}
    store.close()
