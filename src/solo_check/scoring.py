"""Scoring: (content, answers, today) -> Assessment. Pure: no I/O, no clock, no Qt.

Each dimension score carries its contributions (which answer moved it by how much)
and how many of its questions were answered. Answers to hidden questions (whose
show_if is false) are kept in the answers but not scored. "Prefer not to say"
drops a question from the score and lowers the confidence, never the score itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .answers import Answers
from .content import Condition, Content, Curve, Dimension, Question

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Contribution:
    """One answer's share in a dimension score.

    ``effect`` is the change in score points this answer brings; for points-based
    dimensions the effects add up to the score, ``possible`` is what the answer could
    have brought at most. ``kind`` says what moved the score: an answer ("answer"), the
    occupation baseline ("occupation"), a share of working time ("task") or a limit.
    """

    dimension: str
    kind: str
    question: str | None
    effect: float
    possible: float
    value: Any = None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DimensionResult:
    id: str
    score: int | None  # 0-100, None when too few answers
    band: str | None
    contributions: tuple[Contribution, ...]  # largest effect first
    answered: int
    declined: int
    total: int  # visible questions feeding this dimension
    confidence: str
    provisional: bool = False  # too few answers to state the score as a fact


@dataclass(frozen=True)
class DeadlineStatus:
    id: str
    state: str  # open | uncertain | passed | unknown
    safe_date: dt.date | None  # the last day that is safe whatever the start day was
    latest_date: dt.date | None  # the last day it could be, for a start at the month's end


@dataclass(frozen=True)
class SelectedPointer:
    """A pointer whose rule matched. ``reasons`` are the paths of the rule's branches
    that matched (see ``match``); ``asks`` those of them that raise an advice question.
    ``state`` says whether the offer runs, ends soon (``valid_until`` is near) or has
    passed its announced end; ``adjustments`` explain the relevance beyond the weight."""

    id: str
    relevance: float
    deadline: DeadlineStatus | None
    reasons: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    state: str = "running"  # running | ends_soon | ended
    adjustments: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class PlannedAction:
    """A step of the plan, in plan order: urgency (a near deadline moves a step up, a far
    one down) and weight (priority), then timeframe."""

    id: str
    priority: int
    timeframe: str
    pointers: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    deadline: DeadlineStatus | None = None
    rank: float = 0.0


@dataclass(frozen=True)
class ProtectionStatus:
    """One row of the protection overview for this person."""

    id: str
    state: str  # covered | gap | unclear | deadline | not_relevant
    index: int | None  # which of the row's states matched (None: none, so unclear)
    deadline: DeadlineStatus | None = None


@dataclass(frozen=True)
class Assessment:
    today: dt.date
    questionnaire_version: str
    dimensions: dict[str, DimensionResult]
    situation: str | None
    position: tuple[float, float] | None  # (exposure, buffers) on the map
    facts: dict[str, Any]
    deadlines: dict[str, DeadlineStatus]
    pointers: tuple[SelectedPointer, ...]
    actions: tuple[PlannedAction, ...]
    visible: tuple[str, ...]  # question ids shown for these answers, in order
    missing: tuple[str, ...]  # visible questions neither answered nor declined
    provisional: bool = False  # the situation rests on a provisional score
    answered: int = 0  # visible questions with an answer
    protection: tuple[ProtectionStatus, ...] = ()

    @property
    def nothing_answered(self) -> bool:
        return self.answered == 0


# --------------------------------------------------------------------------- entry point


def score(content: Content, answers: Answers, today: dt.date) -> Assessment:
    """Score the answers as of ``today`` (an input, so results are reproducible)."""
    q = content.questionnaire
    values = visible_values(content, answers)
    visible = tuple(values.visible)
    declined = {qid for qid in answers.declined if qid in values.visible}
    start = values.answered.get(q.scoring.start_question)
    facts = _facts(content, values.answered, start, today)
    deadlines = {d.id: _deadline(d.id, d.months, start, today) for d in content.pointers.deadlines}
    for did, status in deadlines.items():
        facts[f"deadline.{did}"] = status.state
    dims: dict[str, DimensionResult] = {}
    for dim in q.scoring.dimensions:
        if dim.method == "exposure":
            dims[dim.id] = _score_exposure(content, dim, values.answered, visible, declined)
        else:
            dims[dim.id] = _score_points(content, dim, values.answered, visible, declined)
    situation, position = _situation(content, dims)
    ctx = _Context(content, values.answered, dims, situation, facts)
    ctx.steps = frozenset(
        a.id for a in content.pointers.actions if evaluate(a.rule, values.answered, ctx)
    )
    pointers = _select_pointers(content, ctx, deadlines, today)
    actions = _plan_actions(content, ctx, pointers, deadlines, today)
    # Free text (notes, an occupation's title) is never scored: leaving it empty makes no
    # result less accurate, so it is not counted as open.
    missing = tuple(
        qid
        for qid in visible
        if qid not in values.answered
        and qid not in answers.declined
        and q.questions[qid].type != "text"
    )
    protection = tuple(_protection(content, ctx, deadlines))
    map_dims = (dims.get("exposure"), dims.get("buffers"))
    return Assessment(
        today=today,
        questionnaire_version=q.version,
        dimensions=dims,
        situation=situation,
        position=position,
        facts=facts,
        deadlines=deadlines,
        pointers=pointers,
        actions=actions,
        visible=visible,
        missing=missing,
        provisional=situation is not None
        and any(d is not None and d.provisional for d in map_dims),
        answered=len(values.answered),
        protection=protection,
    )


# --------------------------------------------------------------------------- visibility


@dataclass
class _Visible:
    visible: list[str]
    answered: dict[str, Any]  # answers of visible questions only


def visible_values(content: Content, answers: Answers) -> _Visible:
    """Walk the questionnaire in order: which questions show, and their answers."""
    q = content.questionnaire
    visible: list[str] = []
    answered: dict[str, Any] = {}
    for qid, question in q.questions.items():
        if question.retired and qid not in answers.values and qid not in answers.declined:
            continue
        if question.show_if is not None and not evaluate(question.show_if, answered, None):
            continue
        visible.append(qid)
        if qid in answers.values and qid not in answers.declined:
            answered[qid] = answers.values[qid]
    return _Visible(visible, answered)


# --------------------------------------------------------------------------- conditions


@dataclass
class _Context:
    content: Content
    answered: dict[str, Any]
    dims: dict[str, DimensionResult]
    situation: str | None
    facts: dict[str, Any]
    steps: frozenset[str] = frozenset()  # steps whose rule matched (for pointer rules)


def evaluate(cond: Condition, answered: dict[str, Any], ctx: _Context | None) -> bool:
    """Evaluate a structured condition. Tests on unanswered questions are false."""
    if cond.all is not None:
        return all(evaluate(c, answered, ctx) for c in cond.all)
    if cond.any is not None:
        return any(evaluate(c, answered, ctx) for c in cond.any)
    if cond.not_ is not None:
        return not evaluate(cond.not_, answered, ctx)
    if cond.question is not None:
        present = cond.question in answered
        if cond.answered is not None:
            return present == cond.answered
        if not present:
            return False
        value = answered[cond.question]
        if cond.share_of is not None:
            value = value.get(cond.share_of, 0) if isinstance(value, dict) else 0
        return _test(cond, value)
    if ctx is None:
        return False
    if cond.dimension is not None:
        result = ctx.dims.get(cond.dimension)
        if result is None or result.score is None:
            return False
        if cond.band is not None and result.band != cond.band:
            return False
        return _in_range(cond, result.score)
    if cond.situation is not None:
        return ctx.situation == cond.situation
    if cond.step is not None:
        return cond.step in ctx.steps
    if cond.fact is not None:
        value = ctx.facts.get(cond.fact)
        return value is not None and _test(cond, value)
    return False


def match(
    cond: Condition, answered: dict[str, Any], ctx: _Context | None, path: str = "rule"
) -> list[str] | None:
    """Evaluate like ``evaluate`` and, if true, say why: the paths of the matched nodes
    that speak to the person (a ``reason`` or an ``ask`` of their own) and, where a
    matched part has no reason, of its positive tests (a question answered so, a score
    in a band, a situation), which a generic line can name. None if false.

    A node with a reason speaks for everything below it. Of an ``any`` every matched
    branch counts, not only the first: each is true of the person. A ``not`` without a
    reason of its own adds nothing (it says what the person did not answer so)."""
    own = [path] if cond.reason is not None or cond.ask is not None else []
    if cond.all is not None or cond.any is not None:
        head = "all" if cond.all is not None else "any"
        out: list[str] = []
        hit = False
        for i, child in enumerate(cond.all if cond.all is not None else cond.any or []):
            sub = match(child, answered, ctx, f"{path}.{head}.{i}")
            if sub is None:
                if head == "all":
                    return None
                continue
            hit = True
            out += sub
        if not hit:
            return None
        return own if cond.reason is not None else own + out
    if not evaluate(cond, answered, ctx):
        return None
    if own or cond.not_ is not None or cond.fact is not None:
        return own
    if cond.question is not None and cond.answered is not None:
        return []  # "answered or not" says nothing about the answer
    return [path]


def spoken_reasons(rule: Condition, paths: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split matched paths into reasons and asks. Authored reasons win: generic lines are
    kept only when no matched branch has a reason of its own."""
    nodes = {p: rule.at(p) for p in paths}
    authored = [p for p, n in nodes.items() if n.reason is not None]
    generic = [p for p, n in nodes.items() if n.reason is None and n.ask is None]
    asks = [p for p, n in nodes.items() if n.ask is not None]
    return tuple(dict.fromkeys(authored or generic)), tuple(dict.fromkeys(asks))


