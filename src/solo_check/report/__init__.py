"""The PDF report: Assessment -> report model -> PDF bytes. No Qt.

``build_report`` is what the command line and the desktop app call; reportlab is
imported only here, when a report is built, because it is slow to import.
"""

from __future__ import annotations

from pathlib import Path

from ..answers import Answers
from ..content import Content, Lang
from ..scoring import Assessment


def build_report(
    content: Content,
    answers: Answers,
    assessment: Assessment,
    lang: Lang,
    *,
    previous: tuple[Answers, Assessment] | None = None,
) -> bytes:
    """The full report as PDF bytes, in ``lang``; ``previous`` adds a comparison with an
    earlier check of the same person to the summary."""
    from .model import build_model
    from .render import render

    return render(build_model(content, answers, assessment, lang, previous))


def write_report(path: Path, pdf: bytes) -> None:
    """Write the PDF atomically, readable only by the user: never a half-written file."""
    from ..files import write_atomic

    write_atomic(Path(path), pdf)
