"""Rendering the report model to PDF with reportlab: A4, DejaVu fonts embedded,
header and footer with "page X of Y", an outline entry for every section, metadata,
and two charts drawn with reportlab's own graphics (the situation map, the scores).

Layout only: every string comes ready-made from ``model.py``. Every string also goes
through ``markup()``, which escapes it, keeps its line breaks and replaces characters
the font cannot draw, so that the person's own words appear literally and can never
be read as markup. Imported only when a report is built (reportlab is slow to import).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.frames import Frame

from ..paths import resource
from . import model

# --------------------------------------------------------------------------- fonts

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
REPLACEMENT = "\ufffd"  # drawn where the font has no glyph (emoji, rare scripts)


@cache
def register_fonts() -> None:
    """Register the bundled DejaVu faces with reportlab, once per process."""
    for name in (FONT, BOLD, ITALIC, BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(resource(f"fonts/{name}.ttf"))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )


@cache
def drawable_codepoints() -> frozenset[int]:
    """The characters both faces used for the person's text (regular, bold) can draw.

    Only the Basic Multilingual Plane: reportlab writes a broken ToUnicode entry for
    characters beyond it (e.g. the emoji DejaVu has), so copying or searching them in a
    PDF viewer would fail."""
    register_fonts()
    regular = pdfmetrics.getFont(FONT).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(c for c in regular if c in bold and c <= 0xFFFF)


_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")


def clean_text(text: str) -> str:
    """Text as the PDF can show it: line breaks unified to \\n, tabs to spaces, control
    characters and invisible format characters (soft hyphen, joiners, direction marks:
    reportlab does not apply them) removed, characters the font lacks replaced by
    U+FFFD (combining marks the font lacks are dropped, as they have no shape)."""
    drawable = drawable_codepoints()
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf"):
            continue
        if ord(ch) in drawable and cat not in ("Cs", "Co", "Cn"):
            out.append(ch)
        elif cat not in ("Mn", "Me", "Cs"):
            out.append(REPLACEMENT)
    return "".join(out)


def markup(text: str) -> str:
    """Plain text as safe Paragraph markup: cleaned, escaped, newlines kept."""
    return escape(clean_text(text)).replace("\n", "<br/>")


def text_chunks(text: str, max_chars: int = 1000, max_lines: int = 16) -> list[str]:
    """Split long text into pieces small enough that no single flowable or table row
    is taller than a page. Splits at line breaks; a longer line at the end of a
    sentence, else at a space, else anywhere."""
    chunks: list[str] = []
    lines: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal lines, size
        if lines:
            chunks.append("\n".join(lines))
        lines, size = [], 0

    for line in clean_text(text).split("\n"):
        while len(line) > max_chars:
            flush()
            cut = _cut(line, max_chars)
            chunks.append(line[:cut])
            line = line[cut:].lstrip(" ")
        if lines and (size + len(line) > max_chars or len(lines) >= max_lines):
            flush()
        lines.append(line)
        size += len(line) + 1  # with its line break
    flush()
    return [c for c in chunks if c.strip()] or [""]


def _cut(line: str, limit: int) -> int:
    window = line[:limit]
    sentence = max(window.rfind(mark, limit // 2) for mark in (". ", "! ", "? ", "; "))
    if sentence > 0:
        return sentence + 1
    space = window.rfind(" ", limit // 2)
    return space if space > 0 else limit


# --------------------------------------------------------------------------- styles

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#474747")
ACCENT = colors.HexColor("#1c4a72")
RULE = colors.HexColor("#9a9a9a")
TINT = colors.HexColor("#eef2f6")
TINT_STRONG = colors.HexColor("#cfdbe7")
ROW_ALT = colors.HexColor("#f4f4f4")

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 18 * mm
HEADER_SPACE = 8 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X


def stylesheet() -> dict[str, ParagraphStyle]:
    """All paragraph styles of the report, in one place."""
    base = ParagraphStyle(
        "body",
        fontName=FONT,
        bulletFontName=FONT,  # reportlab's default bullet font is Helvetica
        fontSize=9.5,
        bulletFontSize=9.5,
        leading=13.5,
        textColor=INK,
        spaceAfter=4,
    )

    def style(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": style("title", fontName=BOLD, fontSize=20, leading=25, textColor=ACCENT),
        "meta": style("meta", fontSize=9.5, textColor=MUTED, spaceAfter=1),
        "h1": style(
            "h1",
            fontName=BOLD,
            fontSize=15,
            leading=19,
            textColor=ACCENT,
            spaceBefore=4,
            spaceAfter=8,
            keepWithNext=1,
        ),
        "h2": style(
            "h2",
            fontName=BOLD,
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h3": style(
            "h3",
            fontName=BOLD,
            fontSize=10,
            leading=13.5,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "label": style("label", fontName=BOLD, fontSize=8.5, leading=11.5, spaceAfter=0),
        "small": style("small", fontSize=8.5, leading=11.5, spaceAfter=0),
        "small_muted": style(
            "small_muted",
            fontName=ITALIC,
            fontSize=8.5,
            leading=11.5,
            textColor=MUTED,
            spaceAfter=0,
        ),
        "caption": style("caption", fontSize=8, leading=10.5, textColor=MUTED),
        "situation": style("situation", fontName=BOLD, fontSize=12.5, leading=16, spaceAfter=3),
        "bullet": style("bullet", leftIndent=14, bulletIndent=2, spaceAfter=3),
        "step": style("step", leftIndent=18, bulletIndent=0, spaceAfter=4),
        "step_title": style("step_title", leftIndent=18, bulletIndent=0, spaceAfter=1),
        "step_reason_line": style(
            "step_reason_line", fontSize=8.5, leading=11.5, leftIndent=18, spaceAfter=1
        ),
        "step_reason": style(
            "step_reason", fontSize=8.5, leading=11.5, leftIndent=18, spaceAfter=7
        ),
        "h2_flow": style(
            "h2_flow",
            fontName=BOLD,
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
        ),
        "note": style("note", fontName=ITALIC, textColor=MUTED, leftIndent=18, spaceAfter=6),
        "quote": style("quote", leftIndent=10, spaceAfter=0),
        "cell": style("cell", fontSize=8.5, leading=11.5, spaceAfter=0),
        "cell_bold": style("cell_bold", fontName=BOLD, fontSize=8.5, leading=11.5, spaceAfter=1),
        "cell_head": style(
            "cell_head", fontName=BOLD, fontSize=8.5, leading=11.5, textColor=ACCENT, spaceAfter=0
        ),
        "link": style("link", fontSize=8.5, leading=11.5, spaceBefore=2, spaceAfter=0),
        "footer": style("footer", fontSize=7.5, textColor=MUTED, alignment=TA_LEFT),
        "footer_right": style("footer_right", fontSize=7.5, textColor=MUTED, alignment=TA_RIGHT),
    }


def table_style(commands: list[tuple]) -> TableStyle:
    """A table style whose cells use the embedded font (reportlab's default is Helvetica,
    which would be referenced even when every cell holds a Paragraph)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