def _test(cond: Condition, value: Any) -> bool:
    if cond.is_ is not None and value != cond.is_:
        return False
    if cond.in_ is not None and value not in cond.in_:
        return False
    if cond.includes is not None and (
        not isinstance(value, list | tuple | set) or cond.includes not in value
    ):
        return False
    if cond.min is not None or cond.max is not None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return _in_range(cond, value)
    return True


def _in_range(cond: Condition, value: float) -> bool:
    return (cond.min is None or value >= cond.min) and (cond.max is None or value <= cond.max)


# --------------------------------------------------------------------------- facts


def _facts(
    content: Content, answered: dict[str, Any], start: Any, today: dt.date
) -> dict[str, Any]:
    """Derived facts rules may test; deadline states are added by the caller."""
    q = content.questionnaire
    facts: dict[str, Any] = {}
    if isinstance(start, str):
        facts["months_self_employed"] = months_between(start, today)
    occ_id = answered.get(q.scoring.exposure.occupation_question)
    if occ_id is not None:
        facts["occupation"] = occ_id
        occ = content.occupations.by_id.get(occ_id)
        if occ is not None:
            facts["occupation_group"] = occ.group
            facts["occupation_tags"] = list(occ.tags)
            facts["ilo_class"] = occ.ilo_class
    return facts


