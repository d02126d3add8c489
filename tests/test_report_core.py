"""The report's core is what advisers ask their clients to bring: about four pages with
the situation and the first steps, the protection at a glance, the steps to tick off and
the questions for the conversation, grouped by who answers them. The rest follows after
a divider, without near-empty pages."""

from __future__ import annotations

import datetime as dt

import pytest

from solo_check.presentation import present

from .conftest import EXAMPLES
from .report_pdf import built, example, page_texts, reader, squeeze

NAMES = sorted(p.name for p in EXAMPLES.glob("*.json"))
CASES = [(name, lang) for name in NAMES for lang in ("de", "en")]
MIN_FILL = 0.35  # share of a page's height its text must reach (but the ends of parts)


@pytest.fixture(scope="module")
def reports(content):
    out = {}
    for name, lang in CASES:
        answers, assessment = example(content, name)
        pdf, model = built(content, answers, assessment, lang)
        out[name, lang] = (answers, assessment, pdf, model)
    return out


def _core_pages(pdf: bytes, model) -> int:
    texts = [squeeze(t) for t in page_texts(pdf)]
    divider = squeeze(model.reference_heading)
    return next(i for i, text in enumerate(texts) if i and divider in text)


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_the_core_is_at_most_five_pages(reports, name, lang):
    _, _, pdf, model = reports[name, lang]
    assert _core_pages(pdf, model) <= 5


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_page_one_names_the_first_steps_and_every_deadline(content, reports, name, lang):
    answers, assessment, pdf, _ = reports[name, lang]
    pres = present(content, answers, assessment, lang)
    first = squeeze(page_texts(pdf)[0])
    for step in pres.steps:
        assert squeeze(step.title) in first and squeeze(step.when) in first
        assert squeeze(step.with_whom) in first and squeeze(step.first_move) in first
    for deadline in pres.deadlines:
        assert squeeze(deadline.text) in first


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_the_grid_shows_every_protection_row_with_its_state(content, reports, name, lang):
    answers, assessment, pdf, model = reports[name, lang]
    pres = present(content, answers, assessment, lang)
    texts = [squeeze(t) for t in page_texts(pdf)]
    page = next(t for t in texts if squeeze(model.protection.heading) in t)
    grid = page[page.index(squeeze(model.protection.heading)) :]
    assert len(pres.protection) == len(content.pointers.protection)
    for row in pres.protection:
        cell = squeeze(row.label) + squeeze(row.state_text)
        assert cell in grid, row.id
        assert squeeze(row.answer) in grid
        if row.state in ("gap", "unclear", "deadline"):
            assert row.ask and squeeze(row.ask) in grid


def test_the_copywriters_grid_quotes_her_own_answers(content, reports):
    answers, assessment, _, _ = reports["copywriter-one-client.json", "de"]
    rows = {r.id: r for r in present(content, answers, assessment, "de").protection}
    assert rows["largest_client"].state == "gap"
    assert "75 Prozent Ihres Umsatzes" in rows["largest_client"].answer
    assert "Statusfeststellung" in rows["largest_client"].ask
    assert rows["sick_pay"].state_text == "✗ Lücke"
    assert rows["reserves"].answer == "1 Monat"


def test_a_ksk_member_and_a_deadline_read_right_in_the_grid(content, reports):
    answers, assessment, _, _ = reports["translator-partly-answered.json", "de"]
    rows = {r.id: r for r in present(content, answers, assessment, "de").protection}
    assert rows["sick_pay"].state == "covered"  # from the seventh week, through the KSK
    assert "siebten Woche" in rows["sick_pay"].ask
    assert rows["liability"].answer == "nicht beantwortet"
    answers, assessment, _, _ = reports["software-developer-ai-daily.json", "en"]
    rows = {r.id: r for r in present(content, answers, assessment, "en").protection}
    assert rows["unemployment"].state_text == "! deadline 31 December 2026"


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_the_steps_page_has_the_plan_and_fields_to_fill_in(content, reports, name, lang):
    answers, assessment, pdf, model = reports[name, lang]
    pres = present(content, answers, assessment, lang)
    core = "".join(squeeze(t) for t in page_texts(pdf)[: _core_pages(pdf, model)])
    plan = core[core.index(squeeze(model.actions.heading)) :]
    for step in pres.all_steps:
        assert squeeze(step.title) in plan and squeeze(step.when) in plan
        for reason in step.reasons:
            assert squeeze(reason.text) in plan
    next_check = dt.date(2027, 12, 2)
    assert pres.next_check == next_check
    for field in model.actions.fields:
        assert squeeze(field) in plan


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_advice_questions_are_grouped_by_who_answers_them(content, reports, name, lang):
    answers, assessment, pdf, model = reports[name, lang]
    pres = present(content, answers, assessment, lang)
    questions = [q.text for g in pres.advice_groups for q in g.questions]
    assert len(questions) == len(set(questions))  # each question once
    first = pres.advice_questions[: len(questions)]
    assert sorted(q.text for q in first) == sorted(questions)  # the most relevant ones
    groups = [g.id for g in pres.advice_groups]
    assert len(groups) == len(set(groups))
    core = "".join(squeeze(t) for t in page_texts(pdf)[: _core_pages(pdf, model)])
    advice = core[core.index(squeeze(model.advice.heading)) :]
    last = 0
    for group in model.advice.groups:
        at = advice.index(squeeze(group.heading), last)
        assert at >= last
        last = at
        for question in group.questions:
            assert squeeze(question.text) in advice


def _fill(pdf: bytes) -> list[float]:
    """How far down each page its text reaches, as a share of the printable height."""
    shares = []
    for page in reader(pdf).pages:
        ys: list[float] = []

        def visit(text, cm, tm, font, size, ys=ys):
            if text.strip():
                ys.append(tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        height = float(page.mediabox.height)
        top, bottom = height * 0.92, height * 0.12  # header and footer lines excluded
        body = [y for y in ys if bottom < y < top]
        shares.append((top - min(body)) / (top - bottom) if body else 0.0)
    return shares


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_no_page_is_nearly_empty_but_the_ends_of_the_two_parts(reports, name, lang):
    _, _, pdf, model = reports[name, lang]
    fill = _fill(pdf)
    ends = {_core_pages(pdf, model) - 1, len(fill) - 1}
    thin = [i + 1 for i, share in enumerate(fill) if share < MIN_FILL and i not in ends]
    assert thin == [], f"pages below {MIN_FILL:.0%} filled: {thin} ({fill})"


def test_pointers_in_the_reference_part_are_numbered_and_the_plan_links_to_them(reports):
    _, _, pdf, model = reports["copywriter-one-client.json", "de"]
    entries = [e for g in model.pointers.groups for e in g.entries]
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))
    doc = reader(pdf)
    refs = [ref for row in model.actions.rows for ref in row.pointers]
    assert refs
    pages = [page.indirect_reference for page in doc.pages]
    core = _core_pages(pdf, model)
    targets = []
    for page in doc.pages[:core]:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                targets.append(pages.index(annot["/Dest"][0].indirect_reference))
    # every reference in the plan is a link into the reference part
    assert len(targets) >= len(refs)
    assert all(target >= core for target in targets)