# --------------------------------------------------------------------------- flowables


class Heading(Paragraph):
    """A heading that is also a PDF outline entry (bookmark) at its own position."""

    def __init__(
        self, text: str, style: ParagraphStyle, key: str, level: int, outline: str | None = None
    ):
        super().__init__(markup(text), style)
        self.outline_title = clean_text(outline or text)
        self.key = key
        self.level = level

    def draw(self) -> None:
        canv = self.canv
        canv.bookmarkHorizontal(self.key, 0, self.height + self.style.fontSize * 0.5)
        canv.addOutlineEntry(self.outline_title, self.key, level=self.level)
        super().draw()


class TickBox(Flowable):
    """An empty square to tick on paper."""

    def __init__(self, size: float = 10):
        super().__init__()
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


class IfRoom(Flowable):
    """A flowable shown only if it fits in the space left on the page, else left out:
    for a line that helps where it stands but must not push a page over on its own
    (page 1's closing note would otherwise fill a page of its own)."""

    def __init__(self, inner: Flowable):
        super().__init__()
        self.inner = inner
        self.shown = True

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self.inner.wrap(available_width, available_height)
        self.shown = height <= available_height
        return (width, height) if self.shown else (available_width, 0)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []  # never split: it is a line or two, or nothing

    def draw(self) -> None:
        if self.shown:
            self.inner.drawOn(self.canv, 0, 0)


