"""A number of thousands of digits in an answers file (Python converts at most 4300): a
clear message like any bad JSON, never a traceback."""

from __future__ import annotations

import json

import pytest

from solo_check.answers import MAX_NUMBER_DIGITS, AnswersError, parse_answers

from .conftest import EXAMPLES
from .test_cli import run


def answers_with_a_huge_number(digits: int, field: str = "hours_per_week") -> str:
    """A real example's answers file with one answer made a number of ``digits`` digits."""
    data = json.loads((EXAMPLES / "plumber-solid-reserves.json").read_text(encoding="utf-8"))
    data["answers"][field] = 0  # a placeholder, replaced as text: json cannot write it
    text = json.dumps(data, indent=2)
    return text.replace(f'"{field}": 0', f'"{field}": {"9" * digits}', 1)


@pytest.mark.parametrize("digits", [MAX_NUMBER_DIGITS + 1, 4301, 5001, 100_000])
def test_a_huge_whole_number_is_named(content, digits):
    with pytest.raises(AnswersError) as caught:
        parse_answers(answers_with_a_huge_number(digits), content)
    assert [(p.key, p.params) for p in caught.value.problems] == [
        ("number_too_long", {"digits": digits})
    ]


def test_a_huge_format_version_is_named_too(content):
    text = answers_with_a_huge_number(5001).replace(
        '"schema_version": 1', '"schema_version": -' + "1" * 5001
    )
    with pytest.raises(AnswersError) as caught:
        parse_answers(text, content)
    assert [p.key for p in caught.value.problems] == ["number_too_long"]


def test_a_long_number_within_the_limit_is_just_out_of_range(content):
    with pytest.raises(AnswersError) as caught:
        parse_answers(answers_with_a_huge_number(MAX_NUMBER_DIGITS), content)
    assert [(p.field, p.key) for p in caught.value.problems] == [
        ("answers.hours_per_week", "out_of_range")
    ]


def test_the_command_line_says_so_in_words(tmp_path, content):
    path = tmp_path / "antworten.json"
    path.write_text(answers_with_a_huge_number(5001), encoding="utf-8")
    for command in ("score", "report"):
        extra = ["-o", str(tmp_path / "bericht.pdf")] if command == "report" else []
        result = run(command, str(path), *extra)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert content.texts.get("answers.error.number_too_long", "de", digits=5001) in (
            result.stderr
        )
    assert not (tmp_path / "bericht.pdf").exists()
