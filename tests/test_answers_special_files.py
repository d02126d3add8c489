"""An answers file that is not an ordinary file: a FIFO would make reading wait for ever,
/dev/zero would fill the memory. Both are refused at once with a plain message, by the
command line as by the reading every import goes through."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from solo_check.answers import MAX_FILE_BYTES, AnswersError, read_answers
from solo_check.files import FileTooLargeError, NotRegularFileError, read_regular_file

from .conftest import EXAMPLES
from .test_cli import NO_QT, run

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


@contextlib.contextmanager
def fifo_with_a_writer(folder: Path):
    """A FIFO named like an answers file. A writer waits to open it: a reader that opens it
    is let through at once and reads an empty file (so a program that does open it fails
    its test instead of hanging). Afterwards the writer is let go."""
    path = folder / "antworten.json"
    os.mkfifo(path)

    def write_nothing() -> None:
        with open(path, "wb"):
            pass

    writer = threading.Thread(target=write_nothing, daemon=True)
    writer.start()
    try:
        yield path
    finally:
        # Opening the reading end lets a writer still waiting in open() go on and end.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        writer.join()
        os.close(fd)


def problem_keys(caught: pytest.ExceptionInfo[AnswersError]) -> list[str]:
    return [p.key for p in caught.value.problems]


@posix_only
def test_a_fifo_is_refused_without_being_opened(tmp_path, content):
    with fifo_with_a_writer(tmp_path) as fifo, pytest.raises(AnswersError) as caught:
        read_answers(fifo, content)
    assert problem_keys(caught) == ["not_regular"]
    assert str(fifo) in caught.value.render(content, "de")[0]


@posix_only
def test_dev_zero_is_refused_before_anything_is_read(content):
    with pytest.raises(AnswersError) as caught:
        read_answers(Path("/dev/zero"), content)
    assert problem_keys(caught) == ["not_regular"]


@posix_only
def test_a_link_to_a_fifo_is_refused_too(tmp_path, content):
    with fifo_with_a_writer(tmp_path) as fifo:
        link = tmp_path / "link.json"
        link.symlink_to(fifo)
        with pytest.raises(AnswersError) as caught:
            read_answers(link, content)
    assert problem_keys(caught) == ["not_regular"]


def test_never_more_than_the_limit_and_one_byte(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100) == b"x" * 100
    with pytest.raises(FileTooLargeError) as caught:
        read_regular_file(path, 99)
    assert caught.value.size == 100
    with pytest.raises(IsADirectoryError):
        read_regular_file(tmp_path, 100)
    with pytest.raises(NotRegularFileError):
        read_regular_file(Path("/dev/null"), 100)


def test_a_link_to_an_ordinary_file_is_read(tmp_path, content):
    link = tmp_path / "link.json"
    link.symlink_to(EXAMPLES / "plumber-solid-reserves.json")
    assert read_answers(link, content).values


def run_score(path: Path, *, memory_limit: int | None = None) -> subprocess.CompletedProcess:
    """`solo-check score PATH`, in its own process, as someone would type it."""

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    env = {"PATH": "/usr/bin:/bin", "LANG": "de_DE.UTF-8", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-c", NO_QT, "score", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,  # only so that a hang fails the test instead of stopping the run
        preexec_fn=limit_memory if memory_limit else None,
    )


@posix_only
def test_the_command_line_refuses_a_fifo(tmp_path, content):
    with fifo_with_a_writer(tmp_path) as fifo:
        result = run_score(fifo)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert content.texts.get("answers.error.not_regular", "de", path=fifo) in result.stderr


@posix_only
def test_the_command_line_refuses_dev_zero_without_filling_the_memory(content):
    # With 1 GiB of address space, reading /dev/zero to its end fails with MemoryError.
    result = run_score(Path("/dev/zero"), memory_limit=1 << 30)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    expected = content.texts.get("answers.error.not_regular", "de", path="/dev/zero")
    assert expected in result.stderr


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path, content):
    path = tmp_path / "gross.json"
    with open(path, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: says its size without filling the disk
    with pytest.raises(AnswersError) as caught:
        read_answers(path, content)
    assert problem_keys(caught) == ["too_large"]


@posix_only
def test_a_fifo_among_a_groups_answers_files_is_skipped_at_once(tmp_path, content):
    """`solo-check group` reads every *.json of a folder: a FIFO there is named and
    skipped like any file that is not an answers file, and the others are counted."""
    for example in sorted(EXAMPLES.glob("*.json")):
        (tmp_path / example.name).write_bytes(example.read_bytes())
    with fifo_with_a_writer(tmp_path) as fifo:
        result = run("group", str(tmp_path), "--json", "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert content.texts.get("group.skipped", "de", path=fifo) in result.stderr
    assert content.texts.get("answers.error.not_regular", "de", path=fifo) in result.stderr
    assert json.loads(result.stdout)["size"] == len(list(EXAMPLES.glob("*.json")))