def months_between(start: str, today: dt.date) -> int:
    """Whole months from the start month ('YYYY-MM') to today's month."""
    year, month = (int(p) for p in start.split("-"))
    return (today.year - year) * 12 + (today.month - month)


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _deadline(did: str, months: int, start: Any, today: dt.date) -> DeadlineStatus:
    """A period of ``months`` from the start of self-employment, known only to the month.

    Started on the 1st, the period ends on the last day of month start+months-1: that
    is the date that is safe whatever the start day. Started at the month's end, it
    ends at the end of month start+months at the latest. In between it is uncertain.
    """
    if not isinstance(start, str):
        return DeadlineStatus(did, "unknown", None, None)
    year, month = (int(p) for p in start.split("-"))
    safe = _month_end(*_add_months(year, month, months - 1))
    latest = _month_end(*_add_months(year, month, months))
    if today <= safe:
        state = "open"
    elif today <= latest:
        state = "uncertain"
    else:
        state = "passed"
    return DeadlineStatus(did, state, safe, latest)


# --------------------------------------------------------------------------- dimensions


def _band(dim: Dimension, score: float) -> str:
    for band in dim.bands:
        if band.below is None or score < band.below:
            return band.id
    return dim.bands[-1].id


def _confidence(content: Content, answered: int, total: int) -> tuple[str, bool]:
    """The confidence level's id, and whether a score at that level is provisional."""
    share = answered / total if total else 0.0
    levels = sorted(content.questionnaire.scoring.confidence, key=lambda c: -c.min_share)
    for level in levels:
        if share >= level.min_share:
            return level.id, level.provisional
    return levels[-1].id, levels[-1].provisional


def question_range(content: Content, question: Question, dim: str) -> tuple[float, float]:
    """The lowest and highest points a question can give in one dimension."""
    q = content.questionnaire
    if question.type == "number":
        ys = [y for _, y in (question.curve or {}).get(dim, [])]
        return (min(ys), max(ys)) if ys else (0.0, 0.0)
    pts = [o.points.get(dim, 0.0) for o in q.options(question)]
    if question.type == "multi":
        options = q.options(question)
        plain = [o.points.get(dim, 0.0) for o in options if not o.exclusive]
        excl = [o.points.get(dim, 0.0) for o in options if o.exclusive]
        low = sum(p for p in plain if p < 0)
        high = _capped(question, dim, sum(p for p in plain if p > 0))
        return min([low, *excl, 0.0]), max([high, *excl, 0.0])
    return min(pts), max(pts)