class RuledLines(Flowable):
    """Lines to write notes on; splits across pages (at least three lines per page)."""

    def __init__(self, count: int, gap: float = 22):
        super().__init__()
        self.count = count
        self.gap = gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.count * self.gap
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int(avail_height // self.gap)
        if fits < 3 or fits >= self.count:
            return []
        return [RuledLines(fits, self.gap), RuledLines(self.count - fits, self.gap)]

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        for i in range(self.count):
            y = self.height - (i + 1) * self.gap + 2
            self.canv.line(0, y, self.width, y)


# --------------------------------------------------------------------------- charts


def _wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and pdfmetrics.stringWidth(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def situation_map(m: model.SituationMap, size: float = 186) -> Drawing:
    """The exposure x buffers map: four situations, thresholds, the person's dot."""
    left, bottom = 30.0, 30.0
    plot = size - left - 10  # room for the dot at 100
    d = Drawing(size, size, initialFontName=FONT)

    def px(value: float) -> float:
        return left + plot * value / 100

    def py(value: float) -> float:
        return bottom + plot * value / 100

    tx, ty = px(m.exposure_threshold), py(m.buffers_threshold)
    spans = {"lower": (px(0), tx), "higher": (tx, px(100))}
    heights = {"weaker": (py(0), ty), "stronger": (ty, py(100))}
    dot = (px(m.position[0]), py(m.position[1])) if m.position is not None else None
    for q in m.quadrants:
        x0, x1 = spans[q.exposure]
        y0, y1 = heights[q.buffers]
        d.add(
            Rect(
                x0,
                y0,
                x1 - x0,
                y1 - y0,
                fillColor=TINT_STRONG if q.current else TINT,
                strokeColor=None,
            )
        )
        font = BOLD if q.current else FONT
        lines = _wrap_words(q.name, font, 7.5, x1 - x0 - 8)
        at_right = q.exposure == "higher"
        at_top = q.buffers == "stronger"
        # The name sits in the map's outer corner, unless the dot is there.
        if dot is not None and x0 <= dot[0] <= x1:
            name_low = y1 - 14 - 9 * len(lines) if at_top else y0
            name_high = y1 if at_top else y0 + 14 + 9 * len(lines)
            if name_low <= dot[1] <= name_high:
                at_top = not at_top
        x = x1 - 4 if at_right else x0 + 4
        for i, line in enumerate(lines):
            y = y1 - 10 - i * 9 if at_top else y0 + 4 + (len(lines) - 1 - i) * 9
            d.add(
                String(
                    x,
                    y,
                    line,
                    fontName=font,
                    fontSize=7.5,
                    fillColor=INK,
                    textAnchor="end" if at_right else "start",
                )
            )
    d.add(Rect(px(0), py(0), plot, plot, fillColor=None, strokeColor=MUTED, strokeWidth=0.8))
    for x0, y0, x1, y1 in ((tx, py(0), tx, py(100)), (px(0), ty, px(100), ty)):
        d.add(Line(x0, y0, x1, y1, strokeColor=MUTED, strokeWidth=0.9, strokeDashArray=[3, 2]))
    for value in (0, 50, 100):
        d.add(Line(px(value), py(0), px(value), py(0) - 3, strokeColor=MUTED, strokeWidth=0.6))
        d.add(
            String(
                px(value),
                py(0) - 11,
                str(value),
                fontName=FONT,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
        d.add(Line(px(0), py(value), px(0) - 3, py(value), strokeColor=MUTED, strokeWidth=0.6))
        d.add(
            String(
                px(0) - 5,
                py(value) - 2.5,
                str(value),
                fontName=FONT,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
    d.add(
        String(
            px(50),
            2,
            m.exposure_name + " →",
            fontName=BOLD,
            fontSize=8,
            fillColor=INK,
            textAnchor="middle",
        )
    )
    axis = Group(
        String(
            0,
            0,
            m.buffers_name + " →",
            fontName=BOLD,
            fontSize=8,
            fillColor=INK,
            textAnchor="middle",
        )
    )
    axis.translate(8, py(50))
    axis.rotate(90)
    d.add(axis)
    if m.position is not None and dot is not None:
        x, y = dot
        d.add(Circle(x, y, 6.5, fillColor=colors.white, strokeColor=None))
        if m.provisional:  # hollow: the place rests on too few answers
            d.add(Circle(x, y, 4.5, fillColor=colors.white, strokeColor=INK, strokeWidth=1.4))
        else:
            d.add(Circle(x, y, 4.5, fillColor=INK, strokeColor=None))
        d.add(Circle(x, y, 8.5, fillColor=None, strokeColor=INK, strokeWidth=1))
        width = pdfmetrics.stringWidth(m.marker_label, BOLD, 8) + 6
        lx = x + 11 if m.position[0] < 50 else x - 11 - width
        ly = y + 9 if m.position[1] < 50 else y - 19
        d.add(Rect(lx, ly, width, 11, fillColor=colors.white, strokeColor=INK, strokeWidth=0.6))
        d.add(String(lx + 3, ly + 3, m.marker_label, fontName=BOLD, fontSize=8, fillColor=INK))
    return d


def score_bars(bars: tuple[model.ScoreBar, ...], width: float = 236) -> Drawing:
    """The four scores as bars on a 0-100 scale, with the score bands marked below and
    the direction in words. A bar where high is a warning (exposure) is hatched rather
    than filled, so the difference shows without colour; a provisional score has a
    hollow, dashed marker."""
    row = 46.0
    d = Drawing(width, row * len(bars) + 4, initialFontName=FONT)
    track_h = 11.0
    for i, bar in enumerate(bars):
        top = d.height - i * row
        y = top - 26
        d.add(String(0, top - 11, bar.name, fontName=BOLD, fontSize=8.5, fillColor=INK))
        d.add(
            String(
                width,
                top - 11,
                bar.value_text,
                fontName=FONT,
                fontSize=8.5,
                fillColor=INK,
                textAnchor="end",
            )
        )
        shades = (
            colors.HexColor("#f2f2f2"),
            colors.HexColor("#e4e4e4"),
            colors.HexColor("#d6d6d6"),
        )
        for j, band in enumerate(bar.bands):
            x0 = width * band.low / 100
            x1 = width * band.high / 100
            d.add(Rect(x0, y, x1 - x0, track_h, fillColor=shades[j % 3], strokeColor=None))
            d.add(
                String(
                    (x0 + x1) / 2,
                    y - 9,
                    band.label,
                    fontName=FONT,
                    fontSize=7,
                    fillColor=MUTED,
                    textAnchor="middle",
                )
            )
            if j:
                d.add(Line(x0, y - 3, x0, y + track_h + 3, strokeColor=MUTED, strokeWidth=0.8))
        d.add(Rect(0, y, width, track_h, fillColor=None, strokeColor=MUTED, strokeWidth=0.6))
        d.add(String(0, y - 19, bar.direction, fontName=ITALIC, fontSize=7, fillColor=MUTED))
        if bar.score is not None:
            x = width * bar.score / 100
            if bar.warning:
                d.add(
                    Rect(
                        0,
                        y + 2.5,
                        x,
                        track_h - 5,
                        fillColor=None,
                        strokeColor=ACCENT,
                        strokeWidth=0.8,
                    )
                )
                step = 3.0
                k = 0.0
                while k < x:
                    d.add(
                        Line(
                            k,
                            y + 2.5,
                            min(k + track_h - 5, x),
                            y + 2.5 + min(track_h - 5, x - k),
                            strokeColor=ACCENT,
                            strokeWidth=0.8,
                        )
                    )
                    k += step
            else:
                d.add(Rect(0, y + 2.5, x, track_h - 5, fillColor=ACCENT, strokeColor=None))
            if bar.provisional:
                d.add(
                    Line(
                        x,
                        y - 1,
                        x,
                        y + track_h + 1,
                        strokeColor=INK,
                        strokeWidth=1.2,
                        strokeDashArray=[1.5, 1.2],
                    )
                )
            else:
                d.add(Line(x, y - 1, x, y + track_h + 1, strokeColor=INK, strokeWidth=1.6))
    return d


# --------------------------------------------------------------------------- sections


class _Story:
    """Collects flowables; hands out bookmark keys in order."""

    def __init__(self, styles: dict[str, ParagraphStyle]):
        self.styles = styles
        self.items: list[Flowable] = []
        self._keys = 0

    def add(self, *flowables: Flowable) -> None:
        self.items.extend(flowables)

    def p(self, text: str, style: str = "body", **kw: object) -> Paragraph:
        return Paragraph(markup(text), self.styles[style], **kw)

    def heading(self, text: str, style: str, level: int, outline: str | None = None) -> Heading:
        self._keys += 1
        return Heading(text, self.styles[style], f"section{self._keys}", level, outline)


def _summary(story: _Story, s: model.Summary) -> None:
    st = story.styles
    story.add(story.heading(s.title, "title", 0, outline=s.heading))
    story.add(story.p(s.as_of, "meta"))
    if s.occupation:
        story.add(story.p(s.occupation, "meta"))
    story.add(Spacer(1, 10))
    box = [story.p(s.situation_name, "situation")] if s.situation_name else []
    box.append(story.p(s.situation_text))
    if s.situation_note:
        box.append(story.p(s.situation_note, "small"))
    situation = Table([[box]], colWidths=[FRAME_W])
    situation.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LINEBEFORE", (0, 0), (0, -1), 4 if s.situation_urgent else 2, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    story.add(situation, Spacer(1, 8))
    if s.deadlines:
        # Every running deadline with its date, in a box of its own: the one thing on
        # this page that cannot wait.
        lines = [story.p(s.deadlines_heading, "label")]
        lines += [Paragraph(markup(d), st["bullet"], bulletText="!") for d in s.deadlines]
        callout = Table([[lines]], colWidths=[FRAME_W])
        callout.setStyle(
            table_style(
                [
                    ("BOX", (0, 0), (-1, -1), 1.2, INK),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story.add(callout, Spacer(1, 8))
    left = [situation_map(s.map), Spacer(1, 4), story.p(s.map.caption, "caption")]
    right = [story.p(s.scores_heading, "h3"), Spacer(1, 2), score_bars(s.scores)]
    if s.comparison:
        right += [Spacer(1, 6), story.p(s.comparison.heading, "label")]
        right += [story.p(line, "small") for line in s.comparison.lines]
    charts = Table([[left, right]], colWidths=[FRAME_W * 0.5, FRAME_W * 0.5])
    charts.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 12),
                ("LEFTPADDING", (1, 0), (1, -1), 6),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ]
        )
    )
    story.add(charts, Spacer(1, 8))
    if s.steps:
        lead: list[Flowable] = [story.p(s.steps_heading, "h2")]
        for i, step in enumerate(s.steps, 1):
            text = f"<b>{markup(step.title)}</b> – {markup(step.timeframe)}"
            block: list[Flowable] = [
                *lead,
                Paragraph(text, st["step_title"], bulletText=f"{i}."),
            ]
            block += [story.p(reason, "step_reason_line") for reason in step.reasons]
            block.append(story.p(f"{step.with_whom} · {step.first_move}", "step_reason"))
            story.add(KeepTogether(block))
            lead = []
    elif s.steps_empty:
        story.add(story.p(s.steps_heading, "h2"), story.p(s.steps_empty))
        for fact in s.general_facts:
            story.add(Paragraph(markup(fact), st["bullet"], bulletText="•"))
    notes = " ".join(x for x in (s.steps_more, s.missing) if x)
    if notes:
        story.add(IfRoom(Spacer(1, 4)), IfRoom(story.p(notes, "small_muted")))
    story.add(PageBreak())


def _dimensions(story: _Story, report: model.Report) -> None:
    story.add(story.heading(report.dimensions_heading, "h1", 0))
    story.add(story.p(report.dimensions_intro))
    for dim in report.dimensions:
        story.add(CondPageBreak(150))
        story.add(story.heading(f"{dim.name}: {dim.score_text}", "h2", 1))
        story.add(story.p(f"{dim.short} {dim.direction}", "small_muted"), Spacer(1, 4))
        story.add(story.p(dim.meaning_heading, "h3"), story.p(dim.meaning))
        story.add(story.p(dim.status, "small_muted"), Spacer(1, 2))
        for heading, lines in (
            (dim.concerns_heading, dim.concerns),
            (dim.strengths_heading, dim.strengths),
        ):
            if lines:
                story.add(story.p(heading, "h3"))
                for line in lines:
                    story.add(Paragraph(markup(line), story.styles["bullet"], bulletText="•"))
        if dim.more:
            story.add(story.p(dim.more, "small_muted"))
        if dim.source:
            story.add(story.p(dim.source, "small_muted"))
        story.add(story.p(dim.strengthen_heading, "h3"), story.p(dim.strengthen))


def _protection(story: _Story, grid: model.ProtectionGrid) -> None:
    st = story.styles
    story.add(story.heading(grid.heading, "h1", 0))
    story.add(story.p(grid.intro))
    rows: list[list[object]] = [[Paragraph(markup(c), st["cell_head"]) for c in grid.columns]]
    marks = []
    for i, row in enumerate(grid.rows, 1):
        rows.append(
            [
                Paragraph(markup(row.label), st["cell_bold"]),
                Paragraph(
                    markup(row.state_text), st["cell_bold" if row.state != "covered" else "cell"]
                ),
                Paragraph(markup(row.answer), st["cell"]),
                Paragraph(markup(row.ask), st["cell"]),
            ]
        )
        if row.state in ("gap", "deadline"):  # the rows to talk about: a heavier rule
            marks.append(("LINEBEFORE", (0, i), (0, i), 3, INK))
    widths = [FRAME_W * 0.22, FRAME_W * 0.17, FRAME_W * 0.25, FRAME_W * 0.36]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, 0), TINT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                *marks,
            ]
        )
    )
    story.add(table)


def _actions(story: _Story, plan: model.ActionPlan) -> None:
    st = story.styles
    story.add(CondPageBreak(120))
    story.add(story.heading(plan.heading, "h1", 0))
    story.add(story.p(plan.intro))
    if not plan.rows:
        story.add(story.p(plan.empty))
    else:
        head = [Paragraph(markup(c), st["cell_head"]) for c in plan.columns]
        rows: list[list[object]] = [head]
        for r in plan.rows:
            # why for this person, what to do, with whom (the first move is on page 1)
            step: list[Flowable] = [Paragraph(markup(r.title), st["cell_bold"])]
            step += [Paragraph(markup(reason), st["cell"], bulletText="•") for reason in r.reasons]
            step.append(Paragraph(markup(r.advice), st["cell"]))
            step.append(Paragraph(markup(r.with_whom), st["cell"]))
            if r.pointers:
                links = "; ".join(
                    f'<a href="#{ref.key}" color="#1c4a72">{ref.number}: {markup(ref.title)}</a>'
                    for ref in r.pointers
                )
                step.append(
                    Paragraph(f"{markup(r.pointers_label or '')} {links}", st["small_muted"])
                )
            rows.append(
                [
                    Paragraph(markup(r.number), st["cell_bold"]),
                    step,
                    Paragraph(markup(r.timeframe), st["cell"]),
                    TickBox(),
                ]
            )
        widths = [26, FRAME_W - 26 - 92 - 40, 92, 40]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), TINT),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (3, 1), (3, -1), "CENTER"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (3, 1), (3, -1), 6),
                ]
            )
        )
        story.add(table)
    story.add(Spacer(1, 10))
    for line in plan.fields:
        story.add(story.p(line))


