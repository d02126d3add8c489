"""Reading a built report back with pypdf, as a person (or a screen reader) would."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader
from pypdf._utils import is_char_rtl

from solo_check.answers import read_answers
from solo_check.report import build_report
from solo_check.report.model import Report, build_model
from solo_check.scoring import score

from .conftest import EXAMPLES

TODAY = dt.date(2026, 12, 2)


def example(content, name: str):
    answers = read_answers(EXAMPLES / name, content)
    return answers, score(content, answers, TODAY)


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def squeeze(text: str) -> str:
    """Text without any whitespace: line wrapping must not decide a test."""
    return re.sub(r"\s+", "", text)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def body_text(pdf: bytes, model: Report) -> str:
    """The text of all pages without header and footer, squeezed: a text that runs over
    a page break reads as one."""
    pages = page_texts(pdf)
    out = []
    for number, text in enumerate(pages, 1):
        text = squeeze(text)
        label = model.meta.page_label.format(page=number, pages=len(pages))
        for furniture in (model.meta.header, model.meta.footer, label):
            text = text.replace(squeeze(furniture), "", 1)
        out.append(text)
    return "".join(out)


def without_rtl(text: str) -> str:
    """pypdf reverses right-to-left runs it extracts (it takes them to be in visual order);
    the report keeps them in the order typed. Compare those characters apart."""
    return "".join(ch for ch in text if not is_char_rtl(ch))


def built(content, answers, assessment, lang: str, previous=None) -> tuple[bytes, Report]:
    pdf = build_report(content, answers, assessment, lang, previous=previous)
    return pdf, build_model(content, answers, assessment, lang, previous)
