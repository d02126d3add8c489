"""The text files of the content as plain data: which files hold the texts, and how their
nested tables become dotted keys ("welcome.start").

`content` validates the texts (with pydantic, together with everything else). The window
reads the few texts of its first page from here before that, because importing pydantic
and checking all content takes longer than a bare window needs to appear. Nothing here
imports pydantic.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

# The texts are split by the part of the program that shows them; a key lives in one file only.
TEXT_FILES = (
    "texts.toml",
    "texts-app.toml",
    "texts-questions.toml",
    "texts-results.toml",
    "texts-report.toml",
    "texts-present.toml",
    "texts-group.toml",
)


def flatten_texts(data: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted key, {"de": ..., "en": ...}) of every text in one parsed file."""
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and not ({"de", "en"} & value.keys()):
            yield from flatten_texts(value, path)
        else:
            yield path, value


def read_texts(folder: Path, files: Iterable[str]) -> dict[str, Any]:
    """Dotted key -> {"de": ..., "en": ...} of the given files, not validated.

    Raises OSError or tomllib.TOMLDecodeError; `content.load_content` is what reports
    problems in words.
    """
    entries: dict[str, Any] = {}
    for file in files:
        with (folder / file).open("rb") as fh:
            entries.update(flatten_texts(tomllib.load(fh)))
    return entries
