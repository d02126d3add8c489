"""Damage inside a store file that SQLite's own check passes: a stored answer, a timestamp
or a setting that is no longer what Solo-Check wrote. The check it belongs to is set
aside - kept in the file byte for byte, named once, left out of the lists - and every
other check stays as usable as before."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from solo_check.answers import Answers
from solo_check.store import STORE_FILE, DamagedCheck, SetAside, Store

UTC = dt.UTC
SECRET = "Antwort-mit-einem-unverwechselbaren-Text"


def _answers(day: int, text: str) -> Answers:
    return Answers(
        "solo_check",
        "1.0.0",
        values={"age_band": "age_30_39", "notes": text, "hours": 30},
        declined={"income"},
        created_at=dt.datetime(2026, 3, day, 9, 0, tzinfo=UTC),
        updated_at=dt.datetime(2026, 3, day, 9, 30, tzinfo=UTC),
    )


def three_checks(folder: Path) -> tuple[Path, list[int]]:
    """A closed store with three checks; the middle one holds SECRET."""
    path = folder / STORE_FILE
    store, _ = Store.open(path)
    ids = [store.create(_answers(day, text)) for day, text in ((1, "eins"), (2, SECRET), (3, "x"))]
    store.finish(ids[0], "stay_alert", dt.datetime(2026, 3, 1, 10, 0, tzinfo=UTC))
    store.close()
    return path, ids


def raw(path: Path, sql: str, *params: object) -> None:
    """Change the file with plain SQLite, as damage would, bypassing the store."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")  # damage obeys no constraint
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def rows_of(path: Path, assessment_id: int) -> tuple[list, list]:
    conn = sqlite3.connect(path)
    conn.text_factory = bytes
    try:
        check = conn.execute("SELECT * FROM assessments WHERE id = ?", (assessment_id,)).fetchall()
        answers = conn.execute(
            "SELECT * FROM answers WHERE assessment_id = ? ORDER BY question_id", (assessment_id,)
        ).fetchall()
    finally:
        conn.close()
    return check, answers


def listed(store: Store) -> set[int]:
    return {e.id for e in store.history()} | {d.id for d in store.drafts()}


def flip_one_bit_in(path: Path, needle: bytes, offset: int, bit: int = 0x80) -> None:
    """Flip one bit of the file inside the first place holding ``needle``: the kind of
    damage a failing disk or memory does, and SQLite's quick_check does not look for."""
    data = bytearray(path.read_bytes())
    at = data.index(needle) + offset
    data[at] ^= bit
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            lambda p, i: raw(p, "UPDATE answers SET value = '\"Antw' WHERE assessment_id = ?", i),
            id="answer-cut-off",
        ),
        pytest.param(
            lambda p, i: raw(p, "UPDATE assessments SET updated_at = '2026-03-0x' WHERE id = ?", i),
            id="timestamp-garbled",
        ),
        pytest.param(
            lambda p, i: raw(p, "UPDATE assessments SET created_at = x'ff00' WHERE id = ?", i),
            id="timestamp-is-bytes",
        ),
        pytest.param(
            lambda p, i: raw(p, "UPDATE assessments SET language = 'dx' WHERE id = ?", i),
            id="language-unknown",
        ),
        pytest.param(
            lambda p, i: raw(p, "UPDATE answers SET declined = 7 WHERE assessment_id = ?", i),
            id="declined-flag",
        ),
        pytest.param(
            lambda p, i: flip_one_bit_in(p, SECRET.encode(), 3), id="bit-flip-in-an-answer"
        ),
    ],
)
def test_a_damaged_value_sets_its_check_aside_and_the_rest_stays_usable(tmp_path, damage):
    path, (first, damaged, third) = three_checks(tmp_path)
    damage(path, damaged)
    before = rows_of(path, damaged)

    store, moved = Store.open(path)
    assert moved is None  # the file is fine as a whole: it stays where it is
    found = store.set_aside_unreadable()
    assert [c.id for c in found] == [damaged]
    # named by the day it was begun, where that much can be read
    if found[0].created_at is not None:
        assert found[0].created_at.date() == dt.date(2026, 3, 2)
    assert listed(store) == {first, third}
    assert store.unfinished() == third
    with pytest.raises(DamagedCheck) as caught:
        store.load(damaged)
    assert caught.value.check.id == damaged
    assert store.load(first).values["notes"] == "eins"  # the others load as before
    store.set_answer(third, "notes", "weiter")  # and can be changed
    store.close()

    assert rows_of(path, damaged) == before  # kept as it was, byte for byte
    again, _ = Store.open(path)
    assert again.set_aside_unreadable() == []  # told once, not at every start
    assert [c.id for c in again.set_aside()] == [damaged]
    assert listed(again) == {first, third}
    assert again.load(third).values["notes"] == "weiter"
    again.close()


