"""Occupations people asked for: each is found as people type it, carries its ILO row, and
has the tags that bring up the pension and KSK pointers meant for it."""

from __future__ import annotations

import datetime as dt
import typing

import pytest

from solo_check.answers import Answers
from solo_check.content import IloClass
from solo_check.scoring import score

TODAY = dt.date(2026, 12, 2)

# id, German title, English title, a German and an English synonym a person would type,
# and the ILO row (ISCO-08 code, title_en, mean_score_2025, category_2025) copied from
# shared/data/ilo_genai_exposure_isco08_2025.csv.
ADDED = [
    (
        "tax_adviser",
        "Steuerberater*in",
        "Tax adviser",
        "Steuerkanzlei",
        "Tax consultant",
        ("2411", "Accountants", 0.51, "Exposed: Gradient 3"),
    ),
    (
        "tattoo_artist",
        "Tätowierer*in",
        "Tattoo artist",
        "Tattoostudio",
        "Tattooist",
        ("5142", "Beauticians and Related Workers", 0.18, "Not Exposed"),
    ),
    (
        "early_childhood_educator",
        "Erzieher*in (freiberuflich)",
        "Early childhood educator (freelance)",
        "Kindheitspädagogin",
        "Kindergarten teacher",
        ("2342", "Early Childhood Educators", 0.21, "Not Exposed"),
    ),
    (
        "restorer",
        "Restaurator*in",
        "Conservator and restorer",
        "Gemälderestauratorin",
        "Art conservator",
        ("2621", "Archivists and Curators", 0.47, "Exposed: Gradient 2"),
    ),
    (
        "veterinarian",
        "Tierärzt*in",
        "Veterinarian",
        "Tierarzt",
        "Vet",
        ("2250", "Veterinarians", 0.14, "Not Exposed"),
    ),
    (
        "street_musician",
        "Straßenmusiker*in",
        "Street musician",
        "Straßenmusik",
        "Busker",
        ("2652", "Musicians, Singers and Composers", 0.28, "Not Exposed"),
    ),
]
IDS = [row[0] for row in ADDED]


def _found(content, typed: str, lang: str) -> list[str]:
    return [o.id for o in content.occupations.search(typed, lang)]


@pytest.mark.parametrize(("occ_id", "de", "en", "synonym_de", "synonym_en", "_row"), ADDED, ids=IDS)
def test_found_by_its_german_and_english_title_and_a_synonym(
    content, occ_id, de, en, synonym_de, synonym_en, _row
):
    occ = content.occupations.by_id[occ_id]
    assert (occ.title.de, occ.title.en) == (de, en)
    assert _found(content, de, "de")[0] == occ_id
    assert _found(content, en, "en")[0] == occ_id
    assert occ_id in _found(content, synonym_de, "de")
    assert occ_id in _found(content, synonym_en, "en")
    # Someone with the English list open may still type the German word, and the other way.
    assert occ_id in _found(content, de, "en")
    assert occ_id in _found(content, en, "de")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Tatowierer", "tattoo_artist"),
        ("Taetowiererin", "tattoo_artist"),
        ("Strassenmusiker", "street_musician"),
        ("Strassenmusikerin", "street_musician"),
        ("Tierarztin", "veterinarian"),
        ("Kindheitspadagogin", "early_childhood_educator"),
    ],
)
def test_found_when_typed_without_umlauts_or_sharp_s(content, typed, expected):
    assert expected in _found(content, typed, "de")


@pytest.mark.parametrize(("occ_id", "_de", "_en", "_sd", "_se", "row"), ADDED, ids=IDS)
def test_carries_exactly_its_ilo_row(content, occ_id, _de, _en, _sd, _se, row):
    occ = content.occupations.by_id[occ_id]
    assert (occ.isco08, occ.ilo_title, occ.ilo_score, occ.ilo_class) == row


def test_one_isco_group_has_one_ilo_row_throughout_the_list(content):
    """Occupations sharing an ISCO-08 group (a tattoo artist and a beautician, say) carry the
    same ILO title, score and class, each a score in 0..1 and one of the six ILO classes.
    This holds without the ILO file; test_content compares every row with it where it is."""
    classes = set(typing.get_args(IloClass))
    assert len(classes) == 6
    rows: dict[str, set[tuple]] = {}
    for occ in content.occupations.occupations:
        assert 0 <= occ.ilo_score <= 1, occ.id
        assert occ.ilo_class in classes, occ.id
        rows.setdefault(occ.isco08, set()).add((occ.ilo_title, occ.ilo_score, occ.ilo_class))
    assert {code: r for code, r in rows.items() if len(r) > 1} == {}


@pytest.mark.parametrize(
    ("occ_id", "has", "lacks"),
    [
        ("makeup_artist", {"artist"}, set()),
        ("physiotherapist", {"care", "health"}, set()),
        ("occupational_therapist", {"care", "health"}, set()),
        ("massage_therapist", {"care", "health"}, set()),
        ("early_childhood_educator", {"teaching"}, set()),
        ("street_musician", {"artist"}, set()),
        # Only what is clearly true: whether the KSK takes tattooing or restoration is decided
        # case by case, and neither is a trade under the Handwerksordnung.
        ("tattoo_artist", set(), {"artist", "craft"}),
        ("restorer", set(), {"artist", "craft"}),
        ("veterinarian", set(), {"health", "care"}),
        ("tax_adviser", set(), {"teaching", "publicist"}),
    ],
)
def test_tags(content, occ_id, has, lacks):
    tags = set(content.occupations.by_id[occ_id].tags)
    assert has <= tags
    assert not lacks & tags


def _pointers(content, occupation: str) -> list[str]:
    answers = Answers.new(content)
    answers.values["occupation"] = occupation
    return [p.id for p in score(content, answers, TODAY).pointers]


@pytest.mark.parametrize(
    "occ_id", ["physiotherapist", "occupational_therapist", "massage_therapist"]
)
def test_therapists_hear_of_the_pension_duty_for_care_persons(content, occ_id):
    assert "rv-pflicht-pflege" in _pointers(content, occ_id)


def test_a_freelance_educator_hears_of_the_pension_duty_for_teachers_and_educators(content):
    assert "rv-pflicht-lehrende" in _pointers(content, "early_childhood_educator")


@pytest.mark.parametrize("occ_id", ["makeup_artist", "street_musician"])
def test_make_up_artists_and_street_musicians_hear_of_the_ksk(content, occ_id):
    assert "ksk" in _pointers(content, occ_id)
