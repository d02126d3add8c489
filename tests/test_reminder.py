"""The reminder file: a valid all-day iCalendar entry that carries no answer."""

from __future__ import annotations

import datetime as dt

from solo_check.reminder import reminder_ics

NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)


def _unfold(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")  # every line ends with CRLF
    return text.replace("\r\n ", "").split("\r\n")


def test_a_year_ahead_reminder_is_an_all_day_entry(content):
    data = reminder_ics(content, dt.date(2027, 12, 2), "de", now=NOW)
    lines = _unfold(data)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "DTSTART;VALUE=DATE:20271202" in lines
    assert "DTEND;VALUE=DATE:20271203" in lines
    assert "SUMMARY:Solo-Check wiederholen" in lines
    assert any(line.startswith("UID:") for line in lines)
    for raw in data.split(b"\r\n"):
        assert len(raw) <= 75  # folded as the standard wants


def test_text_is_escaped_and_english_works(content):
    data = reminder_ics(content, dt.date(2026, 12, 31), "en", now=NOW, kind="deadline")
    lines = _unfold(data)
    assert "SUMMARY:Deadline from the Solo-Check" in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert "\\," in description or "," not in description.removeprefix("DESCRIPTION:")
