"""Every text key the code asks for exists in both languages: no raw keys reach people."""

from __future__ import annotations

import re

from .conftest import ROOT

SRC = ROOT / "src" / "solo_check"


def _source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))


def test_literal_text_keys_exist(content):
    keys = set(re.findall(r"""\.get\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""", _source()))
    assert keys, "the pattern finds the keys the code uses"
    missing = sorted(k for k in keys if k not in content.texts.entries)
    assert missing == []


def test_answer_problem_keys_exist(content):
    text = (SRC / "answers.py").read_text(encoding="utf-8")
    keys = set(re.findall(r'Problem\(\s*(?:"[^"]*"|f"[^"]*"|\w+),\s*"([a-z_]+)"', text))
    keys |= set(re.findall(r'\(\s*"([a-z_]+)",\s*\{', text))
    assert {"not_json", "out_of_range", "allocation_sum"} <= keys
    missing = sorted(k for k in keys if f"answers.error.{k}" not in content.texts.entries)
    assert missing == []


def test_keys_built_from_ids_exist(content):
    entries = content.texts.entries
    for pointer in content.pointers.pointers:
        assert f"category.{pointer.category}" in entries
        for fmt in pointer.formats:
            assert f"format.{fmt}" in entries
    for month in range(1, 13):
        assert f"date.m{month}" in entries
    from solo_check.explain import METHOD_PARAGRAPHS

    for key in METHOD_PARAGRAPHS:
        assert f"method.{key}" in entries