def test_a_check_that_turns_unreadable_while_listed_is_set_aside_when_loaded(tmp_path):
    path, (first, damaged, _third) = three_checks(tmp_path)
    store, _ = Store.open(path)
    assert damaged in listed(store)
    raw(path, "UPDATE answers SET value = '{' WHERE assessment_id = ?", damaged)
    with pytest.raises(DamagedCheck):
        store.load(damaged)
    assert damaged not in listed(store)
    assert store.set_aside()[0].id == damaged
    assert store.load(first).values["notes"] == "eins"
    store.close()


def test_a_damaged_place_or_setting_counts_as_not_set(tmp_path):
    path, (first, _damaged, _third) = three_checks(tmp_path)
    store, _ = Store.open(path)
    store.set_place(first, "money")
    store.set_setting("language", "en")
    store.close()
    raw(path, "UPDATE assessments SET place = x'c3' WHERE id = ?", first)
    raw(path, "UPDATE settings SET value = x'ff' WHERE key = 'language'")
    store, _ = Store.open(path)
    assert store.set_aside_unreadable() == []  # only hints: not worth setting a check aside
    assert store.place(first) is None
    assert store.setting("language") is None
    store.set_setting("language", "de")
    assert store.setting("language") == "de"
    store.close()


def test_a_store_cut_short_by_one_byte_shows_every_check_it_can_read(tmp_path):
    path, ids = three_checks(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:-1])
    store, moved = Store.open(path)
    if moved is None:
        aside = {c.id for c in store.set_aside_unreadable()}
        assert listed(store) | aside == set(ids)
        for aid in listed(store):
            store.load(aid)
    else:
        assert moved.moved_to.read_bytes() == data[:-1]
    store.close()


def test_a_damaged_table_definition_moves_the_file_aside(tmp_path):
    """A changed column name in a CHECK constraint passes quick_check, and would fail
    every later write of an answer: the file is kept aside instead, and a fresh store
    takes its place."""
    path, _ids = three_checks(tmp_path)
    flip_one_bit_in(path, b"CHECK (declined IN", len("CHECK (decline"), 0x02)  # d -> f
    damaged = path.read_bytes()
    store, moved = Store.open(path)
    assert moved is not None and moved.reason == "damaged"
    assert moved.moved_to.read_bytes() == damaged
    aid = store.create(_answers(4, "neu"))
    store.set_answer(aid, "notes", "geht")
    assert store.load(aid).values["notes"] == "geht"
    store.close()


def test_set_aside_checks_are_named_with_what_could_not_be_read(tmp_path):
    path, (_first, damaged, _third) = three_checks(tmp_path)
    raw(path, "UPDATE answers SET value = 'nicht json' WHERE question_id = 'hours'")
    store, _ = Store.open(path)
    found = {c.id: c for c in store.set_aside_unreadable()}
    assert set(found) == {_first, damaged, _third}
    assert all(isinstance(c, SetAside) and "hours" in c.problem for c in found.values())
    assert store.history() == [] and store.drafts() == [] and store.unfinished() is None
    store.close()