def _reference(story: _Story, report: model.Report) -> None:
    """The divider between the core and the reference part."""
    story.add(PageBreak())
    story.add(story.heading(report.reference_heading, "title", 0))
    story.add(story.p(report.reference_intro), Spacer(1, 8))


def _digcomp(story: _Story, profile: model.DigCompProfile) -> None:
    st = story.styles
    if not profile.rows:
        return
    story.add(CondPageBreak(140))
    story.add(story.heading(profile.heading, "h2", 1))
    story.add(story.p(profile.intro))
    rows = []
    for row in profile.rows:
        blocks = "■" * row.level + "□" * (row.levels - row.level)
        rows.append(
            [
                Paragraph(markup(row.area), st["cell_bold"]),
                Paragraph(markup(row.answer), st["cell"]),
                Paragraph(blocks, st["cell"]),
            ]
        )
    table = Table(rows, colWidths=[FRAME_W * 0.32, FRAME_W * 0.48, FRAME_W * 0.2])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story.add(table)


def _pointers(story: _Story, pointers: model.Pointers) -> None:
    st = story.styles
    story.add(CondPageBreak(200))
    story.add(story.heading(pointers.heading, "h1", 0))
    story.add(story.p(pointers.intro))
    if not pointers.groups:
        story.add(story.p(pointers.empty))
        return
    for group in pointers.groups:
        story.add(CondPageBreak(160))
        # A heading is not kept with a KeepTogether that follows it (reportlab), so the
        # group's heading goes into its first entry's block.
        lead: list[Flowable] = [story.heading(group.heading, "h2", 1)]
        for entry in group.entries:
            rows = [
                [Paragraph(markup(label), st["label"]), Paragraph(markup(text), st["small"])]
                for label, text in entry.details
            ]
            url = escape(entry.url, {'"': "&quot;"})
            rows.append(
                [
                    Paragraph(markup(entry.link_label), st["label"]),
                    Paragraph(
                        f'<a href="{url}" color="#1c4a72"><u>{url}</u></a>',
                        _link_style(st["link"], entry.url, FRAME_W - 78 - 4),
                    ),
                ]
            )
            details = Table(rows, colWidths=[78, FRAME_W - 78])
            details.setStyle(
                table_style(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                        ("TOPPADDING", (0, 0), (-1, -1), 1),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    ]
                )
            )
            story.add(
                KeepTogether(
                    [
                        *lead,
                        Heading(entry.title, st["h3"], entry.key, 2),
                        story.p(entry.offers, "small"),
                        Spacer(1, 4),
                        details,
                        Spacer(1, 8),
                    ]
                )
            )
            lead = []


