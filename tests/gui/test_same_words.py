"""The window, the PDF report and the command line say the same things: the same first
three steps with the same dates and reasons, and the same lines per dimension."""

from __future__ import annotations

import pytest

from solo_check.gui.results import ResultsPage
from solo_check.presentation import present
from solo_check.terminal import summary_text

from ..conftest import EXAMPLES
from ..report_pdf import TODAY, example, page_texts, squeeze
from .test_pages_kept import _expected_lines

NAMES = sorted(p.name for p in EXAMPLES.glob("*.json"))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_window_report_and_terminal_show_the_same_plan_and_lines(qtbot, content, name, lang):
    from solo_check.report import build_report

    answers, assessment = example(content, name)
    pres = present(content, answers, assessment, lang)
    page = ResultsPage(content)
    qtbot.addWidget(page)
    page.set_language(lang)
    page.show_assessment(answers, assessment, None, TODAY)
    page_text = "\n".join(w.text() for w in page.findChildren(type(page.title)))
    first_page = squeeze(page_texts(build_report(content, answers, assessment, lang))[0])
    terminal = squeeze(summary_text(content, pres))
    assert pres.steps
    for step in pres.steps:
        assert step.title in page_text and step.when in page_text
        assert squeeze(step.title) in first_page and squeeze(step.when) in first_page
        assert squeeze(step.title) in terminal and squeeze(step.when) in terminal
        for reason in step.reasons:
            assert "• " + reason.text in page_text
            assert squeeze(reason.text) in first_page
            assert squeeze(reason.text) in terminal
    # the steps shown first are the same, in the same order, everywhere
    positions = [first_page.index(squeeze(s.title)) for s in pres.steps]
    assert positions == sorted(positions)
    for view in pres.dimensions:
        lines = _expected_lines(content, answers, assessment, view.id, lang)
        assert page.cards[view.id].line_texts() == lines
        for line in view.concerns + view.strengths:
            assert squeeze(line.text) in terminal
