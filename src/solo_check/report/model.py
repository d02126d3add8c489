"""The report model: what goes on which page of the PDF, every string already in words.

Built from the content, the answers and the Assessment; the layout code in
``render.py`` only arranges what is here. Nothing is scored here either: scores,
bands, contributions, pointers, actions and deadlines all come from the Assessment,
and all wording comes from ``explain.py`` and the texts (``texts-report.toml``).
Strings are plain text (not markup): the renderer escapes and cleans every one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..answers import Answers
from ..content import Content, Lang
from ..explain import (
    answer_text,
    contribution_line,
    date_text,
    deadline_text,
    method_paragraphs,
    number,
    occupation_title,
    pointer_why,
    signed,
    source_lines,
)
from ..scoring import CATEGORY_ORDER, Assessment

CONTRIBUTIONS_SHOWN = 4  # per dimension; the appendix lists every answer
NEXT_STEPS_ON_SUMMARY = 3
PDF_LANGUAGE = {"de": "de-DE", "en": "en-GB"}


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Meta:
    title: str
    subject: str
    author: str
    keywords: tuple[str, ...]
    language: str  # BCP 47, e.g. de-DE
    header: str  # running header on later pages
    footer: str  # left of the page number
    page_label: str  # "Seite {page} von {pages}"


@dataclass(frozen=True)
class Quadrant:
    exposure: str  # higher | lower: right or left half of the map
    buffers: str  # stronger | weaker: upper or lower half
    name: str
    current: bool


@dataclass(frozen=True)
class SituationMap:
    exposure_name: str
    buffers_name: str
    exposure_threshold: float
    buffers_threshold: float
    quadrants: tuple[Quadrant, ...]
    position: tuple[float, float] | None  # (exposure, buffers)
    marker_label: str  # "Sie (71 | 15)"
    caption: str


@dataclass(frozen=True)
class Band:
    label: str
    low: float
    high: float


@dataclass(frozen=True)
class ScoreBar:
    dimension: str
    name: str
    score: int | None
    value_text: str  # "46 – mittel" or a dash
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class Comparison:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class NextStep:
    title: str
    timeframe: str
    reason: str


@dataclass(frozen=True)
class Summary:
    heading: str  # outline entry of the first page
    title: str
    as_of: str
    occupation: str | None
    situation_name: str | None
    situation_text: str
    situation_urgent: bool
    map: SituationMap
    scores_heading: str
    scores: tuple[ScoreBar, ...]
    steps_heading: str
    steps: tuple[NextStep, ...]
    steps_more: str | None
    missing: str | None
    comparison: Comparison | None


@dataclass(frozen=True)
class DimensionSection:
    id: str
    name: str
    short: str
    score_text: str
    meaning_heading: str
    meaning: str
    status: str  # answered, declined, confidence
    why_heading: str
    contributions: tuple[str, ...]
    contributions_more: str | None
    strengthen_heading: str
    strengthen: str


@dataclass(frozen=True)
class ActionRow:
    number: str
    title: str
    reason: str
    timeframe: str
    pointers: str | None  # "Passende Angebote: ..."


@dataclass(frozen=True)
class ActionPlan:
    heading: str
    intro: str
    columns: tuple[str, str, str, str]  # number, action and why, by when, done
    rows: tuple[ActionRow, ...]
    empty: str


@dataclass(frozen=True)
class PointerEntry:
    title: str
    details: tuple[tuple[str, str], ...]  # (label, text): provider, format, cost, region, why
    offers: str
    link_label: str
    url: str


@dataclass(frozen=True)
class PointerGroup:
    heading: str
    entries: tuple[PointerEntry, ...]


@dataclass(frozen=True)
class Pointers:
    heading: str
    intro: str
    groups: tuple[PointerGroup, ...]
    empty: str


@dataclass(frozen=True)
class AdviceQuestion:
    text: str
    note: str | None  # a deadline that makes this question urgent


@dataclass(frozen=True)
class AdviceSection:
    heading: str
    intro: str
    questions: tuple[AdviceQuestion, ...]
    own_notes_heading: str
    own_notes: tuple[tuple[str, str], ...]  # (question label, the person's text, literally)
    notes_heading: str
    note_lines: int  # ruled lines to write on


@dataclass(frozen=True)
class MethodSection:
    heading: str
    paragraphs: tuple[str, ...]
    sources_heading: str
    sources: tuple[str, ...]
    facts: tuple[str, ...]  # version, checked date, computed locally, not advice


@dataclass(frozen=True)
class AnswerRow:
    question: str
    answer: str
    state: str  # answered | declined | missing
    free_text: bool  # the person's own words: long, may span pages


@dataclass(frozen=True)
class AppendixGroup:
    heading: str
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class Appendix:
    heading: str
    intro: str
    columns: tuple[str, str]
    groups: tuple[AppendixGroup, ...]


@dataclass(frozen=True)
class Report:
    lang: Lang
    meta: Meta
    summary: Summary
    dimensions_heading: str
    dimensions_intro: str
    dimensions: tuple[DimensionSection, ...]
    actions: ActionPlan
    pointers: Pointers
    advice: AdviceSection
    method: MethodSection
    appendix: Appendix
    urls: tuple[str, ...] = field(default=())  # every link in the report, for checks


# --------------------------------------------------------------------------- building


def build_model(
    content: Content,
    answers: Answers,
    assessment: Assessment,
    lang: Lang,
    previous: tuple[Answers, Assessment] | None = None,
) -> Report:
    """The whole report as plain data in ``lang``."""
    t = content.texts
    date = date_text(content, assessment.today, lang)
    title = t.get("report.title", lang)
    meta = Meta(
        title=title,
        subject=t.get("report.subject", lang),
        author=f"Solo-Check {__version__}",
        keywords=tuple(k.strip() for k in t.get("report.keywords", lang).split(",")),
        language=PDF_LANGUAGE[lang],
        header=t.get("report.header", lang, title=title, date=date),
        footer=t.get("report.footer", lang, version=__version__),
        page_label=t.get("report.page", lang, page="{page}", pages="{pages}"),
    )
    pointers = _pointers(content, assessment, lang)
    return Report(
        lang=lang,
        meta=meta,
        summary=_summary(content, answers, assessment, lang, previous),
        dimensions_heading=t.get("report.dimensions.heading", lang),
        dimensions_intro=t.get("report.dimensions.intro", lang),
        dimensions=tuple(_dimensions(content, assessment, lang)),
        actions=_actions(content, assessment, lang),
        pointers=pointers,
        advice=_advice(content, answers, assessment, lang),
        method=_method(content, assessment, lang),
        appendix=_appendix(content, answers, assessment, lang),
        urls=tuple(e.url for g in pointers.groups for e in g.entries),
    )


def _summary(
    content: Content,
    answers: Answers,
    assessment: Assessment,
    lang: Lang,
    previous: tuple[Answers, Assessment] | None,
) -> Summary:
    t = content.texts
    q = content.questionnaire
    situation = next((s for s in q.scoring.situations if s.id == assessment.situation), None)
    occupation = occupation_title(content, answers, lang)
    steps = [
        NextStep(
            title=_action(content, a.id).title.get(lang),
            timeframe=_timeframe(content, a.timeframe, lang),
            reason=_action(content, a.id).reason.get(lang),
        )
        for a in assessment.actions[:NEXT_STEPS_ON_SUMMARY]
    ]
    rest = len(assessment.actions) - len(steps)
    missing = len(assessment.missing)
    return Summary(
        heading=t.get("report.summary.heading", lang),
        title=t.get("report.title", lang),
        as_of=t.get(
            "report.as_of",
            lang,
            date=date_text(content, assessment.today, lang),
            version=assessment.questionnaire_version,
        ),
        occupation=t.get("report.occupation", lang, occupation=occupation) if occupation else None,
        situation_name=t.get("report.situation", lang, name=situation.name.get(lang))
        if situation
        else None,
        situation_text=situation.summary.get(lang)
        if situation
        else t.get("report.no_situation", lang),
        situation_urgent=bool(situation and situation.urgent),
        map=_map(content, assessment, lang),
        scores_heading=t.get("report.summary.scores", lang),
        scores=tuple(_bars(content, assessment, lang)),
        steps_heading=t.get("report.summary.steps", lang),
        steps=tuple(steps),
        steps_more=t.get("report.summary.steps_more", lang, count=len(assessment.actions))
        if rest > 0
        else None,
        missing=_counted(content, "report.summary.missing", missing, lang) if missing else None,
        comparison=_comparison(content, assessment, previous, lang) if previous else None,
    )


def _map(content: Content, assessment: Assessment, lang: Lang) -> SituationMap:
    t = content.texts
    s = content.questionnaire.scoring
    dims = content.questionnaire.dimensions
    quadrants = tuple(
        Quadrant(
            exposure=sit.exposure,
            buffers=sit.buffers,
            name=sit.name.get(lang),
            current=sit.id == assessment.situation,
        )
        for sit in s.situations
    )
    position = assessment.position
    marker = ""
    if position is not None:
        marker = t.get(
            "report.map.you",
            lang,
            exposure=number(position[0], lang, 0),
            buffers=number(position[1], lang, 0),
        )
    return SituationMap(
        exposure_name=dims["exposure"].name.get(lang),
        buffers_name=dims["buffers"].name.get(lang),
        exposure_threshold=s.map.exposure_threshold,
        buffers_threshold=s.map.buffers_threshold,
        quadrants=quadrants,
        position=position,
        marker_label=marker,
        caption=t.get(
            "report.map.caption",
            lang,
            exposure_name=dims["exposure"].name.get(lang),
            buffers_name=dims["buffers"].name.get(lang),
            exposure_threshold=number(s.map.exposure_threshold, lang),
            buffers_threshold=number(s.map.buffers_threshold, lang),
        )
        if position is not None
        else t.get("report.map.no_position", lang),
    )


def _bars(content: Content, assessment: Assessment, lang: Lang) -> list[ScoreBar]:
    q = content.questionnaire
    out = []
    for dim_id, result in assessment.dimensions.items():
        dim = q.dimensions[dim_id]
        bands = []
        low = 0.0
        for band in dim.bands:
            high = band.below if band.below is not None else 100.0
            bands.append(Band(label=band.label.get(lang), low=low, high=high))
            low = high
        out.append(
            ScoreBar(
                dimension=dim_id,
                name=dim.name.get(lang),
                score=result.score,
                value_text=_score_text(content, dim_id, result.score, result.band, lang),
                bands=tuple(bands),
            )
        )
    return out


def _score_text(
    content: Content, dim_id: str, score: int | None, band_id: str | None, lang: Lang
) -> str:
    t = content.texts
    if score is None:
        return t.get("report.score.none", lang)
    dim = content.questionnaire.dimensions[dim_id]
    band = next((b for b in dim.bands if b.id == band_id), None)
    label = band.label.get(lang) if band else ""
    return t.get("report.score.value", lang, score=score, band=label)


def _comparison(
    content: Content,
    assessment: Assessment,
    previous: tuple[Answers, Assessment],
    lang: Lang,
) -> Comparison:
    t = content.texts
    q = content.questionnaire
    _, before = previous
    lines = []
    for dim_id, now in assessment.dimensions.items():
        then = before.dimensions.get(dim_id)
        then_score = then.score if then is not None else None
        name = q.dimensions[dim_id].name.get(lang)
        if now.score is None or then_score is None:
            lines.append(
                t.get(
                    "report.compare.line_open",
                    lang,
                    name=name,
                    before=_dash(then_score),
                    now=_dash(now.score),
                )
            )
        else:
            lines.append(
                t.get(
                    "report.compare.line",
                    lang,
                    name=name,
                    before=then_score,
                    now=now.score,
                    change=signed(now.score - then_score, lang),
                )
            )
    if before.situation != assessment.situation and before.situation is not None:
        then_sit = next(s for s in q.scoring.situations if s.id == before.situation)
        lines.append(t.get("report.compare.situation", lang, name=then_sit.name.get(lang)))
    return Comparison(
        heading=t.get("report.compare.heading", lang, date=date_text(content, before.today, lang)),
        lines=tuple(lines),
    )


def _counted(content: Content, key: str, count: int, lang: Lang) -> str:
    """A sentence with a count: the ``_one`` variant for exactly one."""
    if count == 1:
        return content.texts.get(f"{key}_one", lang)
    return content.texts.get(key, lang, count=count)


def _dash(score: int | None) -> str:
    return "–" if score is None else str(score)


def _dimensions(content: Content, assessment: Assessment, lang: Lang) -> list[DimensionSection]:
    t = content.texts
    q = content.questionnaire
    out = []
    for dim_id, result in assessment.dimensions.items():
        dim = q.dimensions[dim_id]
        band = next((b for b in dim.bands if b.id == result.band), None)
        status = t.get("explain.answered", lang, answered=result.answered, total=result.total)
        if result.declined:
            status += "; " + t.get("explain.declined", lang, count=result.declined)
        level = next(c.label.get(lang) for c in q.scoring.confidence if c.id == result.confidence)
        status = f"{status}. {t.get('explain.confidence', lang, level=level)}"
        shown = result.contributions[:CONTRIBUTIONS_SHOWN]
        rest = len(result.contributions) - len(shown)
        out.append(
            DimensionSection(
                id=dim_id,
                name=dim.name.get(lang),
                short=dim.short.get(lang),
                score_text=_score_text(content, dim_id, result.score, result.band, lang),
                meaning_heading=t.get("report.dimensions.meaning", lang),
                meaning=band.meaning.get(lang) if band else t.get("explain.no_score", lang),
                status=status,
                why_heading=t.get("report.dimensions.why", lang),
                contributions=tuple(contribution_line(content, c, lang) for c in shown),
                contributions_more=_counted(content, "report.dimensions.more", rest, lang)
                if rest > 0
                else None,
                strengthen_heading=t.get("report.dimensions.strengthen", lang),
                strengthen=dim.strengthen.get(lang),
            )
        )
    return out


def _action(content: Content, action_id: str) -> Any:
    return next(a for a in content.pointers.actions if a.id == action_id)


def _timeframe(content: Content, timeframe_id: str, lang: Lang) -> str:
    frames = content.questionnaire.scoring.timeframes
    return next(tf.label.get(lang) for tf in frames if tf.id == timeframe_id)


def _actions(content: Content, assessment: Assessment, lang: Lang) -> ActionPlan:
    t = content.texts
    rows = []
    for i, planned in enumerate(assessment.actions, 1):
        action = _action(content, planned.id)
        titles = [content.pointers.by_id[p].title.get(lang) for p in planned.pointers]
        rows.append(
            ActionRow(
                number=str(i),
                title=action.title.get(lang),
                reason=action.reason.get(lang),
                timeframe=_timeframe(content, planned.timeframe, lang),
                pointers=t.get(
                    "report.actions.pointers",
                    lang,
                    titles=t.get("report.actions.pointer_separator", lang).join(titles),
                )
                if titles
                else None,
            )
        )
    return ActionPlan(
        heading=t.get("report.actions.heading", lang),
        intro=t.get("report.actions.intro", lang),
        columns=(
            t.get("report.actions.col_number", lang),
            t.get("report.actions.col_action", lang),
            t.get("report.actions.col_when", lang),
            t.get("report.actions.col_done", lang),
        ),
        rows=tuple(rows),
        empty=t.get(
            "report.actions.none_open" if assessment.missing else "report.actions.none", lang
        ),
    )


def _pointers(content: Content, assessment: Assessment, lang: Lang) -> Pointers:
    t = content.texts
    q = content.questionnaire
    region_q = q.questions[q.scoring.preferences.region_question]
    states = {o.id: o.label.get(lang) for o in q.options(region_q)}
    groups = []
    for category in CATEGORY_ORDER:
        entries = []
        for sel in assessment.pointers:
            p = content.pointers.by_id[sel.id]
            if p.category != category:
                continue
            region = (
                t.get(
                    "region.only",
                    lang,
                    states=", ".join(states.get(s, s) for s in p.regions),
                )
                if p.regions
                else t.get("common.all_germany", lang)
            )
            formats = t.get("common.list_separator", lang).join(
                t.get(f"format.{f}", lang) for f in p.formats
            )
            entries.append(
                PointerEntry(
                    title=p.title.get(lang),
                    details=(
                        (t.get("report.pointers.provider", lang), p.provider.get(lang)),
                        (t.get("report.pointers.format", lang), formats),
                        (t.get("report.pointers.cost", lang), p.cost.get(lang)),
                        (t.get("report.pointers.region", lang), region),
                        (
                            t.get("report.pointers.why", lang),
                            pointer_why(content, p.id, sel.deadline, lang),
                        ),
                    ),
                    offers=p.offers.get(lang),
                    link_label=t.get("report.pointers.link", lang),
                    url=p.url,
                )
            )
        if entries:
            groups.append(
                PointerGroup(heading=t.get(f"category.{category}", lang), entries=tuple(entries))
            )
    return Pointers(
        heading=t.get("report.pointers.heading", lang),
        intro=t.get(
            "report.pointers.intro",
            lang,
            checked=date_text(content, content.pointers.checked, lang),
        ),
        groups=tuple(groups),
        empty=t.get("report.pointers.none", lang),
    )


def _advice(
    content: Content, answers: Answers, assessment: Assessment, lang: Lang
) -> AdviceSection:
    """The questions to raise: those of the selected pointers, in the Assessment's order
    (most relevant first), each with its deadline where one is still running."""
    t = content.texts
    questions: list[AdviceQuestion] = []
    seen: set[str] = set()
    for sel in assessment.pointers:
        p = content.pointers.by_id[sel.id]
        if p.advice_question is None:
            continue
        text = p.advice_question.get(lang)
        if text in seen:
            continue
        seen.add(text)
        note = None
        if sel.deadline is not None and sel.deadline.state in ("open", "uncertain"):
            note = t.get(
                "report.advice.deadline",
                lang,
                text=deadline_text(content, p.id, sel.deadline, lang),
            )
        questions.append(AdviceQuestion(text=text, note=note))
    if assessment.missing:
        questions.append(
            AdviceQuestion(
                text=_counted(content, "report.advice.missing", len(assessment.missing), lang),
                note=None,
            )
        )
    # The person's own free text (apart from an occupation title) belongs in the talk.
    q = content.questionnaire
    own_notes = tuple(
        (q.questions[qid].label.get(lang), value)
        for qid in assessment.visible
        if q.questions[qid].type == "text"
        and qid != q.scoring.exposure.occupation_other_question
        and qid not in answers.declined
        and isinstance(value := answers.values.get(qid), str)
        and value.strip()
    )
    return AdviceSection(
        heading=t.get("report.advice.heading", lang),
        intro=t.get("report.advice.intro", lang),
        questions=tuple(questions),
        own_notes_heading=t.get("report.advice.own_notes", lang),
        own_notes=own_notes,
        notes_heading=t.get("report.advice.notes", lang),
        note_lines=12,
    )


def _method(content: Content, assessment: Assessment, lang: Lang) -> MethodSection:
    t = content.texts
    q = content.questionnaire
    return MethodSection(
        heading=t.get("report.method.heading", lang),
        paragraphs=tuple(method_paragraphs(content, lang)),
        sources_heading=t.get("report.method.sources", lang),
        sources=tuple(source_lines(content, lang)),
        facts=(
            t.get(
                "report.method.version",
                lang,
                questionnaire=q.title.get(lang),
                version=assessment.questionnaire_version,
                checked=date_text(content, content.checked, lang),
            ),
            t.get(
                "report.method.made",
                lang,
                date=date_text(content, assessment.today, lang),
                version=__version__,
            ),
            t.get("app.offline", lang),
            t.get("app.not_advice", lang),
        ),
    )


def _appendix(content: Content, answers: Answers, assessment: Assessment, lang: Lang) -> Appendix:
    t = content.texts
    q = content.questionnaire
    visible = set(assessment.visible)
    groups = []
    for section in q.sections:
        rows = []
        for question in section.questions:
            if question.id not in visible:
                continue
            if question.id in answers.declined:
                rows.append(
                    AnswerRow(
                        question.label.get(lang), t.get("common.declined", lang), "declined", False
                    )
                )
            elif question.id in answers.values:
                value = answers.values[question.id]
                free = question.type == "text"
                text = value if free else answer_text(content, question, value, lang)
                rows.append(AnswerRow(question.label.get(lang), str(text), "answered", free))
            else:
                rows.append(
                    AnswerRow(
                        question.label.get(lang),
                        t.get("common.not_answered", lang),
                        "missing",
                        False,
                    )
                )
        if rows:
            groups.append(AppendixGroup(heading=section.title.get(lang), rows=tuple(rows)))
    return Appendix(
        heading=t.get("report.appendix.heading", lang),
        intro=t.get("report.appendix.intro", lang),
        columns=(
            t.get("report.appendix.col_question", lang),
            t.get("report.appendix.col_answer", lang),
        ),
        groups=tuple(groups),
    )