def _link_style(style: ParagraphStyle, url: str, width: float) -> ParagraphStyle:
    """A long address in a smaller size, so that it stays on one line on paper (easier to
    type); only if even the smallest size is too wide does it wrap."""
    size = style.fontSize
    while size > 6.5 and pdfmetrics.stringWidth(url, style.fontName, size) > width:
        size -= 0.5
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}_{size}", parent=style, fontSize=size)


def _advice(story: _Story, advice: model.AdviceSection) -> None:
    st = story.styles
    story.add(CondPageBreak(200))
    story.add(story.heading(advice.heading, "h1", 0))
    story.add(story.p(advice.intro))
    number = 0
    for group in advice.groups:
        lead: list[Flowable] = [story.p(group.heading, "h3")]
        for question in group.questions:
            number += 1
            block = [*lead, Paragraph(markup(question.text), st["step"], bulletText=f"{number}.")]
            if question.note:
                block.append(story.p(question.note, "note"))
            story.add(KeepTogether(block))
            lead = []
    if advice.own_notes:
        story.add(story.p(advice.own_notes_heading, "h3"))
    for label, text in advice.own_notes:
        if len(advice.own_notes) > 1:
            story.add(story.p(label, "label"))
        story.add(*_free_text(story, text, "quote"), Spacer(1, 4))
    story.add(CondPageBreak(120))
    story.add(story.p(advice.notes_heading, "h3"), RuledLines(advice.note_lines))


