"""The group report as PDF: a few pages of counts over a workshop's participants, laid out
with the personal report's styles, fonts and page templates. No Qt.

Everything shown comes from ``group.GroupSummary``, which holds counts only (small ones
withheld), so nothing here can reveal an individual.
"""

from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table

from .. import __version__
from ..content import Content, Lang
from ..explain import date_text
from ..group import Count, GroupSummary, suggestions
from . import model
from .render import (
    BOLD,
    FONT,
    FRAME_W,
    INK,
    RULE,
    TINT,
    TINT_STRONG,
    _Canvas,
    _Document,
    _Story,
    markup,
    register_fonts,
    stylesheet,
    table_style,
)


def build_group_report(content: Content, summary: GroupSummary, lang: Lang) -> bytes:
    register_fonts()
    t = content.texts
    settings = content.questionnaire.scoring.group
    withheld = t.get("group.withheld", lang, min=settings.min_count)
    date = date_text(content, summary.today, lang)
    title = t.get("group.title", lang)
    meta = model.Meta(
        title=title,
        subject=t.get("group.subject", lang),
        author=f"Solo-Check {__version__}",
        keywords=(),
        language=model.PDF_LANGUAGE[lang],
        header=t.get("report.header", lang, title=title, date=date),
        footer=t.get("report.footer", lang, version=__version__),
        page_label=t.get("report.page", lang, page="{page}", pages="{pages}"),
    )
    story = _Story(stylesheet())
    story.add(story.heading(title, "title", 0))
    story.add(story.p(t.get("group.as_of", lang, date=date, size=summary.size), "meta"))
    story.add(story.p(t.get("group.privacy", lang, min=settings.min_count)), Spacer(1, 6))

    def counts(heading_key: str, items: tuple[Count, ...]) -> None:
        if not items:
            return
        story.add(CondPageBreak(90))
        story.add(story.heading(t.get(f"group.heading.{heading_key}", lang), "h2", 1))
        st = story.styles
        rows = [
            [
                Paragraph(markup(t.get("group.col.item", lang)), st["cell_head"]),
                Paragraph(markup(t.get("group.col.count", lang)), st["cell_head"]),
            ]
        ]
        rows += [
            [
                Paragraph(markup(c.label), st["cell"]),
                Paragraph(markup(c.text(withheld)), st["cell"]),
            ]
            for c in items
        ]
        table = Table(rows, colWidths=[FRAME_W * 0.78, FRAME_W * 0.22], repeatRows=1)
        table.setStyle(
            table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), TINT),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story.add(table)

    counts("situations", summary.situations)
    story.add(CondPageBreak(260))
    story.add(story.heading(t.get("group.heading.grid", lang), "h2", 1))
    story.add(heat_map(content, summary, withheld, lang))
    step = 100 // summary.grid_bins
    story.add(
        story.p(
            t.get(
                "group.grid.caption",
                lang,
                bins=summary.grid_bins,
                step=step,
                min=settings.min_count,
            ),
            "caption",
        )
    )
    counts("gaps", summary.gaps)
    counts("needed", summary.needed)
    counts("wished", summary.wished)
    counts("formats", summary.formats)
    counts("time", summary.time)
    counts("budget", summary.budget)
    counts("pointers", summary.pointers)
    ideas = suggestions(content, summary, lang)
    if ideas:
        story.add(CondPageBreak(90))
        story.add(story.heading(t.get("group.heading.together", lang), "h2", 1))
        for idea in ideas:
            story.add(Paragraph(markup(idea), story.styles["bullet"], bulletText="•"))
    story.add(CondPageBreak(90))
    story.add(story.heading(t.get("group.heading.method", lang), "h2", 1))
    story.add(story.p(t.get("group.method.text", lang)))
    story.add(story.p(t.get("group.not_advice", lang)))
    out = io.BytesIO()
    doc = _Document(out, meta)
    doc.build(story.items, canvasmaker=_Canvas)
    return out.getvalue()


def heat_map(content: Content, summary: GroupSummary, withheld: str, lang: Lang) -> Drawing:
    """The map's grid with the number of people per cell (withheld ones marked)."""
    dims = content.questionnaire.dimensions
    bins = summary.grid_bins
    cell = 44.0
    left, bottom = 30.0, 26.0
    d = Drawing(left + bins * cell + 10, bottom + bins * cell + 10, initialFontName=FONT)
    biggest = max((c.shown or 0 for row in summary.grid for c in row), default=0) or 1
    for r, row in enumerate(summary.grid):
        for x, c in enumerate(row):
            y = bottom + (bins - 1 - r) * cell
            shade = TINT_STRONG if (c.shown or 0) >= biggest / 2 else TINT
            d.add(Rect(left + x * cell, y, cell, cell, fillColor=shade, strokeColor=RULE))
            label = c.text(withheld)
            d.add(
                String(
                    left + x * cell + cell / 2,
                    y + cell / 2 - 3,
                    label,
                    fontName=BOLD,
                    fontSize=9,
                    fillColor=INK,
                    textAnchor="middle",
                )
            )
    d.add(
        String(
            left + bins * cell / 2,
            4,
            dims["exposure"].name.get(lang) + " →",
            fontName=BOLD,
            fontSize=8,
            fillColor=INK,
            textAnchor="middle",
        )
    )
    d.add(
        String(
            2,
            bottom + bins * cell + 2,
            dims["buffers"].name.get(lang) + " ↑",
            fontName=BOLD,
            fontSize=8,
            fillColor=INK,
        )
    )
    return d
