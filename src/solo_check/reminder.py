"""A reminder of the next check (or of a deadline) as an iCalendar file (RFC 5545), to
import into any calendar. No network, no Qt: the person chooses where the file goes.

The entry says only what to do and when, never any answer: calendars are often synced
to other services, and a reminder must not carry the person's situation there.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from .content import Content, Lang

PRODID = "-//Solo-Check//Erinnerung//DE"


def _escape(text: str) -> str:
    """TEXT value escaping of RFC 5545 (3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded: CRLF and a space (RFC 5545, 3.1)."""
    out: list[str] = []
    current = b""
    for ch in line:
        encoded = ch.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def reminder_ics(
    content: Content,
    day: dt.date,
    lang: Lang,
    *,
    now: dt.datetime,
    kind: str = "next_check",
) -> bytes:
    """An all-day entry on ``day``; ``kind`` is "next_check" or "deadline"."""
    t = content.texts
    summary = t.get(f"reminder.{kind}.summary", lang)
    description = t.get(f"reminder.{kind}.description", lang)
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    uid = hashlib.sha256(f"{kind}{day.isoformat()}{stamp}".encode()).hexdigest()[:24]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}@solo-check.invalid",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape(summary)}",
        "TRIGGER:-P1D",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