def _free_text(story: _Story, text: str, style: str) -> list[Paragraph]:
    """The person's own words, in pieces that can flow across pages."""
    return [Paragraph(markup(chunk), story.styles[style]) for chunk in text_chunks(text)]


def _method(story: _Story, method: model.MethodSection) -> None:
    story.add(CondPageBreak(200))
    story.add(story.heading(method.heading, "h1", 0))
    for paragraph in method.paragraphs:
        story.add(story.p(paragraph))
    story.add(story.p(method.sources_heading, "h3"))
    for line in method.sources:
        story.add(story.p(line, "small"), Spacer(1, 3))
    story.add(Spacer(1, 6))
    for line in method.facts:
        story.add(story.p(line, "small"))


def _appendix(story: _Story, appendix: model.Appendix) -> None:
    st = story.styles
    story.add(CondPageBreak(200))
    story.add(story.heading(appendix.heading, "h1", 0))
    story.add(story.p(appendix.intro))
    q_width = FRAME_W * 0.4
    for group in appendix.groups:
        # Not kept with the next flowable: a long table would move whole to the next page.
        story.add(CondPageBreak(90))
        story.add(story.heading(group.heading, "h2_flow", 1))
        rows: list[list[object]] = []
        shading = []
        for index, row in enumerate(appendix_rows(group.rows)):
            answer_row, label, text = row
            style = st["cell"] if answer_row.state == "answered" else st["small_muted"]
            rows.append([Paragraph(markup(label), st["cell"]), Paragraph(markup(text), style)])
            if answer_row.shade:
                shading.append(("BACKGROUND", (0, index), (-1, index), ROW_ALT))
        table = Table(rows, colWidths=[q_width, FRAME_W - q_width])
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    *shading,
                ]
            )
        )
        story.add(table)


