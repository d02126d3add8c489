"""Where Solo-Check finds its resources and keeps its data.

One function finds the resources in the source tree, in an installed wheel and in a
frozen bundle; one environment variable (SOLO_CHECK_HOME) moves the user data.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "solo-check"
HOME_ENV = "SOLO_CHECK_HOME"


def resources_dir() -> Path:
    """The folder holding questionnaire, occupations, pointers, texts and assets."""
    package = Path(__file__).resolve().parent
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "solo_check" / "resources")
    candidates.append(package / "resources")  # installed wheel
    candidates.append(package.parent.parent / "resources")  # source tree
    for candidate in candidates:
        if (candidate / "questionnaire.toml").is_file():
            return candidate
    raise FileNotFoundError(
        "Solo-Check resources not found; looked in: " + ", ".join(map(str, candidates))
    )


def resource(name: str) -> Path:
    """Path of one file in the resources folder, e.g. ``resource("pointers.toml")``."""
    return resources_dir() / name


LEGAL_FILES = ("LICENSE", "THIRD-PARTY-NOTICES.md")


def legal_file(name: str) -> Path:
    """The program's licence or third-party notices (one of LEGAL_FILES).

    Installed or bundled they are in ``resources/legal/``; in the source tree they
    stay at the top of the repository, where people expect them.
    """
    if name not in LEGAL_FILES:
        raise ValueError(f"not a legal file: {name}")
    folder = resources_dir()
    for candidate in (folder / "legal" / name, folder.parent / name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{name} not found beside {folder}")


def user_data_dir() -> Path:
    """Where assessments are stored: SOLO_CHECK_HOME if set, else the platform's user data dir."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir as _platform_data_dir

    return Path(_platform_data_dir(APP_NAME, appauthor=False))
