"""The person's own words in the report: shown literally, never read as markup, never
breaking the PDF — whatever they typed (markup, control characters, emoji, right-to-left
script, 20,000 characters)."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf._utils import is_char_rtl

from solo_check.report.render import REPLACEMENT, clean_text, markup, text_chunks

from .report_pdf import TODAY, body_text, built, reader, squeeze, without_rtl
from .report_pdf import example as example_person

HOSTILE = [
    "<b>fett</b>",
    "AT&T & Co &amp; &lt;",
    "<font size=40>RIESIG</font>",
    '<a href="https://example.invalid">Link</a>',
    "a<b",
    "]]> <![CDATA[ x",
    "\x00\x01\x07\x1b[31m\x7f",
    "Grüße „Zitat“ – €",
    "😀👍🏽🇩🇪",
    "עברית שלום",
    "مرحبا بالعالم",
    "\u202eevil\u202c",
    "tab\there\r\nwindows\rold mac\u2028line",
    "\ud800 lone surrogate",
    "  leading and   many   spaces  ",
    "\n\n\n",
]


def _score(content, answers):
    from solo_check.scoring import score

    return score(content, answers, TODAY)


def _expect_literally(content, typed: str, lang: str = "de") -> None:
    """Build the report with ``typed`` as the person's notes and read it back."""
    answers, _ = example_person(content, "copywriter-one-client.json")
    answers.set("notes", typed)
    assessment = _score(content, answers)
    pdf, model = built(content, answers, assessment, lang)
    assert pdf.startswith(b"%PDF-") and len(reader(pdf).pages) >= 5
    text = body_text(pdf, model)
    expected = squeeze(clean_text(typed))
    assert without_rtl(expected) in without_rtl(text)
    have = Counter(ch for ch in text if is_char_rtl(ch))
    for ch, count in Counter(ch for ch in expected if is_char_rtl(ch)).items():
        assert have[ch] >= count


free_text = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE),
        st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60),
        st.text(alphabet=st.characters(categories=["Cc", "Cf", "Cs", "Co", "Mn", "Zs", "Zl"])),
    ),
    min_size=1,
    max_size=6,
).map("".join)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(typed=free_text)
@example(typed="".join(HOSTILE))
def test_hostile_notes_appear_literally(content, typed):
    _expect_literally(content, typed)


def test_twenty_thousand_characters_flow_over_pages(content):
    words = ("Auftrag " * 1200) + ("x" * 3000) + "\n" + ("Zeile\n" * 400) + "ENDE"
    typed = (words * 2)[:20_000]
    assert len(typed) == 20_000
    _expect_literally(content, typed, "en")


def test_markup_is_shown_not_obeyed(content):
    answers, _ = example_person(content, "copywriter-one-client.json")
    answers.set("notes", '<font size=40>RIESIG</font> <a href="https://example.invalid">x</a>')
    pdf, model = built(content, answers, _score(content, answers), "de")
    text = body_text(pdf, model)
    assert squeeze("<font size=40>RIESIG</font>") in text
    uris = [
        a.get_object()["/A"]["/URI"]
        for page in reader(pdf).pages
        for a in page.get("/Annots") or []
        if "/A" in a.get_object()
    ]
    assert "https://example.invalid" not in uris


def test_an_other_occupation_typed_by_the_person_is_escaped(content):
    answers, _ = example_person(content, "copywriter-one-client.json")
    answers.set("occupation", "other")
    answers.set("occupation_other", "Über & <i>Co</i> 🎨")
    pdf, model = built(content, answers, _score(content, answers), "de")
    text = body_text(pdf, model)
    assert squeeze(f"Beruf: Über & <i>Co</i> {REPLACEMENT}") in text


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("a\x00b\x07c", "abc"),
        ("eins\r\nzwei\rdrei", "eins\nzwei\ndrei"),
        ("tab\tstop", "tab stop"),
        ("🙂 ok", f"{REPLACEMENT} ok"),  # beyond the font's reach in the PDF
        ("e\u0301", "e\u0301"),  # a combining accent the font has
        ("\ud800x", "x"),  # a lone surrogate from a damaged file
        ("Soft\xadhyphen \u202eok\u200d", "Softhyphen ok"),  # invisible format characters
    ],
)
def test_clean_text(typed, shown):
    assert clean_text(typed) == shown


def test_markup_escapes_and_keeps_line_breaks():
    assert markup("a<b & c\nd") == "a&lt;b &amp; c<br/>d"


def test_long_text_is_cut_into_pieces_that_keep_every_character():
    typed = ("Ein Satz. " * 300) + ("wort " * 500) + ("y" * 2500) + "\n" * 50 + "ende"
    chunks = text_chunks(typed)
    assert len(chunks) > 3
    assert all(len(c) <= 1000 and c.count("\n") < 16 for c in chunks)
    assert squeeze("".join(chunks)) == squeeze(typed)
    assert chunks[0].endswith("Ein Satz.")  # cut at the end of a sentence
