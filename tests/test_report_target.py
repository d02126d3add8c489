"""Where `solo-check report -o` writes: a device node (as /dev/null is), a FIFO or a link
given as the target is never replaced; a folder takes the report under its usual name;
a folder that does not exist is named, not made into a file."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest

from solo_check.files import NotRegularFileError, write_atomic

from .conftest import EXAMPLES
from .test_cli import run

EXAMPLE = str(EXAMPLES / "plumber-solid-reserves.json")
TODAY = "2026-11-27"


def report(target: str) -> subprocess.CompletedProcess[str]:
    return run("report", EXAMPLE, "-o", target, "--lang", "de", "--today", TODAY)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="only root may make a device node"
)
def test_as_root_a_device_node_like_dev_null_is_left_alone(tmp_path, content):
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the same device as /dev/null
    result = report(str(null))
    assert result.returncode == 2, result.stdout + result.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert os.lstat(null).st_rdev == os.makedev(1, 3)
    assert content.texts.get("report.cli.not_a_file", "de", path=null) in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary file left


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_a_fifo_is_left_alone(tmp_path, content):
    fifo = tmp_path / "bericht.pdf"
    os.mkfifo(fifo)
    result = report(str(fifo))
    assert result.returncode == 2
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert content.texts.get("report.cli.not_a_file", "de", path=fifo) in result.stderr


def test_a_link_is_left_alone_and_so_is_what_it_points_to(tmp_path, content):
    kept = tmp_path / "wichtig.pdf"
    kept.write_bytes(b"%PDF mein eigener Bericht")
    link = tmp_path / "bericht.pdf"
    link.symlink_to(kept)
    result = report(str(link))
    assert result.returncode == 2
    assert link.is_symlink() and kept.read_bytes() == b"%PDF mein eigener Bericht"


@pytest.mark.parametrize("slash", ["/", ""])
def test_a_folder_takes_the_report_under_its_usual_name(tmp_path, content, slash):
    folder = tmp_path / "berichte"
    folder.mkdir()
    result = report(f"{folder}{slash}")
    assert result.returncode == 0, result.stderr
    written = folder / content.texts.get("files.report_name", "de", date=TODAY)
    assert written.read_bytes().startswith(b"%PDF")
    assert str(written) in result.stdout
    assert [p.name for p in folder.iterdir()] == [written.name]


def test_a_folder_that_does_not_exist_is_named(tmp_path, content):
    result = report(f"{tmp_path / 'fehlt'}/")
    assert result.returncode == 2
    assert content.texts.get("report.cli.no_folder", "de", path=f"{tmp_path / 'fehlt'}/") in (
        result.stderr
    )
    assert list(tmp_path.iterdir()) == []


def test_an_ordinary_file_is_still_replaced(tmp_path):
    target = tmp_path / "bericht.pdf"
    target.write_bytes(b"alt")
    assert report(str(target)).returncode == 0
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_every_atomic_write_refuses_what_is_not_an_ordinary_file(tmp_path):
    """The window's "Save as" and "Save answers as file" write through the same function."""
    fifo = tmp_path / "antworten.json"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFileError):
        write_atomic(fifo, b"{}")
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, b"{}")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["antworten.json"]


def a_group(folder):
    """The five example people as a workshop's folder of answers files."""
    folder.mkdir()
    for example in sorted(EXAMPLES.glob("*.json")):
        (folder / example.name).write_bytes(example.read_bytes())
    return folder


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_the_group_report_keeps_to_the_same_rules(tmp_path, content):
    group = str(a_group(tmp_path / "gruppe"))
    fifo = tmp_path / "gruppe.pdf"
    os.mkfifo(fifo)
    refused = run("group", group, "-o", str(fifo), "--lang", "de", "--today", TODAY)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert content.texts.get("report.cli.not_a_file", "de", path=fifo) in refused.stderr

    folder = tmp_path / "berichte"
    folder.mkdir()
    written = run("group", group, "-o", f"{folder}/", "--lang", "de", "--today", TODAY)
    assert written.returncode == 0, written.stderr
    name = content.texts.get("files.group_report_name", "de", date=TODAY)
    assert (folder / name).read_bytes().startswith(b"%PDF")
    assert [p.name for p in folder.iterdir()] == [name]
