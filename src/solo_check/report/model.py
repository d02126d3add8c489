"""The report model: what goes on which page of the PDF, every string already in words.

Built from the presentation (``presentation.py``), which the results page and the
command line lay out too, so the three say the same things; this module only decides
what goes on which page, and adds the report's own headings (``texts-report.toml``).
The layout code in ``render.py`` only arranges what is here. Strings are plain text
(not markup): the renderer escapes and cleans every one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import __version__
from ..answers import Answers
from ..content import Content, Lang
from ..explain import answer_text, date_text, method_paragraphs, number, source_lines
from ..presentation import Presentation, StepView, present
from ..scoring import Assessment

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
    provisional: bool  # the dot is drawn hollow
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
    value_text: str  # "46 von 100 – mittel", "vorläufig: …" or "noch kein Wert"
    direction: str  # "Hoch ist gut." / "Hoch heißt: …"
    warning: bool  # high is a warning (exposure): the bar is hatched, not filled
    provisional: bool  # the bar's marker is drawn hollow
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class Comparison:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class NextStep:
    title: str
    timeframe: str  # "bis 31. Dezember 2026 – Frist" or "in den nächsten 3 Monaten (bis …)"
    reasons: tuple[str, ...]
    with_whom: str  # "Mit wem: …"
    first_move: str  # "Erster Schritt: …"


@dataclass(frozen=True)
class Summary:
    heading: str  # outline entry of the first page
    title: str
    as_of: str
    occupation: str | None
    situation_name: str | None
    situation_text: str
    situation_note: str | None  # provisional: what it rests on
    situation_urgent: bool
    deadlines_heading: str
    deadlines: tuple[str, ...]  # every running deadline, with its date
    map: SituationMap
    scores_heading: str
    scores: tuple[ScoreBar, ...]
    steps_heading: str
    steps: tuple[NextStep, ...]
    steps_empty: str | None
    general_facts: tuple[str, ...]  # with nothing answered: what applies anyway
    steps_more: str | None
    missing: str | None
    comparison: Comparison | None


@dataclass(frozen=True)
class DimensionSection:
    id: str
    name: str
    short: str
    score_text: str
    direction: str
    meaning_heading: str
    meaning: str
    status: str  # answered, declined, confidence
    concerns_heading: str
    concerns: tuple[str, ...]
    strengths_heading: str
    strengths: tuple[str, ...]
    more: str | None
    source: str | None
    strengthen_heading: str
    strengthen: str


@dataclass(frozen=True)
class ProtectionRowModel:
    label: str
    state: str  # covered | gap | unclear | deadline | not_relevant
    state_text: str  # a word with a sign, readable without colour
    answer: str
    ask: str


@dataclass(frozen=True)
class ProtectionGrid:
    heading: str
    intro: str
    columns: tuple[str, str, str, str]  # area, state, your answer, question to ask
    rows: tuple[ProtectionRowModel, ...]


@dataclass(frozen=True)
class PointerRef:
    number: int  # the pointer's number in the reference part
    title: str
    key: str  # its bookmark, for an internal link


@dataclass(frozen=True)
class ActionRow:
    number: str
    title: str
    reasons: tuple[str, ...]  # why for this person
    advice: str  # what to do, with its deadline where it has one
    with_whom: str  # "Mit wem: …"
    first_move: str  # "Erster Schritt: …"
    timeframe: str
    pointers_label: str | None  # "Passende Hinweise (im Nachschlageteil):"
    pointers: tuple[PointerRef, ...]


@dataclass(frozen=True)
class ActionPlan:
    heading: str
    intro: str
    columns: tuple[str, str, str, str]  # number, action and why, by when, done
    rows: tuple[ActionRow, ...]
    empty: str
    fields: tuple[str, ...]  # "Gespräch am: ___", "Nächster Check: …" to fill in by hand


@dataclass(frozen=True)
class PointerEntry:
    number: int
    key: str  # bookmark of its heading, the target of the plan's references
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
class AdviceGroup:
    heading: str  # who answers these questions
    questions: tuple[AdviceQuestion, ...]


@dataclass(frozen=True)
class AdviceSection:
    heading: str
    intro: str
    groups: tuple[AdviceGroup, ...]
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
class DigCompRow:
    area: str
    answer: str
    level: int  # 0: not answered
    levels: int


@dataclass(frozen=True)
class DigCompProfile:
    heading: str
    intro: str
    rows: tuple[DigCompRow, ...]


@dataclass(frozen=True)
class Report:
    """The core (what people read and bring: page 1, protection at a glance, the steps,
    the advice conversation), then after a divider the reference part."""

    lang: Lang
    meta: Meta
    summary: Summary
    protection: ProtectionGrid
    actions: ActionPlan
    advice: AdviceSection
    reference_heading: str
    reference_intro: str
    dimensions_heading: str
    dimensions_intro: str
    dimensions: tuple[DimensionSection, ...]
    digcomp: DigCompProfile
    pointers: Pointers
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
    pres = present(content, answers, assessment, lang, previous)
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
    pointers = _pointers(content, pres, lang)
    numbers = {e.key: e for g in pointers.groups for e in g.entries}
    return Report(
        lang=lang,
        meta=meta,
        summary=_summary(content, assessment, pres, lang),
        protection=_protection(content, pres, lang),
        actions=_actions(content, pres, lang, numbers),
        advice=_advice(content, answers, assessment, pres, lang),
        reference_heading=t.get("report.reference.heading", lang),
        reference_intro=t.get("report.reference.intro", lang),
        dimensions_heading=t.get("report.dimensions.heading", lang),
        dimensions_intro=t.get("report.dimensions.intro", lang),
        dimensions=tuple(_dimensions(content, pres, lang)),
        digcomp=_digcomp(content, pres, lang),
        pointers=pointers,
        method=_method(content, assessment, pres, lang),
        appendix=_appendix(content, answers, assessment, lang),
        urls=tuple(e.url for g in pointers.groups for e in g.entries),
    )


def _summary(content: Content, assessment: Assessment, pres: Presentation, lang: Lang) -> Summary:
    t = content.texts
    situation = pres.situation
    more = len(pres.more_steps)
    return Summary(
        heading=t.get("report.summary.heading", lang),
        title=t.get("report.title", lang),
        as_of=f"{pres.as_of} · {pres.content_checked_text}",
        occupation=t.get("report.occupation", lang, occupation=pres.occupation)
        if pres.occupation
        else None,
        situation_name=situation.heading,
        situation_text=situation.summary,
        situation_note=situation.provisional_note,
        situation_urgent=situation.urgent,
        deadlines_heading=t.get("report.summary.deadlines", lang),
        deadlines=tuple(d.text for d in pres.deadlines),
        map=_map(content, assessment, pres, lang),
        scores_heading=t.get("report.summary.scores", lang),
        scores=tuple(_bars(content, pres)),
        steps_heading=pres.steps_heading,
        steps=tuple(_next_step(content, step, lang) for step in pres.steps),
        steps_empty=pres.steps_empty,
        general_facts=pres.general_facts,
        steps_more=t.get("report.summary.steps_more", lang, count=len(pres.all_steps))
        if more
        else None,
        missing=t.get("report.summary.missing", lang, text=pres.missing_text)
        if pres.missing_text
        else None,
        comparison=Comparison(heading=pres.comparison.heading, lines=pres.comparison.lines)
        if pres.comparison
        else None,
    )


def _next_step(content: Content, step: StepView, lang: Lang) -> NextStep:
    t = content.texts
    return NextStep(
        title=step.title,
        timeframe=step.when,
        reasons=tuple(r.text for r in step.reasons),
        with_whom=t.get("report.step.with_whom", lang, text=step.with_whom),
        first_move=t.get("report.step.first_move", lang, text=step.first_move),
    )


def _map(content: Content, assessment: Assessment, pres: Presentation, lang: Lang) -> SituationMap:
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
            "report.map.you_provisional" if assessment.provisional else "report.map.you",
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
        provisional=assessment.provisional,
        marker_label=marker,
        caption=t.get(
            "report.map.caption",
            lang,
            exposure_name=dims["exposure"].name.get(lang),
            buffers_name=dims["buffers"].name.get(lang),
            exposure_threshold=number(s.map.exposure_threshold, lang),
            buffers_threshold=number(s.map.buffers_threshold, lang),
        )
        + (" " + t.get("report.map.provisional", lang) if assessment.provisional else "")
        if position is not None
        else t.get("report.map.no_position", lang),
    )


def _bars(content: Content, pres: Presentation) -> list[ScoreBar]:
    q = content.questionnaire
    out = []
    for view in pres.dimensions:
        dim = q.dimensions[view.id]
        bands = []
        low = 0.0
        for band in dim.bands:
            high = band.below if band.below is not None else 100.0
            bands.append(Band(label=band.label.get(pres.lang), low=low, high=high))
            low = high
        out.append(
            ScoreBar(
                dimension=view.id,
                name=view.name,
                score=view.score,
                value_text=view.score_text,
                direction=view.direction,
                warning=view.higher_is == "warning",
                provisional=view.provisional,
                bands=tuple(bands),
            )
        )
    return out


def _dimensions(content: Content, pres: Presentation, lang: Lang) -> list[DimensionSection]:
    t = content.texts
    return [
        DimensionSection(
            id=view.id,
            name=view.name,
            short=view.short,
            score_text=view.score_text,
            direction=view.direction,
            meaning_heading=t.get("report.dimensions.meaning", lang),
            meaning=view.meaning,
            status=view.status,
            concerns_heading=view.concerns_heading,
            concerns=tuple(r.text for r in view.concerns),
            strengths_heading=view.strengths_heading,
            strengths=tuple(r.text for r in view.strengths),
            more=view.more,
            source=view.source,
            strengthen_heading=t.get("report.dimensions.strengthen", lang),
            strengthen=view.strengthen,
        )
        for view in pres.dimensions
    ]


def _protection(content: Content, pres: Presentation, lang: Lang) -> ProtectionGrid:
    t = content.texts
    return ProtectionGrid(
        heading=t.get("report.protection.heading", lang),
        intro=t.get("report.protection.intro", lang),
        columns=(
            t.get("report.protection.col_area", lang),
            t.get("report.protection.col_state", lang),
            t.get("report.protection.col_answer", lang),
            t.get("report.protection.col_ask", lang),
        ),
        rows=tuple(
            ProtectionRowModel(
                label=row.label,
                state=row.state,
                state_text=row.state_text,
                answer=row.answer,
                ask=row.ask or "",
            )
            for row in pres.protection
        ),
    )


def pointer_key(pointer_id: str) -> str:
    return f"pointer-{pointer_id}"


def _actions(
    content: Content, pres: Presentation, lang: Lang, numbers: dict[str, PointerEntry]
) -> ActionPlan:
    t = content.texts
    rows = []
    for step in pres.all_steps:
        advice = step.advice  # the deadline's date stands in the "by when" column
        refs = tuple(
            PointerRef(numbers[key].number, p.title, key)
            for p in step.pointers
            if (key := pointer_key(p.id)) in numbers
        )[: content.questionnaire.scoring.presentation.pointers_per_step]
        rows.append(
            ActionRow(
                number=str(step.number),
                title=step.title,
                reasons=tuple(r.text for r in step.reasons),
                advice=advice,
                with_whom=t.get("report.step.with_whom", lang, text=step.with_whom),
                first_move=t.get("report.step.first_move", lang, text=step.first_move),
                timeframe=step.when,
                pointers_label=t.get("report.actions.pointers", lang) if refs else None,
                pointers=refs,
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
        empty=pres.steps_empty or t.get("present.steps.none", lang),
        fields=(
            t.get("report.actions.talk_on", lang),
            t.get(
                "report.actions.next_check",
                lang,
                date=date_text(content, pres.next_check, lang),
            ),
        ),
    )


def _digcomp(content: Content, pres: Presentation, lang: Lang) -> DigCompProfile:
    t = content.texts
    return DigCompProfile(
        heading=t.get("report.digcomp.heading", lang),
        intro=t.get("report.digcomp.intro", lang),
        rows=tuple(DigCompRow(d.area, d.answer, d.level, d.levels) for d in pres.digcomp),
    )


def _pointers(content: Content, pres: Presentation, lang: Lang) -> Pointers:
    t = content.texts
    order = content.questionnaire.scoring.ranking.category_order
    groups = []
    number = 0
    for category in order:
        entries = []
        for view in pres.all_pointers:
            if view.category != category:
                continue
            why = " ".join(
                [r.text for r in view.reasons]
                + [x for x in (view.general, view.deadline_note, view.offer_note) if x]
            )
            number += 1
            entries.append(
                PointerEntry(
                    number=number,
                    key=pointer_key(view.id),
                    title=t.get("report.pointers.numbered", lang, number=number, title=view.title),
                    details=(
                        (t.get("report.pointers.provider", lang), view.provider),
                        (t.get("report.pointers.format", lang), view.formats),
                        (t.get("report.pointers.cost", lang), view.cost),
                        (t.get("report.pointers.region", lang), view.region_text),
                        (t.get("report.pointers.why", lang), why),
                    )
                    + (
                        ((t.get("report.pointers.question", lang), view.advice_question),)
                        if view.advice_question
                        else ()
                    ),
                    offers=view.offers,
                    link_label=t.get("report.pointers.link", lang),
                    url=view.url,
                )
            )
        if entries:
            groups.append(
                PointerGroup(heading=t.get(f"category.{category}", lang), entries=tuple(entries))
            )
    return Pointers(
        heading=t.get("report.pointers.heading", lang),
        intro=t.get(
            "report.pointers.intro", lang, checked=date_text(content, content.checked, lang)
        ),
        groups=tuple(groups),
        empty=t.get("report.pointers.none", lang),
    )


def _advice(
    content: Content, answers: Answers, assessment: Assessment, pres: Presentation, lang: Lang
) -> AdviceSection:
    """The questions to raise, as the presentation ranks them, each with its deadline."""
    t = content.texts
    groups = [
        AdviceGroup(
            heading=group.name,
            questions=tuple(
                AdviceQuestion(
                    text=a.text,
                    note=t.get("report.advice.deadline", lang, text=a.note) if a.note else None,
                )
                for a in group.questions
            ),
        )
        for group in pres.advice_groups
    ]
    if pres.missing:
        count = len(pres.missing)
        key = "report.advice.missing_one" if count == 1 else "report.advice.missing"
        groups.append(
            AdviceGroup(
                heading=t.get("report.advice.open_heading", lang),
                questions=(AdviceQuestion(text=t.get(key, lang, count=count), note=None),),
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
        groups=tuple(groups),
        own_notes_heading=t.get("report.advice.own_notes", lang),
        own_notes=own_notes,
        notes_heading=t.get("report.advice.notes", lang),
        note_lines=6,
    )


def _method(
    content: Content, assessment: Assessment, pres: Presentation, lang: Lang
) -> MethodSection:
    t = content.texts
    q = content.questionnaire
    facts = [
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
    ]
    if pres.content_old_text:
        facts.append(pres.content_old_text)
    facts += [pres.offline, pres.not_advice]
    return MethodSection(
        heading=t.get("report.method.heading", lang),
        paragraphs=tuple(method_paragraphs(content, lang)),
        sources_heading=t.get("report.method.sources", lang),
        sources=tuple(source_lines(content, lang)),
        facts=tuple(facts),
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
                empty = question.type == "text"  # free text left empty is not "open"
                rows.append(
                    AnswerRow(
                        question.label.get(lang),
                        t.get("common.left_empty" if empty else "common.not_answered", lang),
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
