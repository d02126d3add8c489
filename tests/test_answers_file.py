"""Answers files: export and import, and a clear message naming the field for bad input."""

from __future__ import annotations

import json
import os
import stat

import pytest

from solo_check.answers import (
    SCHEMA_VERSION,
    Answers,
    AnswersError,
    parse_answers,
    read_answers,
    write_answers,
)

from .conftest import EXAMPLES


def minimal(**answers) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "questionnaire": {"id": "solo_check", "version": "1.0.0"},
        "language": "de",
        "created_at": "2026-11-27T09:00:00Z",
        "updated_at": "2026-11-27T09:10:00Z",
        "answers": answers,
    }


def problems(content, data, lang="de") -> list[str]:
    raw = data if isinstance(data, str | bytes) else json.dumps(data)
    with pytest.raises(AnswersError) as caught:
        parse_answers(raw, content)
    lines = caught.value.render(content, lang)
    for line in lines:  # every message is filled in, nothing left for a developer
        assert "{" not in line and "}" not in line
    return lines


def test_round_trip_keeps_every_answer(content, tmp_path):
    original = read_answers(EXAMPLES / "translator-partly-answered.json", content)
    path = tmp_path / "export.json"
    write_answers(original, path)
    again = read_answers(path, content)
    assert again.values == original.values
    assert again.declined == original.declined
    assert again.questionnaire_version == content.questionnaire.version


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_written_file_is_readable_only_by_the_user(content, tmp_path):
    path = tmp_path / "a.json"
    write_answers(Answers.new(content), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_not_json(content):
    [line] = problems(content, "{ this is not json")
    assert "kein gültiges JSON" in line and "Zeile 1" in line


def test_not_json_in_english(content):
    [line] = problems(content, b"\xff\xfe\x00garbage", lang="en")
    assert "not a text file" in line


def test_wrong_shape(content):
    [line] = problems(content, "[1, 2, 3]")
    assert "Aufbau" in line


def test_missing_schema_version(content):
    data = minimal()
    del data["schema_version"]
    [line] = problems(content, data)
    assert line.startswith("schema_version:")


def test_future_schema_version(content):
    data = minimal()
    data["schema_version"] = SCHEMA_VERSION + 1
    [line] = problems(content, data, lang="en")
    assert line.startswith("schema_version:") and "newer version" in line


def test_unknown_top_level_field(content):
    data = minimal()
    data["password"] = "x"
    [line] = problems(content, data)
    assert line.startswith("password:")


def test_other_questionnaire(content):
    data = minimal()
    data["questionnaire"]["id"] = "another_check"
    [line] = problems(content, data)
    assert line.startswith("questionnaire.id:") and "another_check" in line


def test_unknown_question(content):
    [line] = problems(content, minimal(favourite_colour="blue"))
    assert line.startswith("answers.favourite_colour:")


def test_unknown_option_lists_the_possible_ones(content):
    [line] = problems(content, minimal(client_count="thousands"), lang="en")
    assert line.startswith("answers.client_count:")
    assert "thousands" in line and "four_ten" in line


def test_wrong_type(content):
    [line] = problems(content, minimal(reserve_months="three"))
    assert line.startswith("answers.reserve_months:") and "Zahl" in line


def test_out_of_range(content):
    [line] = problems(content, minimal(largest_client_share=140), lang="en")
    assert line == "answers.largest_client_share: 140 is outside the allowed range of 0 to 100."


def test_numbers_in_german_messages_have_a_decimal_comma(content):
    [line] = problems(content, minimal(reserve_months=40.5), lang="de")
    assert (
        line == "answers.reserve_months: 40,5 liegt außerhalb des erlaubten Bereichs von 0 bis 36."
    )


def test_whole_number_expected(content):
    [line] = problems(content, minimal(hours_per_week=12.5))
    assert line.startswith("answers.hours_per_week:")


def test_not_a_number(content):
    text = json.dumps(minimal(reserve_months=1)).replace(
        '"reserve_months": 1', '"reserve_months": NaN'
    )
    [line] = problems(content, text)
    assert line.startswith("answers.reserve_months:")


def test_allocation_must_add_up(content):
    [line] = problems(content, minimal(task_allocation={"writing": 50, "admin": 30}), lang="en")
    assert line == "answers.task_allocation: The shares add up to 80% instead of 100%."


def test_allocation_unknown_kind(content):
    [line] = problems(content, minimal(task_allocation={"juggling": 100}))
    assert line.startswith("answers.task_allocation:") and "juggling" in line


def test_exclusive_option_cannot_be_combined(content):
    [line] = problems(content, minimal(network=["union", "none"]))
    assert line.startswith("answers.network:")


def test_bad_month(content):
    [line] = problems(content, minimal(start_month="2025-13"))
    assert line.startswith("answers.start_month:") and "JJJJ-MM" in line


def test_text_too_long(content):
    [line] = problems(content, minimal(notes="x" * 5001))
    assert line.startswith("answers.notes:") and "5001" in line


def test_answered_and_declined(content):
    data = minimal(reserve_months=3)
    data["declined"] = ["reserve_months"]
    [line] = problems(content, data)
    assert line.startswith("declined.reserve_months:")


def test_every_problem_is_reported_at_once(content):
    lines = problems(content, minimal(reserve_months=-1, client_count="x", nonsense=1))
    assert {line.split(":")[0] for line in lines} == {
        "answers.reserve_months",
        "answers.client_count",
        "answers.nonsense",
    }


def test_huge_file_is_refused_without_reading_it_all(content, tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (6 * 1024 * 1024))
    with pytest.raises(AnswersError) as caught:
        read_answers(path, content)
    assert "zu groß" in caught.value.render(content, "de")[0]


def test_missing_file(content, tmp_path):
    with pytest.raises(AnswersError) as caught:
        read_answers(tmp_path / "nope.json", content)
    assert "nicht gefunden" in caught.value.render(content, "de")[0]


def test_odd_text_is_kept_literally(content):
    text = "<b>AT&T</b> \u202eRTL\u202c 🙂 \x07 Grüße\nzweite Zeile"
    answers = parse_answers(json.dumps(minimal(notes=text)), content)
    assert answers.values["notes"] == text


def test_an_answer_is_either_given_or_declined_never_both(content):
    answers = Answers.new(content)
    answers.set("reserve_months", 3)
    answers.decline("reserve_months")
    assert "reserve_months" not in answers.values and "reserve_months" in answers.declined
    answers.set("reserve_months", 4)
    assert answers.values["reserve_months"] == 4 and "reserve_months" not in answers.declined
    answers.clear("reserve_months")
    assert "reserve_months" not in answers.values and "reserve_months" not in answers.declined
    assert parse_answers(answers.to_json(), content).values == {}
