"""What a person reads about their result: the one place that turns an Assessment into
words, order and what is shown first. No Qt, no layout.

The results page, the PDF report and `solo-check score` all lay out a ``Presentation``
and nothing else, so the window, the paper and the terminal cannot disagree, and every
sentence about the person is built (and tested) once:

- reasons come only from the branches of a rule that matched this person's answers
  (``scoring.match``), with their actual answers filled in;
- per dimension the gaps come first (largest shortfall first), then what counts in the
  person's favour, each naming the answer; exact points stay in the JSON and the method;
- a score resting on too few answers, and a situation resting on such a score, is
  marked provisional, and nothing is said about a question that was declined or left open;
- the first steps are *the* plan, each with a date or timeframe, with whom and a first
  move; deadlines carry their dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import string
from dataclasses import dataclass, field
from typing import Any

from .answers import Answers
from .content import Action, Condition, Content, Deadline, Lang, Pointer, Question
from .explain import answer_text, date_text, deadline_sentence, number, occupation_title, signed
from .scoring import Assessment, Contribution, DeadlineStatus, DimensionResult, PlannedAction

# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Reason:
    """One sentence about the person and where it came from: the rule branch
    (``pointer:<id>:<path>``, ``action:<id>:<path>``) or the dimension and question."""

    text: str
    source: str
    questions: tuple[str, ...] = ()  # questions whose answers the sentence rests on


@dataclass(frozen=True)
class DimensionView:
    id: str
    name: str
    short: str
    score: int | None
    band: str | None
    band_label: str | None
    higher_is: str  # better | warning
    direction: str  # "Hoch ist gut" / "Hoch heißt: stärker betroffen"
    provisional: bool
    score_text: str  # "15 von 100 – schwach", "vorläufig: 57 von 100 – mittel", "noch kein Wert"
    meaning: str  # the band's meaning, or why the score is provisional / missing
    status: str  # "14 von 14 Fragen beantwortet. Aussagekraft: hoch"
    concerns_heading: str
    concerns: tuple[Reason, ...]
    strengths_heading: str
    strengths: tuple[Reason, ...]
    more: str | None  # "… und 3 weitere Antworten" beyond the lines shown
    strengthen: str
    source: str | None  # where a research figure in the lines comes from


@dataclass(frozen=True)
class SituationView:
    id: str | None
    name: str | None
    heading: str  # "Ihre Lage: Jetzt handeln" or "vorläufig"
    summary: str  # the band statements of both map dimensions and the call to act
    urgent: bool
    provisional: bool
    provisional_note: str | None  # what it rests on and what would make it firm
    position: tuple[float, float] | None
    position_text: str | None  # "KI-Betroffenheit 71, Absicherung 15"


@dataclass(frozen=True)
class PointerRef:
    id: str
    title: str


@dataclass(frozen=True)
class StepView:
    id: str
    number: int
    title: str
    advice: str  # what to do, true for everyone the step reaches
    reasons: tuple[Reason, ...]  # why for this person
    when: str  # "bis 31. Dezember 2026" or "in den nächsten 3 Monaten (bis 2. März 2027)"
    due: dt.date | None
    hard_deadline: bool  # a date after which it is no longer possible
    deadline_note: str | None  # the deadline in a sentence, where the step has one
    with_whom: str
    first_move: str
    pointers: tuple[PointerRef, ...]


@dataclass(frozen=True)
class PointerView:
    id: str
    category: str
    category_label: str
    title: str
    provider: str
    offers: str
    formats: str
    cost: str
    regions: tuple[str, ...]
    region_text: str  # "Nur in: Berlin" or "ganz Deutschland"
    url: str
    reasons: tuple[Reason, ...]
    general: str | None  # the pointer's sentence that is true for everyone it reaches
    deadline_note: str | None
    offer_note: str | None  # "ends on …" / "was announced until …"
    offer_state: str  # running | ends_soon | ended
    advice_question: str | None
    relevance: float
    source: str
    checked: str


@dataclass(frozen=True)
class DeadlineView:
    """A date that matters for the person, from a step or a pointer."""

    id: str
    title: str
    date: dt.date
    date_text: str
    text: str  # the sentence with the date
    hard: bool  # after it, no application is possible
    uncertain: bool  # it may already have passed (start day unknown)


@dataclass(frozen=True)
class AdviceQuestionView:
    text: str
    note: str | None  # a deadline that makes it urgent
    source: str  # pointer:<id>, action:<id> or open-questions
    group: str = "counselling"  # who answers it (an advice group id)


@dataclass(frozen=True)
class AdviceGroupView:
    id: str
    name: str
    questions: tuple[AdviceQuestionView, ...]


@dataclass(frozen=True)
class ProtectionView:
    """One row of "your protection at a glance"."""

    id: str
    label: str
    state: str  # covered | gap | unclear | deadline | not_relevant
    state_text: str  # the state in a word with a sign that reads without colour
    answer: str  # the person's own answers, or that the question is open
    ask: str | None  # the question to ask (none where covered or not relevant)
    group: str


@dataclass(frozen=True)
class DigCompView:
    """One self-rated DigComp area: the answer and its step on the scale (0 = open)."""

    area: str
    answer: str
    level: int
    levels: int


@dataclass(frozen=True)
class LeverView:
    """A single answer change that would help most: in words, and the change itself (so
    that one click can put it into "what if")."""

    text: str
    question: str
    value: Any
    gain: int


@dataclass(frozen=True)
class ComparisonView:
    date: dt.date
    date_text: str
    heading: str
    situation_line: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Presentation:
    lang: Lang
    today: dt.date
    as_of: str
    occupation: str | None
    nothing_answered: bool
    nothing_text: str | None  # with nothing answered: no plan, and why
    general_facts: tuple[str, ...]  # what applies to every business anyway
    situation: SituationView
    dimensions: tuple[DimensionView, ...]
    steps: tuple[StepView, ...]  # the first steps: the plan
    more_steps: tuple[StepView, ...]
    steps_heading: str
    steps_empty: str | None
    pointers: tuple[PointerView, ...]  # shown first
    more_pointers: tuple[PointerView, ...]
    deadlines: tuple[DeadlineView, ...]
    advice_questions: tuple[AdviceQuestionView, ...]
    advice_groups: tuple[AdviceGroupView, ...]  # the same questions, by who answers them
    protection: tuple[ProtectionView, ...]
    digcomp: tuple[DigCompView, ...]
    levers: tuple[LeverView, ...]  # what would change the most
    next_check: dt.date  # suggested date of the next check
    comparison: ComparisonView | None
    missing: tuple[str, ...]  # question ids still open
    missing_text: str | None
    content_checked: dt.date
    content_checked_text: str  # "Inhalte geprüft am 2. Dezember 2026"
    content_old_text: str | None  # said plainly when the content is older than the limit
    not_advice: str
    offline: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def all_steps(self) -> tuple[StepView, ...]:
        return self.steps + self.more_steps

    @property
    def all_pointers(self) -> tuple[PointerView, ...]:
        return self.pointers + self.more_pointers


# --------------------------------------------------------------------------- building


def present(
    content: Content,
    answers: Answers,
    assessment: Assessment,
    lang: Lang,
    previous: tuple[Answers, Assessment] | None = None,
    *,
    levers: bool = True,
) -> Presentation:
    """Everything the person reads about ``assessment``, in ``lang``. ``levers=False``
    leaves out "what would change the most" (it scores every lever once): a what-if view
    of the same person does not need it."""
    words = _Words(content, answers, assessment, lang)
    settings = content.questionnaire.scoring.presentation
    t = words.t
    nothing = assessment.nothing_answered
    pointers = () if nothing else tuple(words.pointer(sel) for sel in assessment.pointers)
    steps = () if nothing else tuple(words.step(i, a) for i, a in enumerate(assessment.actions, 1))
    first = settings.first_steps
    questions = () if nothing else words.advice_questions()
    checked = content.checked
    age = (assessment.today - checked).days
    missing = tuple(q for q in assessment.missing if q in content.questionnaire.questions)
    steps_empty = None
    if not steps:
        if nothing:
            steps_empty = t("present.steps.nothing_answered")
        elif missing:
            steps_empty = t("present.steps.none_open")
        else:
            steps_empty = t("present.steps.none")
    return Presentation(
        lang=lang,
        today=assessment.today,
        as_of=t("present.as_of", date=words.date(assessment.today)),
        occupation=occupation_title(content, answers, lang),
        nothing_answered=nothing,
        nothing_text=t("present.nothing.text") if nothing else None,
        general_facts=(t("present.nothing.einvoice"),) if nothing else (),
        situation=words.situation(),
        dimensions=tuple(words.dimension(r) for r in assessment.dimensions.values()),
        steps=steps[:first],
        more_steps=steps[first:],
        steps_heading=t("present.steps.heading", count=min(first, len(steps)))
        if len(steps) != 1
        else t("present.steps.heading_one"),
        steps_empty=steps_empty,
        pointers=pointers[: settings.pointers_first],
        more_pointers=pointers[settings.pointers_first :],
        deadlines=words.deadlines(steps, pointers),
        advice_questions=questions,
        advice_groups=words.advice_groups(questions[: settings.advice_questions_first]),
        protection=words.protection(),
        digcomp=words.digcomp(),
        levers=words.levers() if levers and not nothing else (),
        next_check=_after(assessment.today, None, settings.next_check_months) or assessment.today,
        comparison=words.comparison(previous) if previous is not None else None,
        missing=missing,
        missing_text=words.counted("present.missing", len(missing)) if missing else None,
        content_checked=checked,
        content_checked_text=t("present.content.checked", date=words.date(checked)),
        content_old_text=t("present.content.old", date=words.date(checked), months=age // 30)
        if age > settings.content_max_age_days
        else None,
        not_advice=t("app.not_advice"),
        offline=t("app.offline"),
    )


def fill(content: Content, text: str, values: dict[str, Any], lang: Lang) -> str:
    """A reason's text with each {question_id} replaced by the person's answer in words."""
    q = content.questionnaire
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    params = {
        name: answer_text(content, q.questions[name], values[name], lang)
        for name in names
        if name in q.questions and name in values
    }
    return text.format(**params) if names else text


class _Words:
    """The wording of one assessment in one language (a builder, used once)."""

    def __init__(self, content: Content, answers: Answers, assessment: Assessment, lang: Lang):
        self.content = content
        self.answers = answers
        self.a = assessment
        self.lang: Lang = lang
        self.q = content.questionnaire
        self.answered = {
            qid: answers.values[qid]
            for qid in assessment.visible
            if qid in answers.values and qid not in answers.declined
        }

    # ---------------------------------------------------------------- small things

    def t(self, key: str, **params: Any) -> str:
        return self.content.texts.get(key, self.lang, **params)

    def date(self, day: dt.date) -> str:
        return date_text(self.content, day, self.lang)

    def counted(self, key: str, count: int) -> str:
        if count == 1 and f"{key}_one" in self.content.texts.entries:
            return self.t(f"{key}_one")
        return self.t(key, count=count)

    # ---------------------------------------------------------------- reasons

    def reasons(self, kind: str, item_id: str, rule: Condition, paths: tuple[str, ...]):
        out = []
        for path in paths:
            node = rule.at(path)
            source = f"{kind}:{item_id}:{path}"
            if node.reason is not None:
                questions = tuple(sorted(set(node.questions()) & self.answered.keys()))
                text = fill(self.content, node.reason.get(self.lang), self.answered, self.lang)
                text = self._provisional_suffix(node, text)
                out.append(Reason(text, source, questions))
            else:
                line = self._generic(node)
                if line is not None:
                    out.append(Reason(line[0], source, line[1]))
        return tuple(out)

    def _provisional_suffix(self, node: Condition, text: str) -> str:
        """A reason resting on a provisional score says so. A reason from the situation
        names the score that makes the placement provisional: its sentence may speak of
        the other, firm one."""
        dims = {n.dimension for n in node.walk() if n.dimension}
        if any(self._provisional(d) for d in dims):
            return f"{text} {self.t('present.reason.provisional')}"
        if any(n.situation for n in node.walk()):
            shaky = [d for d in ("exposure", "buffers") if self._provisional(d)]
            if shaky:
                names = self.t("present.and").join(
                    self.q.dimensions[d].name.get(self.lang) for d in shaky
                )
                return f"{text} {self.t('present.reason.provisional_situation', names=names)}"
        return text

    def _provisional(self, dimension: str) -> bool:
        result = self.a.dimensions.get(dimension)
        return result is not None and result.provisional

    def _generic(self, node: Condition) -> tuple[str, tuple[str, ...]] | None:
        """A line naming the question and the answer, for a branch without a reason."""
        if node.question is not None and node.question in self.answered:
            question = self.q.questions[node.question]
            answer = answer_text(self.content, question, self.answered[node.question], self.lang)
            text = self.t(
                "present.reason.generic", label=question.label.get(self.lang), answer=answer
            )
            return text, (node.question,)
        if node.dimension is not None and node.dimension in self.a.dimensions:
            result = self.a.dimensions[node.dimension]
            dim = self.q.dimensions[node.dimension]
            text = self.t(
                "present.reason.generic_score",
                name=dim.name.get(self.lang),
                score=self._score_words(result),
            )
            return self._provisional_suffix(node, text), ()
        if node.situation is not None:
            situation = self._situation_def(node.situation)
            if situation is None:
                return None
            text = self.t("present.reason.generic_situation", name=situation.name.get(self.lang))
            return self._provisional_suffix(node, text), ()
        return None

    # ---------------------------------------------------------------- dimensions

    def _score_words(self, result: DimensionResult) -> str:
        if result.score is None:
            return self.t("present.score.none")
        dim = self.q.dimensions[result.id]
        band = next(b for b in dim.bands if b.id == result.band)
        key = "present.score.provisional" if result.provisional else "present.score.value"
        return self.t(key, score=result.score, band=band.label.get(self.lang))

    def dimension(self, result: DimensionResult) -> DimensionView:
        dim = self.q.dimensions[result.id]
        band = next((b for b in dim.bands if b.id == result.band), None)
        settings = self.q.scoring.presentation
        status = self.t("present.dimension.answered", answered=result.answered, total=result.total)
        if result.declined:
            status += "; " + self.t("present.dimension.declined", count=result.declined)
        level = next(c for c in self.q.scoring.confidence if c.id == result.confidence)
        status = (
            f"{status}. {self.t('present.dimension.confidence', level=level.label.get(self.lang))}"
        )
        if result.score is None:
            meaning = self.t("present.dimension.no_score")
        elif result.provisional:
            meaning = self.t(
                "present.dimension.provisional", answered=result.answered, total=result.total
            )
        else:
            meaning = band.meaning.get(self.lang) if band else ""
        concerns, strengths = self._lines(result)
        n, m = settings.concerns_shown, settings.strengths_shown
        rest = max(0, len(concerns) - n) + max(0, len(strengths) - m)
        warning = dim.higher_is == "warning"
        return DimensionView(
            id=result.id,
            name=dim.name.get(self.lang),
            short=dim.short.get(self.lang),
            score=result.score,
            band=result.band,
            band_label=band.label.get(self.lang) if band else None,
            higher_is=dim.higher_is,
            direction=self.t(f"present.direction.{dim.higher_is}"),
            provisional=result.provisional,
            score_text=self._score_words(result),
            meaning=meaning,
            status=status,
            concerns_heading=self.t(
                "present.dimension.raises" if warning else "present.dimension.concerns"
            ),
            concerns=concerns[:n],
            strengths_heading=self.t(
                "present.dimension.lowers" if warning else "present.dimension.strengths"
            ),
            strengths=strengths[:m],
            more=self.counted("present.dimension.more", rest) if rest else None,
            strengthen=dim.strengthen.get(self.lang),
            source=self.t("present.dimension.ilo_source")
            if any(c.kind in ("occupation", "task") for c in result.contributions)
            else None,
        )

    def _lines(self, result: DimensionResult) -> tuple[list[Reason], list[Reason]]:
        """What counts against the person (largest first) and in their favour.

        Points: an answer that brought less than half of what it could is a gap, more
        than half a strength, ordered by shortfall and by effect. Exposure (higher is a
        warning): what raises it, then what keeps it lower."""
        dim = self.q.dimensions[result.id]
        if dim.higher_is == "warning":
            return self._exposure_lines(result)
        concerns: list[tuple[float, str, Reason]] = []
        strengths: list[tuple[float, str, Reason]] = []
        for c in result.contributions:
            if c.kind != "answer" or c.question is None or not c.possible:
                continue
            line = self._answer_line(c)
            shortfall = c.possible - c.effect
            # effects are rounded to 0.1: exactly half stays neither, whatever the rounding
            if c.effect < c.possible / 2 - 0.1:
                concerns.append((-shortfall, c.question, line))
            elif c.effect > c.possible / 2 + 0.1:
                strengths.append((-c.effect, c.question, line))
        concerns.sort(key=lambda r: r[:2])
        strengths.sort(key=lambda r: r[:2])
        return [r[2] for r in concerns], [r[2] for r in strengths]

    def _answer_line(self, c: Contribution) -> Reason:
        question = self.q.questions[c.question or ""]
        return Reason(
            self.t(
                "present.dimension.line",
                label=question.label.get(self.lang),
                answer=answer_text(self.content, question, c.value, self.lang),
            ),
            f"dimension:{c.dimension}:{c.question}",
            (question.id,),
        )

    def _exposure_lines(self, result: DimensionResult) -> tuple[list[Reason], list[Reason]]:
        split = self.q.scoring.map.exposure_threshold
        raises: list[tuple[float, str, Reason]] = []
        lowers: list[tuple[float, str, Reason]] = []
        for c in result.contributions:
            if c.kind == "occupation":
                occ = self.content.occupations.by_id[c.value]
                line = Reason(
                    self.t(
                        "present.exposure.occupation",
                        occupation=occ.title.get(self.lang),
                        baseline=c.detail["baseline"],
                        ilo_class=self.t(f"present.ilo_class.{_ilo_key(occ.ilo_class)}"),
                    ),
                    f"dimension:{c.dimension}:{c.question}",
                    (c.question or "",),
                )
                target = raises if c.detail["baseline"] >= split else lowers
                target.append((-abs(c.effect), "0", line))
            elif c.kind == "task":
                kind = self.q.task_kind_map[c.detail["task_kind"]]
                line = Reason(
                    self.t(
                        "present.exposure.task",
                        share=self.t("common.percent", value=number(c.value, self.lang)),
                        kind=kind.label.get(self.lang),
                        exposure=c.detail["exposure"],
                    ),
                    f"dimension:{c.dimension}:{c.question}:{kind.id}",
                    (c.question or "",),
                )
                target = raises if c.detail["exposure"] >= split else lowers
                target.append((-abs(c.effect), "1" + kind.id, line))
            elif c.kind == "answer" and c.question is not None and c.effect:
                line = self._answer_line(c)
                (raises if c.effect > 0 else lowers).append((-abs(c.effect), c.question, line))
        raises.sort(key=lambda r: r[:2])
        lowers.sort(key=lambda r: r[:2])
        return [r[2] for r in raises], [r[2] for r in lowers]

    # ---------------------------------------------------------------- situation

    def _situation_def(self, sid: str | None):
        return next((s for s in self.q.scoring.situations if s.id == sid), None)

    def situation(self) -> SituationView:
        a = self.a
        situation = self._situation_def(a.situation)
        if situation is None:
            key = "present.situation.nothing" if a.nothing_answered else "present.situation.none"
            return SituationView(
                id=None,
                name=None,
                heading=self.t("present.situation.heading_none"),
                summary=self.t(key),
                urgent=False,
                provisional=False,
                provisional_note=None,
                position=None,
                position_text=None,
            )
        exposure, buffers = a.dimensions["exposure"], a.dimensions["buffers"]
        parts = []
        for result in (exposure, buffers):
            dim = self.q.dimensions[result.id]
            if result.provisional:
                parts.append(
                    self.t(
                        "present.situation.dimension_provisional",
                        name=dim.name.get(self.lang),
                        answered=result.answered,
                        total=result.total,
                    )
                )
            else:
                band = next(b for b in dim.bands if b.id == result.band)
                parts.append((band.statement or band.meaning).get(self.lang))
        parts.append(situation.summary.get(self.lang))
        name = situation.name.get(self.lang)
        note = None
        if a.provisional:
            shaky = [
                self.q.dimensions[r.id].name.get(self.lang)
                for r in (exposure, buffers)
                if r.provisional
            ]
            key = "present.situation.provisional_note" + ("_one" if len(shaky) == 1 else "")
            note = self.t(key, names=self.t("present.and").join(shaky))
        position = a.position
        return SituationView(
            id=situation.id,
            name=name,
            heading=self.t(
                "present.situation.heading_provisional"
                if a.provisional
                else "present.situation.heading",
                name=name,
            ),
            summary=" ".join(parts),
            urgent=situation.urgent,
            provisional=a.provisional,
            provisional_note=note,
            position=position,
            position_text=self.t(
                "present.situation.position",
                exposure_name=self.q.dimensions["exposure"].name.get(self.lang),
                exposure=number(position[0], self.lang, 0),
                buffers_name=self.q.dimensions["buffers"].name.get(self.lang),
                buffers=number(position[1], self.lang, 0),
            )
            if position
            else None,
        )

    # ---------------------------------------------------------------- steps

    def _due(self, planned: PlannedAction) -> tuple[str, dt.date | None, bool]:
        """When, in words, the due date, and whether it is a hard deadline."""
        timeframe = next(tf for tf in self.q.scoring.timeframes if tf.id == planned.timeframe)
        by = _after(self.a.today, timeframe.weeks, timeframe.months)
        status = planned.deadline
        deadline = (
            self.content.pointers.deadline_by_id.get(status.id) if status is not None else None
        )
        if status is not None and status.safe_date is not None and deadline is not None:
            if status.state == "uncertain":
                return self.t("present.step.when_uncertain"), status.safe_date, deadline.hard
            # A deadline within a month after the timeframe's end is the date to name.
            near = by is None or status.safe_date <= by + dt.timedelta(days=31)
            if status.state == "open" and near:
                return (
                    self.t("present.step.when_deadline", date=self.date(status.safe_date)),
                    status.safe_date,
                    deadline.hard,
                )
        label = timeframe.label.get(self.lang)
        if by is None:
            return label, None, False
        return self.t("present.step.when", timeframe=label, date=self.date(by)), by, False

    def step(self, number_: int, planned: PlannedAction) -> StepView:
        action: Action = self.content.pointers.action_by_id[planned.id]
        when, due, hard = self._due(planned)
        note = None
        if planned.deadline is not None and action.why_deadline is not None:
            note = (
                deadline_sentence(self.content, action.why_deadline, planned.deadline, self.lang)
                or None
            )
        return StepView(
            id=action.id,
            number=number_,
            title=action.title.get(self.lang),
            advice=action.advice.get(self.lang),
            reasons=self.reasons("action", action.id, action.rule, planned.reasons),
            when=when,
            due=due,
            hard_deadline=hard,
            deadline_note=note,
            with_whom=action.with_whom.get(self.lang),
            first_move=action.first_move.get(self.lang),
            pointers=tuple(
                PointerRef(p, self.content.pointers.by_id[p].title.get(self.lang))
                for p in planned.pointers
            ),
        )

    # ---------------------------------------------------------------- pointers

    def pointer(self, sel: Any) -> PointerView:
        p: Pointer = self.content.pointers.by_id[sel.id]
        t = self.t
        states = self._state_names()
        note = None
        if sel.deadline is not None and p.why_deadline is not None:
            note = deadline_sentence(self.content, p.why_deadline, sel.deadline, self.lang) or None
        offer_note = None
        if sel.state == "ends_soon" and p.valid_until is not None:
            offer_note = t("present.offer.ends_soon", date=self.date(p.valid_until))
        elif sel.state == "ended" and p.ended is not None and p.valid_until is not None:
            offer_note = p.ended.get(self.lang).format(date=self.date(p.valid_until))
        return PointerView(
            id=p.id,
            category=p.category,
            category_label=t(f"category.{p.category}"),
            title=p.title.get(self.lang),
            provider=p.provider.get(self.lang),
            offers=p.offers.get(self.lang),
            formats=t("common.list_separator").join(t(f"format.{f}") for f in p.formats),
            cost=p.cost.get(self.lang),
            regions=tuple(p.regions),
            region_text=t("region.only", states=", ".join(states.get(s, s) for s in p.regions))
            if p.regions
            else t("common.all_germany"),
            url=p.url,
            reasons=self.reasons("pointer", p.id, p.rule, sel.reasons),
            general=p.why.get(self.lang) if p.why else None,
            deadline_note=note,
            offer_note=offer_note,
            offer_state=sel.state,
            advice_question=p.advice_question.get(self.lang) if p.advice_question else None,
            relevance=sel.relevance,
            source=p.source,
            checked=p.checked.isoformat(),
        )

    def _state_names(self) -> dict[str, str]:
        region_q = self.q.questions[self.q.scoring.preferences.region_question]
        return {o.id: o.label.get(self.lang) for o in self.q.options(region_q)}

    # ---------------------------------------------------------------- deadlines

    def deadlines(
        self, steps: tuple[StepView, ...], pointers: tuple[PointerView, ...]
    ) -> tuple[DeadlineView, ...]:
        """Every running deadline of a step or pointer shown, soonest first, once each."""
        out: dict[str, DeadlineView] = {}
        for sel in self.a.pointers:
            status = sel.deadline
            if (
                status is None
                or status.state not in ("open", "uncertain")
                or status.safe_date is None
            ):
                continue
            if status.id in out or not any(p.id == sel.id for p in pointers):
                continue
            deadline = self.content.pointers.deadline_by_id[status.id]
            pointer = self.content.pointers.by_id[sel.id]
            out[status.id] = self._deadline_view(
                status, self._deadline_title(deadline), deadline.hard, pointer
            )
        for planned in self.a.actions:
            status = planned.deadline
            if status is None or status.id in out or status.safe_date is None:
                continue
            if status.state not in ("open", "uncertain"):
                continue
            deadline = self.content.pointers.deadline_by_id[status.id]
            out[status.id] = self._deadline_view(
                status, self._deadline_title(deadline), deadline.hard, None
            )
        return tuple(sorted(out.values(), key=lambda d: (d.date, d.id)))

    def _deadline_title(self, deadline: Deadline) -> str:
        name = deadline.name.get(self.lang)
        if deadline.applies is None:
            return name
        return self.t("present.deadline.if", name=name, applies=deadline.applies.get(self.lang))

    def _deadline_view(
        self, status: DeadlineStatus, title: str, hard: bool, pointer: Pointer | None
    ) -> DeadlineView:
        assert status.safe_date is not None
        key = "present.deadline.hard" if hard else "present.deadline.soft"
        if status.state == "uncertain":
            key = "present.deadline.uncertain"
        return DeadlineView(
            id=status.id,
            title=title,
            date=status.safe_date,
            date_text=self.date(status.safe_date),
            text=self.t(key, name=title, date=self.date(status.safe_date)),
            hard=hard,
            uncertain=status.state == "uncertain",
        )

    # ---------------------------------------------------------------- advice

    def advice_questions(self) -> tuple[AdviceQuestionView, ...]:
        """The questions this person's answers raise: those of matched branches first,
        then those of the pointers, most relevant first, each once."""
        out: list[AdviceQuestionView] = []
        seen: set[str] = set()

        def add(text: str, note: str | None, source: str) -> None:
            if text not in seen:
                seen.add(text)
                kind, item_id = source.split(":", 1)
                entry: Any = (
                    self.content.pointers.by_id[item_id]
                    if kind == "pointer"
                    else self.content.pointers.action_by_id[item_id]
                )
                out.append(AdviceQuestionView(text, note, source, entry.advice_group))

        for planned in self.a.actions:
            action = self.content.pointers.action_by_id[planned.id]
            for path in planned.asks:
                node = action.rule.at(path)
                assert node.ask is not None
                add(
                    fill(self.content, node.ask.get(self.lang), self.answered, self.lang),
                    None,
                    f"action:{action.id}",
                )
        for sel in self.a.pointers:
            p = self.content.pointers.by_id[sel.id]
            note = None
            if (
                sel.deadline is not None
                and sel.deadline.state in ("open", "uncertain")
                and p.why_deadline
            ):
                note = (
                    deadline_sentence(self.content, p.why_deadline, sel.deadline, self.lang) or None
                )
            for path in sel.asks:
                node = p.rule.at(path)
                assert node.ask is not None
                add(
                    fill(self.content, node.ask.get(self.lang), self.answered, self.lang),
                    note,
                    f"pointer:{p.id}",
                )
            if p.advice_question is not None:
                add(p.advice_question.get(self.lang), note, f"pointer:{p.id}")
            texts = p.why_deadline
            if (
                sel.deadline is not None
                and sel.deadline.state == "passed"
                and texts
                and texts.ask_passed
            ):
                add(texts.ask_passed.get(self.lang), None, f"pointer:{p.id}")
        return tuple(out)

    def advice_groups(
        self, questions: tuple[AdviceQuestionView, ...]
    ) -> tuple[AdviceGroupView, ...]:
        """The questions by who answers them; the group of the most relevant question
        first, and within a group in their order of relevance."""
        names = {g.id: g.name.get(self.lang) for g in self.content.pointers.advice_groups}
        by_group: dict[str, list[AdviceQuestionView]] = {}
        for question in questions:
            by_group.setdefault(question.group, []).append(question)
        return tuple(
            AdviceGroupView(gid, names[gid], tuple(items)) for gid, items in by_group.items()
        )

    # ---------------------------------------------------------------- protection

    def protection(self) -> tuple[ProtectionView, ...]:
        rows = {r.id: r for r in self.content.pointers.protection}
        out = []
        for status in self.a.protection:
            row = rows[status.id]
            state = row.states[status.index] if status.index is not None else None
            if status.state == "deadline" and status.deadline and status.deadline.safe_date:
                state_text = self.t(
                    "present.protection.deadline", date=self.date(status.deadline.safe_date)
                )
            else:
                state_text = self.t(f"present.protection.{status.state}")
            ask = None
            if status.state not in ("covered", "not_relevant"):
                ask = (state.ask if state and state.ask else row.ask).get(self.lang)
            elif state is not None and state.ask is not None:
                ask = state.ask.get(self.lang)
            out.append(
                ProtectionView(
                    id=row.id,
                    label=row.label.get(self.lang),
                    state=status.state,
                    state_text=state_text,
                    answer=self._answers_of(row.answers),
                    ask=ask,
                    group=row.advice_group,
                )
            )
        return tuple(out)

    def levers(self) -> tuple[LeverView, ...]:
        from .levers import best_changes

        out = []
        for change in best_changes(self.content, self.answers, self.a, self.a.today):
            question = self.q.questions[change.question]
            value = change.value
            shown = value[-1] if isinstance(value, list) else value
            answer = answer_text(self.content, question, shown, self.lang)
            text = self.t(
                "present.lever.text",
                change=change.lever.phrase.get(self.lang).format(answer=answer),
                before=change.buffers_before,
                after=change.buffers_after,
            )
            if change.situation_after != change.situation_before and change.situation_after:
                situation = self._situation_def(change.situation_after)
                if situation is not None:
                    text += " " + self.t(
                        "present.lever.situation", name=situation.name.get(self.lang)
                    )
            out.append(LeverView(text, change.question, value, change.gain))
        return tuple(out)

    def digcomp(self) -> tuple[DigCompView, ...]:
        out = []
        for qid in self.q.scoring.presentation.digcomp_questions:
            question = self.q.questions[qid]
            options = [o.id for o in self.q.options(question)]
            value = self.answered.get(qid)
            out.append(
                DigCompView(
                    area=question.label.get(self.lang),
                    answer=self._answers_of([qid]),
                    level=options.index(value) + 1 if value in options else 0,
                    levels=len(options),
                )
            )
        return tuple(out)

    def _answers_of(self, qids: list[str]) -> str:
        parts = []
        declined = False
        for qid in qids:
            if qid in self.answered:
                question = self.q.questions[qid]
                answer = answer_text(self.content, question, self.answered[qid], self.lang)
                parts.append((question.label.get(self.lang), answer))
            elif qid in self.answers.declined and qid in self.a.visible:
                declined = True
        if len(parts) == 1:
            return parts[0][1]
        if parts:  # several answers: each with the question it answers
            return "; ".join(
                self.t("present.protection.answer", label=label, answer=answer)
                for label, answer in parts
            )
        return self.t("common.declined" if declined else "common.not_answered")

    # ---------------------------------------------------------------- comparison

    def comparison(self, previous: tuple[Answers, Assessment]) -> ComparisonView:
        before_answers, before = previous
        day = check_date(before_answers, before)
        lines = []
        for dim in self.q.scoring.dimensions:
            then = before.dimensions.get(dim.id)
            now = self.a.dimensions.get(dim.id)
            then_score = then.score if then else None
            now_score = now.score if now else None
            name = dim.name.get(self.lang)
            if then_score is None or now_score is None:
                lines.append(
                    self.t(
                        "present.compare.line_open",
                        name=name,
                        before=_dash(then_score),
                        now=_dash(now_score),
                    )
                )
            else:
                lines.append(
                    self.t(
                        "present.compare.line",
                        name=name,
                        before=then_score,
                        now=now_score,
                        change=signed(now_score - then_score, self.lang),
                    )
                )
        old, new = self._situation_def(before.situation), self._situation_def(self.a.situation)
        none = self.t("present.compare.situation_none")
        old_name = old.name.get(self.lang) if old else none
        new_name = new.name.get(self.lang) if new else none
        situation_line = (
            self.t("present.compare.situation_same", name=new_name)
            if before.situation == self.a.situation
            else self.t("present.compare.situation_changed", old=old_name, new=new_name)
        )
        return ComparisonView(
            date=day,
            date_text=self.date(day),
            heading=self.t("present.compare.heading", date=self.date(day)),
            situation_line=situation_line,
            lines=tuple(lines),
        )


# --------------------------------------------------------------------------- helpers


def check_date(answers: Answers, assessment: Assessment) -> dt.date:
    """The day a check was finished, in local time; the scoring day if it never was.

    An earlier check may be scored again today (to explain it with today's deadlines),
    so the Assessment's own date is not necessarily the day of that check."""
    if answers.finished_at is not None:
        finished = answers.finished_at
        if finished.tzinfo is not None:
            finished = finished.astimezone()
        return finished.date()
    return assessment.today


def _after(day: dt.date, weeks: int | None, months: int | None) -> dt.date | None:
    if weeks:
        return day + dt.timedelta(weeks=weeks)
    if months:
        index = day.year * 12 + day.month - 1 + months
        year, month = divmod(index, 12)
        month += 1
        return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return None


def _dash(score: int | None) -> str:
    return "–" if score is None else str(score)


def _ilo_key(ilo_class: str) -> str:
    return ilo_class.lower().replace("exposed: gradient ", "gradient_").replace(" ", "_")


def question_of(content: Content, qid: str) -> Question:
    return content.questionnaire.questions[qid]