class _RowState:
    def __init__(self, state: str, shade: bool):
        self.state = state
        self.shade = shade


def appendix_rows(rows: tuple[model.AnswerRow, ...]) -> Iterator[tuple[_RowState, str, str]]:
    """Table rows of the appendix: free text is split over several rows, so that a long
    answer flows across pages; every other question is shaded for the eye."""
    for i, row in enumerate(rows):
        state = _RowState(row.state, shade=i % 2 == 1)
        if not row.free_text:
            yield state, row.question, row.answer
            continue
        for j, chunk in enumerate(text_chunks(row.answer)):
            yield state, row.question if j == 0 else "", chunk


SECTIONS: tuple[Callable[[_Story, model.Report], None], ...] = (
    # the core: what people read and bring to an advice conversation
    lambda story, r: _summary(story, r.summary),
    lambda story, r: _protection(story, r.protection),
    lambda story, r: _actions(story, r.actions),
    lambda story, r: _advice(story, r.advice),
    # the reference part
    _reference,
    _dimensions,
    lambda story, r: _digcomp(story, r.digcomp),
    lambda story, r: _pointers(story, r.pointers),
    lambda story, r: _method(story, r.method),
    lambda story, r: _appendix(story, r.appendix),
)


# --------------------------------------------------------------------------- document


