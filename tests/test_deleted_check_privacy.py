"""A deleted check leaves nothing readable behind: not in the store file, not in its
write-ahead log (which keeps earlier versions of every page it wrote), not in the copies of
its report made for a PDF viewer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from solo_check.answers import Answers
from solo_check.store import STORE_FILE, Store

SECRET = "Mein-geheimes-Einkommen-4711-Musterstadt"


def on_disk(path: Path) -> bytes:
    """The store file and its companions, as anyone with the disk could read them."""
    return b"".join(
        Path(f"{path}{suffix}").read_bytes()
        for suffix in ("", "-wal", "-shm")
        if Path(f"{path}{suffix}").exists()
    )


def a_check_with(store: Store, text: str) -> int:
    aid = store.create(Answers("solo_check", "1.0.0", created_at=dt.datetime.now(dt.UTC)))
    for n in range(30):  # several pages of answers, as a real check has
        store.set_answer(aid, f"q{n}", f"{text} {n}")
    return aid


def test_deleted_answers_are_gone_from_the_file_and_its_log_at_once(tmp_path):
    path = tmp_path / STORE_FILE
    store, _ = Store.open(path)
    kept = a_check_with(store, "bleibt")
    deleted = a_check_with(store, SECRET)
    assert SECRET.encode() in on_disk(path)
    store.delete(deleted)
    assert SECRET.encode() not in on_disk(path)  # while the program still runs
    assert store.load(kept).values["q0"] == "bleibt 0"
    store.close()
    assert SECRET.encode() not in on_disk(path)


def test_deleting_a_check_deletes_its_report_copies_and_only_those(tmp_path):
    store, _ = Store.open(tmp_path / STORE_FILE)
    kept = a_check_with(store, "bleibt")
    deleted = a_check_with(store, SECRET)
    for aid in (kept, deleted):
        folder = store.report_copies(aid)
        folder.mkdir(parents=True)
        (folder / "solo-check-bericht-2026-11-27.pdf").write_bytes(b"%PDF " + SECRET.encode())
    store.delete(deleted)
    assert not store.report_copies(deleted).exists()
    assert (store.report_copies(kept) / "solo-check-bericht-2026-11-27.pdf").exists()
    store.close()


def test_the_store_has_sqlite_overwrite_what_it_deletes(tmp_path):
    """secure_delete is a setting of each connection, and off by default in many SQLite
    builds (this machine's build has it on, so the test above alone cannot tell)."""
    store, _ = Store.open(tmp_path / STORE_FILE)
    try:
        assert store._connection().execute("PRAGMA secure_delete").fetchone() == (1,)
    finally:
        store.close()
