"""Reading and writing the person's files: nothing half-written, nothing readable by others,
nothing replaced that is not an ordinary file, and no read that can hang or fill the memory.

Both the command line and the window read answers files and write reports through here,
so a FIFO, a device or a folder is treated the same way in both.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

_POSIX = os.name == "posix"
# Temporary files of an atomic write: hidden, named after the target, and marked as ours
# so that a leftover can be told from another program's file and removed.
_TMP_MARK = "solo-check-"
_TMP_SUFFIX = ".tmp"
_LEFTOVER = re.compile(rf"^\..+\.{_TMP_MARK}[A-Za-z0-9_]+{re.escape(_TMP_SUFFIX)}$")
_READ_CHUNK = 1 << 20


class NotRegularFileError(OSError):
    """The path names something other than an ordinary file (a FIFO, a device, a socket, a
    symbolic link where one is written): it is neither read nor replaced."""

    def __init__(self, path: Path | str):
        super().__init__(errno.EINVAL, "not a regular file", str(path))


class FileTooLargeError(OSError):
    """The file holds more than the reader's limit; ``size`` is at least limit + 1."""

    def __init__(self, path: Path | str, size: int):
        super().__init__(errno.EFBIG, "file too large", str(path))
        self.size = size


# --------------------------------------------------------------------------- reading


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of an ordinary file of at most ``limit`` bytes.

    A FIFO would block the open (and the read) until some other program writes; a device
    such as /dev/zero never ends; /proc files report a size of 0. So the kind of file is
    checked before it is opened (opening a device can have effects of its own), again on the
    opened descriptor (the name may have changed in between), and never more than
    ``limit`` + 1 bytes are read, whatever the size the file system reports.

    Raises FileNotFoundError, IsADirectoryError, NotRegularFileError, FileTooLargeError or
    another OSError.
    """
    path = Path(path)
    _check_regular(path, os.stat(path).st_mode)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    # Non-blocking, so that a FIFO put in place after the check cannot make open() wait.
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        _check_regular(path, info.st_mode)
        if info.st_size > limit:
            raise FileTooLargeError(path, info.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, _READ_CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise FileTooLargeError(path, max(len(data), info.st_size))
    return data


def _check_regular(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(path)


# --------------------------------------------------------------------------- writing


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and an atomic
    rename; the file is readable only by the user (0600 on POSIX).

    An existing target that is not an ordinary file (a device such as /dev/null, a FIFO, a
    folder, a symbolic link) is not ours to replace: NotRegularFileError or
    IsADirectoryError, and nothing is written. Temporary files that an earlier write left
    behind when it was killed before its rename are removed first: they hold the same
    private data as the file itself.
    """
    path = Path(path)
    with contextlib.suppress(FileNotFoundError):
        _check_regular(path, os.lstat(path).st_mode)
    remove_leftovers(path.parent)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.{_TMP_MARK}", suffix=_TMP_SUFFIX, dir=path.parent
    )
    try:
        # Held until the rename: a save running at the same time in another process
        # (the command line beside the window) sees that this file is not a leftover.
        _lock(fd)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files of atomic writes into ``folder`` that were killed before
    their rename; returns what was removed. Only our own hidden ``.tmp`` files, only
    ordinary files owned by this user, and only those no running write holds locked."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _LEFTOVER.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            if _POSIX and info.st_uid != os.geteuid():
                continue
            if not _unused(entry.path):
                continue
            os.unlink(entry.path)
        except OSError:
            continue  # in use, gone already or not ours to remove: leave it
        removed.append(Path(entry.path))
    return removed


def _lock(fd: int) -> None:
    if not _POSIX:
        return  # Windows does not let an open file be removed: nothing to mark
    import fcntl

    with contextlib.suppress(OSError):  # a file system without locks: still write
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unused(name: str) -> bool:
    """True when no write holds the temporary file: its process has ended."""
    if not _POSIX:
        return True  # removing it fails while it is open
    import fcntl

    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def write_problem(t: Callable[..., str], exc: OSError, lang: str) -> str:
    """Why a file could not be written, in words for a message's {reason}: ours where the
    target is not an ordinary file, the system's own words otherwise."""
    if isinstance(exc, NotRegularFileError | IsADirectoryError):
        return t("files.not_regular", lang)
    return exc.strerror or str(exc)