def question_points(content: Content, question: Question, dim: str, value: Any) -> float:
    """The points one answer gives in one dimension."""
    q = content.questionnaire
    if question.type == "number":
        return _curve(question.curve[dim], float(value)) if question.curve else 0.0
    options = {o.id: o for o in q.options(question)}
    chosen = value if question.type == "multi" else [value]
    return _capped(
        question, dim, sum(options[c].points.get(dim, 0.0) for c in chosen if c in options)
    )


def _capped(question: Question, dim: str, points: float) -> float:
    cap = (question.max_points or {}).get(dim)
    return points if cap is None else min(points, cap)


def _curve(points: list[tuple[float, float]], x: float) -> float:
    """Piecewise linear interpolation, flat beyond the ends."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def _feeding(content: Content, dim: Dimension, visible: tuple[str, ...]) -> list[str]:
    """The visible questions that feed a dimension, in questionnaire order."""
    q = content.questionnaire
    return [qid for qid in visible if dim.id in q.dimensions_of(q.questions[qid])]


def _score_points(
    content: Content,
    dim: Dimension,
    answered: dict[str, Any],
    visible: tuple[str, ...],
    declined: set[str],
) -> DimensionResult:
    q = content.questionnaire
    feeding = _feeding(content, dim, visible)
    rows = []  # (question id, lowest, highest, given points)
    for qid in feeding:
        if qid in answered:
            question = q.questions[qid]
            low, high = question_range(content, question, dim.id)
            rows.append((qid, low, high, question_points(content, question, dim.id, answered[qid])))
    span = sum(high - low for _, low, high, _ in rows)
    if not span:  # nothing answered, or only answers that cannot move this dimension
        return _result(content, dim, None, [], len(rows), feeding, declined)
    contributions = []
    raw = 0.0
    for qid, low, high, pts in rows:
        effect = 100 * (pts - low) / span
        raw += effect
        contributions.append(
            Contribution(
                dimension=dim.id,
                kind="answer",
                question=qid,
                effect=round(effect, 1),
                possible=round(100 * (high - low) / span, 1),
                value=answered[qid],
            )
        )
    score = max(0, min(100, round(raw)))
    return _result(content, dim, score, contributions, len(rows), feeding, declined)


def _result(
    content: Content,
    dim: Dimension,
    score: int | None,
    contributions: list[Contribution],
    answered: int,
    feeding: list[str],
    declined: set[str],
) -> DimensionResult:
    ordered = sorted(contributions, key=lambda c: (-abs(c.effect), c.question or ""))
    confidence, provisional = _confidence(content, answered, len(feeding))
    return DimensionResult(
        id=dim.id,
        score=score,
        band=_band(dim, score) if score is not None else None,
        contributions=tuple(ordered),
        answered=answered,
        declined=sum(1 for qid in feeding if qid in declined),
        total=len(feeding),
        confidence=confidence,
        provisional=provisional and score is not None,
    )


def _score_exposure(
    content: Content,
    dim: Dimension,
    answered: dict[str, Any],
    visible: tuple[str, ...],
    declined: set[str],
) -> DimensionResult:
    """Occupation baseline blended with the task allocation, plus market signals.

    baseline B: the occupation's ILO score x 100; tasks T: the working-time shares
    weighted by each task kind's exposure ("other" counts with B, or drops out when B
    is unknown). With both, w*B + (1-w)*T; with one, that one. Market answers add or
    subtract points, their sum limited to [market_min, market_max]. Clamped to 0-100.
    """
    q = content.questionnaire
    settings = q.scoring.exposure
    feeding = _feeding(content, dim, visible)
    n_answered = sum(1 for qid in feeding if qid in answered)
    contributions: list[Contribution] = []
    occ_q, alloc_q = settings.occupation_question, settings.allocation_question
    occ = content.occupations.by_id.get(answered.get(occ_q, ""))
    baseline = occ.ilo_score * 100 if occ is not None else None
    tasks: list[tuple[str, float, float]] = []  # (kind, share %, exposure)
    allocation = answered.get(alloc_q)
    if isinstance(allocation, dict):
        kinds = q.task_kind_map
        for kind, share in allocation.items():
            if not share:
                continue
            exposure = kinds[kind].exposure if kind in kinds else None
            if exposure is None:
                exposure = baseline
            if exposure is not None:
                tasks.append((kind, float(share), exposure))
    task_total = sum(share for _, share, _ in tasks)
    w = settings.occupation_weight
    if baseline is not None and task_total:
        w_base, w_tasks = w, 1 - w
    elif baseline is not None:
        w_base, w_tasks = 1.0, 0.0
    elif task_total:
        w_base, w_tasks = 0.0, 1.0
    else:
        return _result(content, dim, None, [], n_answered, feeding, declined)
    if occ is not None and baseline is not None:
        contributions.append(
            Contribution(
                dimension=dim.id,
                kind="occupation",
                question=occ_q,
                effect=round(w_base * baseline, 1),
                possible=round(w_base * 100, 1),
                value=occ.id,
                detail={"baseline": round(baseline), "weight": w_base, "isco08": occ.isco08},
            )
        )
    for kind, share, exposure in tasks:
        part = share / task_total
        contributions.append(
            Contribution(
                dimension=dim.id,
                kind="task",
                question=alloc_q,
                effect=round(w_tasks * part * exposure, 1),
                possible=round(w_tasks * part * 100, 1),
                value=share,
                detail={"task_kind": kind, "exposure": round(exposure), "weight": w_tasks},
            )
        )
    raw = w_base * (baseline or 0.0) + w_tasks * sum(
        share / task_total * exposure for _, share, exposure in tasks
    )
    market = 0.0
    for qid in feeding:
        if qid in (occ_q, alloc_q) or qid not in answered:
            continue
        question = q.questions[qid]
        pts = question_points(content, question, dim.id, answered[qid])
        _, high = question_range(content, question, dim.id)
        market += pts
        contributions.append(
            Contribution(
                dimension=dim.id,
                kind="answer",
                question=qid,
                effect=round(pts, 1),
                possible=high,
                value=answered[qid],
            )
        )
    limited = max(settings.market_min, min(settings.market_max, market))
    if limited != market:
        contributions.append(
            Contribution(
                dimension=dim.id,
                kind="market_limit",
                question=None,
                effect=round(limited - market, 1),
                possible=0.0,
                detail={"limit": settings.market_max if market > limited else settings.market_min},
            )
        )
    score = max(0, min(100, round(raw + limited)))
    return _result(content, dim, score, contributions, n_answered, feeding, declined)


# --------------------------------------------------------------------------- the map


def _situation(
    content: Content, dims: dict[str, DimensionResult]
) -> tuple[str | None, tuple[float, float] | None]:
    settings = content.questionnaire.scoring
    exposure, buffers = dims.get("exposure"), dims.get("buffers")
    if exposure is None or buffers is None or exposure.score is None or buffers.score is None:
        return None, None
    x = "higher" if exposure.score >= settings.map.exposure_threshold else "lower"
    y = "stronger" if buffers.score >= settings.map.buffers_threshold else "weaker"
    situation = next(s.id for s in settings.situations if s.exposure == x and s.buffers == y)
    return situation, (float(exposure.score), float(buffers.score))


# --------------------------------------------------------------------------- pointers


def curve_at(points: Curve, x: float) -> float:
    """Piecewise linear interpolation, flat beyond the ends."""
    return _curve(points, x)


def days_left(status: DeadlineStatus | None, today: dt.date) -> int | None:
    """Days until a running deadline's safe date (0 when it may already have passed)."""
    if status is None or status.safe_date is None or status.state not in ("open", "uncertain"):
        return None
    return max(0, (status.safe_date - today).days)


