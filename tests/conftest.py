"""Shared fixtures. The offscreen Qt platform is set before anything may import Qt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Offscreen, on a screen of a common desktop size (the plugin's default is only 800x600).
SCREEN = Path(__file__).resolve().parent / "offscreen-screen.json"
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

from solo_check.content import Content, load_content  # noqa: E402 (after the platform)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()