PAGE_COUNT_FORM = "solo_check_page_count"


class _Canvas(Canvas):
    """Draws the total page count once it is known: every footer refers to one form
    XObject that is filled in when the document is saved (no second layout pass)."""

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        pages = self._pageNumber - 1
        self.beginForm(PAGE_COUNT_FORM)
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(pages))
        self.endForm()
        super().save()


class _Document(BaseDocTemplate):
    def __init__(self, out: io.BytesIO, meta: model.Meta):
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            creator=meta.author,
            keywords=list(meta.keywords),
            lang=meta.language,
            displayDocTitle=True,
            initialFontName=FONT,
            initialFontSize=9.5,
        )
        self.meta = meta
        first = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            FRAME_W,
            PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
            id="first",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        later = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            FRAME_W,
            PAGE_H - MARGIN_TOP - HEADER_SPACE - MARGIN_BOTTOM,
            id="later",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate(
                    "first", [first], onPage=self._first_page, autoNextPageTemplate="later"
                ),
                PageTemplate("later", [later], onPage=self._later_page),
            ]
        )

    def _first_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.showOutline()
        self._footer(canv)

    def _later_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        canv.setFont(FONT, 7.5)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN_X, PAGE_H - MARGIN_TOP + 2, clean_text(self.meta.header))
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, PAGE_H - MARGIN_TOP - 2, PAGE_W - MARGIN_X, PAGE_H - MARGIN_TOP - 2)
        canv.restoreState()
        self._footer(canv)

    def _footer(self, canv: Canvas) -> None:
        canv.saveState()
        y = MARGIN_BOTTOM - 10 * mm
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, y + 10, PAGE_W - MARGIN_X, y + 10)
        canv.setFont(FONT, 7.5)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN_X, y, clean_text(self.meta.footer))
        # "Seite 3 von " then the total from the form; room for a two-digit total.
        before = self.meta.page_label.split("{pages}")[0].format(page=canv.getPageNumber())
        reserve = pdfmetrics.stringWidth("00", FONT, 7.5)
        right = PAGE_W - MARGIN_X - reserve
        canv.drawRightString(right, y, before)
        canv.translate(right, y)
        canv.doForm(PAGE_COUNT_FORM)
        canv.restoreState()


def render(report: model.Report) -> bytes:
    """The report as PDF bytes."""
    register_fonts()
    story = _Story(stylesheet())
    for section in SECTIONS:
        section(story, report)
    out = io.BytesIO()
    doc = _Document(out, report.meta)
    doc.build(story.items, canvasmaker=_Canvas)
    return out.getvalue()