def offer_state(valid_until: dt.date | None, today: dt.date, soon_weeks: int) -> str:
    """running, ends_soon (within ``soon_weeks`` of an announced end) or ended."""
    if valid_until is None:
        return "running"
    if today > valid_until:
        return "ended"
    if (valid_until - today).days <= soon_weeks * 7:
        return "ends_soon"
    return "running"


def _select_pointers(
    content: Content, ctx: _Context, deadlines: dict[str, DeadlineStatus], today: dt.date
) -> tuple[SelectedPointer, ...]:
    scoring = content.questionnaire.scoring
    prefs, ranking = scoring.preferences, scoring.ranking
    state = ctx.answered.get(prefs.region_question)
    wanted = ctx.answered.get(prefs.formats_question, [])
    formats = {f for option in wanted for f in prefs.format_matches.get(option, [])}
    free_only = ctx.answered.get(prefs.budget_question) == prefs.free_only_option
    monthly = prefs.monthly_hours.get(ctx.answered.get(prefs.time_question, ""))
    order = ranking.category_order
    chosen: list[tuple[float, int, str, SelectedPointer]] = []
    for pointer in content.pointers.pointers:
        paths = match(pointer.rule, ctx.answered, ctx)
        if paths is None:
            continue
        if pointer.regions and state is not None and state not in pointer.regions:
            continue
        offer = offer_state(pointer.valid_until, today, scoring.presentation.ends_soon_weeks)
        if offer == "ended" and pointer.ended is None:
            continue
        status = deadlines.get(pointer.deadline) if pointer.deadline else None
        if (
            status is not None
            and status.state == "passed"
            and (pointer.why_deadline is None or pointer.why_deadline.passed is None)
        ):
            continue
        adjustments: list[tuple[str, float]] = []
        days = days_left(status, today)
        if days is not None:
            adjustments.append(("deadline", curve_at(ranking.deadline_pointer_bonus, days)))
        learning = pointer.category in ("qualification", "funding")
        if formats and learning:
            if formats & set(pointer.formats):
                adjustments.append(("format", ranking.format_match))
            else:
                adjustments.append(("format", ranking.format_mismatch))
        if free_only and pointer.cost_kind in ranking.free_only:
            adjustments.append(("budget", ranking.free_only[pointer.cost_kind]))
        if (
            learning
            and monthly is not None
            and pointer.min_hours is not None
            and pointer.min_hours > monthly * ranking.effort_months
        ):
            adjustments.append(("time", ranking.effort_penalty))
        if offer == "ended":
            adjustments.append(("ended", ranking.ended))
        adjustments = [(k, round(v, 2)) for k, v in adjustments if v]
        relevance = round(float(pointer.weight) + sum(v for _, v in adjustments), 2)
        reasons, asks = spoken_reasons(pointer.rule, paths)
        selected = SelectedPointer(
            id=pointer.id,
            relevance=relevance,
            deadline=status,
            reasons=reasons,
            asks=asks,
            state=offer,
            adjustments=tuple(adjustments),
        )
        chosen.append((-relevance, order.index(pointer.category), pointer.id, selected))
    chosen.sort(key=lambda row: row[:3])
    return tuple(row[3] for row in chosen)


