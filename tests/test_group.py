"""The anonymised group report: many participants' answers files summed up for an
adviser, without anything that could single one of them out."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from solo_check.answers import read_answers, write_answers
from solo_check.group import GroupTooSmall, read_group, summarise, summary_json
from solo_check.report.group import build_group_report

from .conftest import EXAMPLES
from .strategies import answer_sets

TODAY = dt.date(2026, 12, 2)
SECRET = "Nur für meine Beraterin: Ich heiße Frida Beispiel und verdiene wenig."


def _variations(content, folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Answers files made from the examples with varied reserves, clients and notes."""
    rng = random.Random(seed)
    examples = sorted(EXAMPLES.glob("*.json"))
    paths = []
    for i in range(count):
        answers = read_answers(examples[i % len(examples)], content)
        answers.set("reserve_months", rng.choice([0, 1, 2, 4, 6, 12]))
        answers.set("largest_client_share", rng.choice([10, 30, 55, 75, 95]))
        answers.set("notes", f"{SECRET} ({i})")
        path = folder / f"teilnehmerin-{i:03d}-mueller.json"
        write_answers(answers, path)
        paths.append(path)
    return paths


def _all_counts(data: dict) -> list:
    out = []
    for value in data.values():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict) and "count" in item:
                    out.append(item["count"])
        elif isinstance(value, dict) and "rows_from_strong_to_weak_buffers" in value:
            out += [c for row in value["rows_from_strong_to_weak_buffers"] for c in row]
    if "kompass_eligible" in data:
        out.append(data["kompass_eligible"])
    return out


def _assert_private(content, data: dict) -> None:
    minimum = content.questionnaire.scoring.group.min_count
    for count in _all_counts(data):
        assert count is None or count == 0 or count >= minimum, count
    text = json.dumps(data, ensure_ascii=False)
    assert SECRET not in text and "Frida" not in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_workshop_group_gives_a_short_private_report(content, tmp_path, lang):
    _variations(content, tmp_path, 12)
    (tmp_path / "kaputt.json").write_text("{ nicht fertig", encoding="utf-8")
    group, skipped = read_group(content, [tmp_path], lang)
    assert len(group) == 12
    assert [s.path.name for s in skipped] == ["kaputt.json"]
    summary = summarise(content, group, TODAY, lang)
    assert summary.size == 12
    data = summary_json(summary)
    _assert_private(content, data)
    pdf = build_group_report(content, summary, lang)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) <= 4
    text = "".join(p.extract_text() for p in pages)
    assert SECRET[:30] not in text and "Frida" not in text
    assert "mueller" not in text and "kaputt" not in text  # file names can name people
    assert "< 3" in text or all(c is None or c == 0 or c >= 3 for c in _all_counts(data))
    heading = {
        "de": "Was die Gruppe gemeinsam tun könnte",
        "en": "What the group could do together",
    }
    assert heading[lang] in text
    assert "KOMPASS" in text


def test_a_group_below_five_is_refused(content, tmp_path):
    _variations(content, tmp_path, 4)
    group, _ = read_group(content, [tmp_path], "de")
    with pytest.raises(GroupTooSmall) as refused:
        summarise(content, group, TODAY, "de")
    assert refused.value.found == 4 and refused.value.needed == 5


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "solo_check", *args], capture_output=True, text=True, check=False
    )


def test_the_command_names_bad_files_and_carries_on(content, tmp_path):
    paths = _variations(content, tmp_path, 6)
    bad = tmp_path / "zu-gross.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    out = tmp_path / "gruppe.pdf"
    result = _run("group", str(tmp_path), "-o", str(out), "--lang", "de", "--today", "2026-12-02")
    assert result.returncode == 0, result.stderr
    assert "zu-gross.json" in result.stderr and "Übersprungen" in result.stderr
    assert "Traceback" not in result.stderr
    assert out.exists() and PdfReader(out).pages
    small = _run("group", *map(str, paths[:4]), "--json", "--lang", "en")
    assert small.returncode == 1
    assert "at least 5 valid answers files" in small.stderr
    data = _run("group", str(tmp_path), "--json", "--lang", "en", "--today", "2026-12-02")
    assert data.returncode == 0
    parsed = json.loads(data.stdout)
    assert parsed["size"] == 6
    _assert_private(content, parsed)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), size=st.integers(5, 9), lang=st.sampled_from(["de", "en"]))
def test_any_group_keeps_everyone_anonymous(content, data, size, lang):
    group = [data.draw(answer_sets(content)) for _ in range(size)]
    for answers in group:
        if "notes" in answers.values or data.draw(st.booleans()):
            answers.set("notes", SECRET)
    summary = summarise(content, group, TODAY, lang)
    _assert_private(content, summary_json(summary))
    assert summary.size == size


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), size=st.integers(0, 4))
def test_any_group_below_the_minimum_is_refused(content, data, size):
    group = [data.draw(answer_sets(content)) for _ in range(size)]
    with pytest.raises(GroupTooSmall):
        summarise(content, group, TODAY, "de")