def _protection(
    content: Content, ctx: _Context, deadlines: dict[str, DeadlineStatus]
) -> Iterator[ProtectionStatus]:
    for row in content.pointers.protection:
        for i, state in enumerate(row.states):
            if evaluate(state.rule, ctx.answered, ctx):
                status = deadlines.get(state.deadline) if state.deadline else None
                yield ProtectionStatus(row.id, state.state, i, status)
                break
        else:
            yield ProtectionStatus(row.id, "unclear", None)


def _plan_actions(
    content: Content,
    ctx: _Context,
    pointers: tuple[SelectedPointer, ...],
    deadlines: dict[str, DeadlineStatus],
    today: dt.date,
) -> tuple[PlannedAction, ...]:
    scoring = content.questionnaire.scoring
    order = {t.id: i for i, t in enumerate(scoring.timeframes)}
    rank_of = {p.id: i for i, p in enumerate(pointers)}
    planned = []
    for action in content.pointers.actions:
        if offer_state(action.valid_until, today, scoring.presentation.ends_soon_weeks) == "ended":
            continue
        paths = match(action.rule, ctx.answered, ctx)
        if paths is None:
            continue
        status = deadlines.get(action.deadline) if action.deadline else None
        days = days_left(status, today)
        shift = curve_at(scoring.ranking.deadline_step_shift, days) if days is not None else 0.0
        reasons, asks = spoken_reasons(action.rule, paths)
        planned.append(
            PlannedAction(
                id=action.id,
                priority=action.priority,
                timeframe=action.timeframe,
                # the step's offers in the order of their relevance for this person
                pointers=tuple(
                    sorted((p for p in action.pointers if p in rank_of), key=rank_of.get)
                ),
                reasons=reasons,
                asks=asks,
                deadline=status,
                rank=round(action.priority - shift, 2),
            )
        )
    planned.sort(key=lambda a: (a.rank, order.get(a.timeframe, 99), a.id))
    return tuple(planned[: scoring.max_actions])
