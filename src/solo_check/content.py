"""The content of Solo-Check as validated data.

Models of the resource files (questionnaire, occupations, pointers, texts), loading
from TOML, and the cross-checks a schema alone cannot express (references resolve,
conditions only look backwards, every pointer can be reached). Every problem is
reported as ``file: dotted.path: message``.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import tomllib
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from .textfiles import TEXT_FILES, flatten_texts

Lang = Literal["de", "en"]
LANGS: tuple[Lang, ...] = ("de", "en")
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
PointerId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=60)]
HttpsUrl = Annotated[str, Field(pattern=r"^https://[^\s/$.?#][^\s]*$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Text(Strict):
    """A user-visible text in German and English."""

    de: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return self.de if lang == "de" else self.en

    @model_validator(mode="after")
    def _same_placeholders(self) -> Text:
        de, en = _placeholders(self.de), _placeholders(self.en)
        if de != en:
            raise ValueError(f"placeholders differ between de {sorted(de)} and en {sorted(en)}")
        return self


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError as exc:  # unbalanced braces
        raise ValueError(f"bad placeholder syntax: {exc}") from None


# --------------------------------------------------------------------------- conditions


class Condition(Strict):
    """A structured condition: one head (all/any/not/question/dimension/situation/fact)
    with the modifiers that head allows. Evaluated by ``scoring.evaluate``; never eval'd."""

    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")
    question: Id | None = None
    dimension: Id | None = None
    situation: Id | None = None
    step: Id | None = None  # a step of the plan whose rule matched (pointer rules only)
    fact: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_.]*$")
    # modifiers
    is_: str | None = Field(default=None, alias="is")
    in_: list[str] | None = Field(default=None, alias="in", min_length=1)
    includes: str | None = None
    share_of: Id | None = None
    min: float | None = None
    max: float | None = None
    band: Id | None = None
    answered: bool | None = None
    # What to tell the person when this branch matched (true for every answer set that
    # makes it match; placeholders {question_id} name questions this branch needs),
    # and a question for the advice conversation that this branch raises.
    reason: Text | None = None
    ask: Text | None = None

    @model_validator(mode="after")
    def _one_head(self) -> Condition:
        heads = [
            name
            for name in ("all", "any", "not_", "question", "dimension", "situation", "step", "fact")
            if getattr(self, name) is not None
        ]
        if len(heads) != 1:
            raise ValueError(
                "a condition needs exactly one of all, any, not, question, dimension, "
                f"situation, step, fact (found {[h.rstrip('_') for h in heads] or 'none'})"
            )
        head = heads[0]
        modifiers = {
            name
            for name in ("is_", "in_", "includes", "share_of", "min", "max", "band", "answered")
            if getattr(self, name) is not None
        }
        allowed = {
            "all": set(),
            "any": set(),
            "not_": set(),
            "situation": set(),
            "step": set(),
            "question": {"is_", "in_", "includes", "share_of", "min", "max", "answered"},
            "dimension": {"band", "min", "max"},
            "fact": {"is_", "in_", "includes", "min", "max"},
        }[head]
        extra = modifiers - allowed
        if extra:
            raise ValueError(
                f"'{head.rstrip('_')}' does not take {sorted(m.rstrip('_') for m in extra)}"
            )
        if head in ("question", "fact") and not modifiers:
            raise ValueError(f"'{head}' needs a test such as is, in, includes, min, max")
        if head == "dimension" and not modifiers:
            raise ValueError("'dimension' needs band, min or max")
        if self.share_of is not None and self.min is None and self.max is None:
            raise ValueError("'share_of' needs min or max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is above max")
        return self

    def questions(self) -> Iterator[str]:
        """Every question id this condition refers to."""
        if self.question:
            yield self.question
        for child in (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else []):
            yield from child.questions()

    def walk(self) -> Iterator[Condition]:
        yield self
        for child in self.children():
            yield from child.walk()

    def children(self) -> list[Condition]:
        return (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else [])

    def walk_paths(self, path: str = "rule") -> Iterator[tuple[str, Condition]]:
        """Every node with its path: 'rule', 'rule.any.0', 'rule.any.0.not', ..."""
        yield path, self
        for head in ("all", "any"):
            for i, child in enumerate(getattr(self, head) or []):
                yield from child.walk_paths(f"{path}.{head}.{i}")
        if self.not_ is not None:
            yield from self.not_.walk_paths(f"{path}.not")

    def at(self, path: str) -> Condition:
        """The node at a path made by ``walk_paths``."""
        node = self
        parts = path.split(".")[1:]
        while parts:
            head = parts.pop(0)
            if head == "not":
                assert node.not_ is not None
                node = node.not_
            else:
                node = (getattr(node, head) or [])[int(parts.pop(0))]
        return node


# --------------------------------------------------------------------------- questionnaire

Format = Literal["online_self_paced", "online_live", "in_person", "phone", "advice", "information"]
QuestionType = Literal[
    "single", "multi", "scale", "number", "month", "occupation", "allocation", "text"
]


class Option(Strict):
    id: Id
    label: Text
    points: dict[Id, float] = Field(default_factory=dict)
    exclusive: bool = False  # in a multiple choice: cannot be combined with other options
    help: Text | None = None
    # Kept so that answers given with it stay valid and explainable, but no longer offered.
    retired: bool = False


class OptionSet(Strict):
    id: Id
    options: list[Option] = Field(min_length=2)


class Question(Strict):
    id: Id
    type: QuestionType
    label: Text  # a short name, for explanations, lists and the report's appendix
    text: Text
    why: Text  # "why we ask this"
    help: Text | None = None
    show_if: Condition | None = None
    # choices: inline options, or a shared option set with points given per option id
    options: list[Option] | None = None
    option_set: Id | None = None
    points: dict[Id, dict[str, float]] | None = None  # option_set: {dimension: {option: pts}}
    # numbers: unit, range, and points as a piecewise linear curve [[x, points], ...]
    unit: Text | None = None
    unit_one: Text | None = None  # the unit after exactly 1, where it differs ("Monat")
    min: float | None = None
    max: float | None = None
    integer: bool = False
    curve: dict[Id, list[tuple[float, float]]] | None = None
    max_choices: int | None = None
    # multi: the points of the chosen options count up to this sum per dimension, so that
    # nobody needs every option (every kind of network) for full points
    max_points: dict[Id, float] | None = None
    max_length: int | None = Field(default=None, ge=1, le=20_000)
    kinds: list[Id] | None = None  # allocation: the task kinds offered (default: all)
    # No longer asked; kept so that older checks that answered it still open, score and
    # explain as before. Shown only where it holds an answer.
    retired: bool = False

    @model_validator(mode="after")
    def _fits_type(self) -> Question:
        choice = self.type in ("single", "multi", "scale")
        if choice and (self.options is None) == (self.option_set is None):
            raise ValueError(f"a '{self.type}' question needs either options or option_set")
        if not choice and (self.options or self.option_set or self.points):
            raise ValueError(f"a '{self.type}' question takes no options")
        if self.points is not None and self.option_set is None:
            raise ValueError("'points' belongs to questions using an option_set")
        if self.type == "number":
            if self.min is None or self.max is None or self.unit is None:
                raise ValueError("a number question needs unit, min and max")
            if self.min >= self.max:
                raise ValueError("min must be below max")
        elif (
            self.curve or self.unit or self.unit_one or self.min is not None or self.max is not None
        ):
            raise ValueError(f"a '{self.type}' question takes no unit, range or curve")
        for dim, curve in (self.curve or {}).items():
            xs = [x for x, _ in curve]
            if len(curve) < 2 or xs != sorted(set(xs)):
                raise ValueError(f"curve.{dim}: needs at least two points with rising x")
        if self.type == "text" and self.max_length is None:
            raise ValueError("a text question needs max_length")
        if self.kinds is not None and self.type != "allocation":
            raise ValueError("'kinds' belongs to allocation questions")
        if self.max_choices is not None and self.type != "multi":
            raise ValueError("'max_choices' belongs to multi questions")
        if self.max_points is not None and self.type != "multi":
            raise ValueError("'max_points' belongs to multi questions")
        if self.options:
            ids = [o.id for o in self.options]
            dupes = {i for i in ids if ids.count(i) > 1}
            if dupes:
                raise ValueError(f"duplicate option ids {sorted(dupes)}")
        return self


class Section(Strict):
    id: Id
    title: Text
    intro: Text
    questions: list[Question] = Field(min_length=1)


class TaskKind(Strict):
    id: Id
    label: Text
    # 0-100, from the ILO task scores; None: counted with the occupation's baseline
    exposure: float | None = Field(default=None, ge=0, le=100)
    note: str  # how the figure was derived (for maintainers)


class Band(Strict):
    id: Id
    below: float | None = None  # upper bound (exclusive); None for the top band
    label: Text
    meaning: Text
    # One short sentence that is true for everyone in this band, used where the
    # situation on the map is described (the map's two dimensions need it).
    statement: Text | None = None


class Dimension(Strict):
    id: Id
    name: Text
    short: Text  # one line: what this dimension measures
    method: Literal["points", "exposure"] = "points"
    # Whether a higher score is better for the person (buffers) or a warning (exposure).
    higher_is: Literal["better", "warning"] = "better"
    bands: list[Band] = Field(min_length=2)
    strengthen: Text  # what strengthens it, in general terms

    @model_validator(mode="after")
    def _bands_rise(self) -> Dimension:
        bounds = [b.below for b in self.bands]
        if bounds[-1] is not None or any(b is None for b in bounds[:-1]):
            raise ValueError("every band but the last needs 'below'; the last has none")
        if bounds[:-1] != sorted(bounds[:-1]):
            raise ValueError("band bounds must rise")
        return self


class Situation(Strict):
    id: Id
    exposure: Literal["higher", "lower"]
    buffers: Literal["stronger", "weaker"]
    name: Text
    summary: Text
    urgent: bool = False


class MapSettings(Strict):
    exposure_threshold: float = Field(gt=0, lt=100)
    buffers_threshold: float = Field(gt=0, lt=100)


class ExposureSettings(Strict):
    occupation_question: Id
    occupation_other_question: Id  # free text: the title, when the occupation is "other"
    allocation_question: Id
    occupation_weight: float = Field(ge=0, le=1)
    market_min: float = Field(le=0)
    market_max: float = Field(ge=0)


class ConfidenceLevel(Strict):
    id: Id
    min_share: float = Field(ge=0, le=1)
    label: Text
    # A score at this level rests on too few answers to be stated as a fact: it is
    # shown as provisional wherever it appears.
    provisional: bool = False


class Timeframe(Strict):
    id: Id
    label: Text
    weeks: int | None = Field(default=None, ge=1, le=104)  # how far ahead, for its date
    months: int | None = Field(default=None, ge=1, le=36)

    @model_validator(mode="after")
    def _one_length(self) -> Timeframe:
        if (self.weeks is None) == (self.months is None):
            raise ValueError("a timeframe needs either weeks or months")
        return self


class Preferences(Strict):
    """Answers that sort and filter pointers (not scored)."""

    region_question: Id
    formats_question: Id
    format_matches: dict[Id, list[Format]]  # learning format option -> pointer formats
    budget_question: Id
    free_only_option: Id
    time_question: Id
    monthly_hours: dict[Id, float]  # learning time option -> hours a month it stands for


Curve = list[tuple[float, float]]


class Ranking(Strict):
    """How pointers and steps are ordered; every figure here is a tuning value."""

    category_order: list[Literal["qualification", "advice", "protection", "funding"]]
    # Days until a deadline -> relevance added to a pointer with that deadline, and
    # priority steps a step tied to it moves up (negative: down), piecewise linear.
    deadline_pointer_bonus: Curve
    deadline_step_shift: Curve
    format_match: float  # a learning pointer in a format the person wants
    format_mismatch: float  # a learning pointer in none of the formats the person wants
    free_only: dict[Literal["free", "paid", "varies", "subsidy"], float]
    # A learning pointer whose least effort exceeds this many months of the person's
    # stated learning time is moved down by ``effort_penalty``.
    effort_months: float = Field(gt=0)
    effort_penalty: float
    ended: float  # an offer past its announced end, shown with its 'ended' wording

    @model_validator(mode="after")
    def _curves_rise(self) -> Ranking:
        for name in ("deadline_pointer_bonus", "deadline_step_shift"):
            xs = [x for x, _ in getattr(self, name)]
            if len(xs) < 2 or xs != sorted(set(xs)):
                raise ValueError(f"{name}: needs at least two points with rising days")
        if sorted(set(self.category_order)) != sorted(
            ("qualification", "advice", "protection", "funding")
        ):
            raise ValueError("category_order must name each category once")
        return self


class PresentationSettings(Strict):
    """How much a person is shown first; the rest stays one click or page away."""

    concerns_shown: int = Field(ge=1, le=10)  # per dimension, what lowers it most
    strengths_shown: int = Field(ge=1, le=10)  # and what counts in the person's favour
    first_steps: int = Field(ge=1, le=5)
    pointers_first: int = Field(ge=1, le=30)
    advice_questions_first: int = Field(default=10, ge=1, le=40)  # in the report's core
    pointers_per_step: int = Field(default=3, ge=1, le=10)  # offers named with each step
    ends_soon_weeks: int = Field(ge=1, le=52)  # an offer's end is named this close to it
    # the self-rated DigComp areas, shown as a profile in the report's reference part
    digcomp_questions: list[Id] = Field(default_factory=list)
    next_check_months: int = Field(default=12, ge=1, le=36)  # the date suggested for the next check
    content_max_age_days: int = Field(ge=30, le=1000)  # older content is called old


class Lever(Strict):
    """One answer a person could change within realistic reach, to try in "what if" and to
    rank in "what would change the most": the values to try (a multi question: options
    to add), when it applies, and how to say it ({answer}: the new answer in words)."""

    question: Id
    to: list[float | str] = Field(min_length=1)
    when: Condition | None = None
    phrase: Text


class WhatIfSettings(Strict):
    questions: list[Id] = Field(min_length=1)  # offered in the "what if" panel
    levers: list[Lever] = Field(default_factory=list)
    shown: int = Field(default=3, ge=1, le=5)  # "what would change the most"


class GroupSettings(Strict):
    """The anonymised group report: how small a group or a count may be."""

    min_size: int = Field(ge=3)  # fewer valid files are refused
    min_count: int = Field(ge=2)  # smaller counts are withheld ("< 3")
    grid_bins: int = Field(ge=2, le=10)  # the heat map has this many cells per axis
    learning_steps: list[Id]  # steps of the plan that are learning
    topics_question: Id  # the learning topics people name
    pointers_shown: int = Field(ge=1, le=40)


class Scoring(Strict):
    dimensions: list[Dimension] = Field(min_length=1)
    map: MapSettings
    exposure: ExposureSettings
    situations: list[Situation] = Field(min_length=4, max_length=4)
    confidence: list[ConfidenceLevel] = Field(min_length=1)
    timeframes: list[Timeframe] = Field(min_length=1)
    max_actions: int = Field(default=10, ge=1, le=10)
    start_question: Id  # the month the self-employment started
    preferences: Preferences
    ranking: Ranking
    presentation: PresentationSettings
    group: GroupSettings
    what_if: WhatIfSettings

    @model_validator(mode="after")
    def _situations_cover_map(self) -> Scoring:
        corners = {(s.exposure, s.buffers) for s in self.situations}
        if len(corners) != 4:
            raise ValueError("situations must name each of the four corners of the map once")
        return self


class Questionnaire(Strict):
    id: Id
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    checked: dt.date
    title: Text
    option_sets: list[OptionSet] = Field(default_factory=list)
    task_kinds: list[TaskKind] = Field(min_length=2)
    sections: list[Section] = Field(min_length=1)
    scoring: Scoring

    @cached_property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for s in self.sections for q in s.questions}

    @cached_property
    def order(self) -> dict[str, int]:
        return {qid: i for i, qid in enumerate(self.questions)}

    @cached_property
    def section_of(self) -> dict[str, str]:
        return {q.id: s.id for s in self.sections for q in s.questions}

    @cached_property
    def option_cache(self) -> dict[str, tuple[Question, list[Option]]]:
        """The options of option-set questions made so far, by question id (see `options`)."""
        return {}

    def options(self, question: Question) -> list[Option]:
        """The options of a choice question with their points, wherever they are defined.

        For a question using an option set the options are copies carrying the question's
        points. Scoring, checking and every page refresh ask for them, so they are made once
        per question (the models are frozen) and kept; a question that is not this
        questionnaire's own object (a changed copy) gets fresh ones."""
        if question.options is not None:
            return question.options
        cached = self.option_cache.get(question.id)
        if cached is not None and cached[0] is question:
            return list(cached[1])
        option_set = next(s for s in self.option_sets if s.id == question.option_set)
        points = question.points or {}
        options = [
            o.model_copy(
                update={"points": {dim: pts[o.id] for dim, pts in points.items() if o.id in pts}}
            )
            for o in option_set.options
        ]
        if self.questions.get(question.id) is question:
            self.option_cache[question.id] = (question, options)
        return list(options)

    @cached_property
    def dimensions(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.scoring.dimensions}

    @cached_property
    def task_kind_map(self) -> dict[str, TaskKind]:
        return {k.id: k for k in self.task_kinds}

    def kinds_of(self, question: Question) -> list[TaskKind]:
        ids = question.kinds or [k.id for k in self.task_kinds]
        return [self.task_kind_map[i] for i in ids]

    @cached_property
    def dimension_cache(self) -> dict[str, frozenset[str]]:
        """The dimensions of this questionnaire's own questions, by id (see `dimensions_of`)."""
        return {}

    def dimensions_of(self, question: Question) -> set[str]:
        """The dimensions a question feeds. Scoring asks for every visible question on each
        change, so the answer for this questionnaire's own questions is kept."""
        own = self.questions.get(question.id) is question
        if own and question.id in self.dimension_cache:
            return set(self.dimension_cache[question.id])
        dims = self._dimensions_of(question)
        if own:
            self.dimension_cache[question.id] = frozenset(dims)
        return dims

    def _dimensions_of(self, question: Question) -> set[str]:
        dims: set[str] = set()
        if question.type in ("single", "multi", "scale"):
            for option in self.options(question):
                dims.update(option.points)
        dims.update((question.curve or {}).keys())
        exposure = self.scoring.exposure
        if question.id in (exposure.occupation_question, exposure.allocation_question):
            dims.update(d.id for d in self.scoring.dimensions if d.method == "exposure")
        return dims


# --------------------------------------------------------------------------- occupations

IloClass = Literal[
    "Not Exposed",
    "Minimal Exposure",
    "Exposed: Gradient 1",
    "Exposed: Gradient 2",
    "Exposed: Gradient 3",
    "Exposed: Gradient 4",
]


class Occupation(Strict):
    id: Id
    group: Id
    title: Text
    synonyms: Text | None = None  # comma-separated words a person would type, per language
    isco08: str = Field(pattern=r"^\d{4}$")
    ilo_title: str
    ilo_score: float = Field(ge=0, le=1)  # ILO 2025 mean exposure score of the ISCO unit group
    ilo_class: IloClass
    tags: list[Id] = Field(default_factory=list)
    note: str | None = None  # why this ISCO group was chosen, for maintainers

    def search_terms(self, lang: Lang) -> list[str]:
        words = [self.title.get(lang)]
        if self.synonyms:
            words += [w.strip() for w in self.synonyms.get(lang).split(",") if w.strip()]
        return words


class OccupationGroup(Strict):
    id: Id
    title: Text


class Source(Strict):
    citation: str
    doi: str | None = None
    licence: str
    adaptation_notice: Text
    retrieved_from: str


class Occupations(Strict):
    source: Source
    checked: dt.date
    groups: list[OccupationGroup] = Field(min_length=1)
    occupations: list[Occupation] = Field(min_length=1)

    @cached_property
    def by_id(self) -> dict[str, Occupation]:
        return {o.id: o for o in self.occupations}

    def search(self, query: str, lang: Lang, limit: int = 20) -> list[Occupation]:
        """Occupations whose title or synonyms contain the query (case- and umlaut-tolerant),
        titles that start with it first. Umlauts and ß may be typed, spelt out or left off:
        "Übersetzer", "Uebersetzer" and "Ubersetzer" find the same, as do "Straßen" and
        "Strassen"."""
        needle = _fold(query)
        if not needle:
            return []
        # _fold spells umlauts out (ü -> ue), so a vowel typed without its umlaut matches with
        # or without the e that follows it: "ubersetzer" finds "uebersetzer". Only the query
        # gets the optional e, so whatever was typed still matches itself.
        pattern = re.compile("".join(re.escape(c) + ("e?" if c in "aou" else "") for c in needle))
        ranked: list[tuple[int, str, Occupation]] = []
        for occ in self.occupations:
            best = None
            for lg in (lang, "en" if lang == "de" else "de"):
                for i, term in enumerate(occ.search_terms(lg)):
                    found = pattern.search(_fold(term))
                    if found:
                        rank = (0 if found.start() == 0 else 1) + (0 if i == 0 else 2)
                        rank += 0 if lg == lang else 4
                        best = rank if best is None else min(best, rank)
            if best is not None:
                ranked.append((best, occ.title.get(lang), occ))
        ranked.sort(key=lambda r: (r[0], r[1]))
        return [occ for _, _, occ in ranked[:limit]]


def _fold(text: str) -> str:
    """Text as the occupation search compares it: case, gender marks (*, :) and runs of
    spaces ignored, umlauts spelt out (ä -> ae) and ß as ss, whether typed or in a title."""
    text = text.casefold().strip()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("*", ""), (":", "")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text)


# --------------------------------------------------------------------------- pointers

Category = Literal["qualification", "advice", "protection", "funding"]
CostKind = Literal["free", "paid", "varies", "subsidy"]
DEADLINE_STATES = ("open", "uncertain", "passed", "unknown")
STATES = (
    "bw",
    "by",
    "be",
    "bb",
    "hb",
    "hh",
    "he",
    "mv",
    "ni",
    "nw",
    "rp",
    "sl",
    "sn",
    "st",
    "sh",
    "th",
)


class Deadline(Strict):
    """A period that starts with the self-employment, e.g. 3 months to apply."""

    id: Id
    months: int = Field(ge=1, le=120)
    name: Text
    hard: bool = False  # after it, applying is no longer possible at all
    # When it applies, if not to everyone it is shown to ("if you are compulsorily
    # insured"): the list of dates says so beside the name.
    applies: Text | None = None
    source: str


class DeadlineTexts(Strict):
    open: Text
    uncertain: Text
    passed: Text | None = None  # None: the pointer is not shown once the period has passed
    ask_passed: Text | None = None  # a question for the advice talk once it has passed


class AdviceGroup(Strict):
    """Who answers a question for the advice conversation (DRV, health insurer, ...)."""

    id: Id
    name: Text


class Pointer(Strict):
    id: PointerId
    advice_group: Id  # who answers its advice questions
    category: Category
    title: Text
    provider: Text
    offers: Text
    formats: list[Format] = Field(min_length=1)
    cost: Text
    cost_kind: CostKind
    regions: list[Literal[STATES]] = Field(default_factory=list)  # type: ignore[valid-type]
    url: HttpsUrl
    # When it is shown; each branch carries the reason it gives the person (see
    # Condition.reason). ``why`` adds a sentence that is true for everyone it reaches.
    rule: Condition
    why: Text | None = None
    deadline: Id | None = None
    why_deadline: DeadlineTexts | None = None
    weight: int = Field(ge=1, le=10)
    advice_question: Text | None = None  # a question to raise in the advice conversation
    min_hours: float | None = Field(default=None, gt=0)  # the least time it takes, in hours
    # An announced end (e.g. a funding period). After it the pointer is not shown, or,
    # with ``ended``, shown with that wording, which stays true whether or not it runs on.
    valid_until: dt.date | None = None
    ended: Text | None = None
    source: str = Field(min_length=5)
    checked: dt.date

    @model_validator(mode="after")
    def _deadline_texts(self) -> Pointer:
        if (self.deadline is None) != (self.why_deadline is None):
            raise ValueError("'deadline' and 'why_deadline' go together")
        if self.ended is not None and self.valid_until is None:
            raise ValueError("'ended' needs 'valid_until'")
        return self


class Action(Strict):
    """One step of the plan: what to do (true for everyone it reaches), with whom, the
    first concrete move, and the rule whose matched branches say why for this person."""

    id: Id
    advice_group: Id  # who answers the questions its branches raise
    title: Text
    advice: Text
    with_whom: Text
    first_move: Text
    timeframe: Id
    priority: int = Field(ge=1, le=100)  # 1 comes first
    rule: Condition
    pointers: list[PointerId] = Field(default_factory=list)
    deadline: Id | None = None  # a step tied to a deadline shows its date
    why_deadline: DeadlineTexts | None = None
    valid_until: dt.date | None = None
    source: str | None = None
    checked: dt.date

    @model_validator(mode="after")
    def _deadline_texts(self) -> Action:
        if self.why_deadline is not None and self.deadline is None:
            raise ValueError("'why_deadline' needs 'deadline'")
        return self


ProtectionStateId = Literal["covered", "gap", "unclear", "deadline", "not_relevant"]


class ProtectionState(Strict):
    state: ProtectionStateId
    rule: Condition
    deadline: Id | None = None  # the date a "deadline" state names
    ask: Text | None = None  # the question to ask in this state (else the row's)


class ProtectionRow(Strict):
    """One part of the safety net in the overview: its state for this person (the first
    state whose rule matches; "unclear" when none does), the person's own answers and
    the question to ask."""

    id: Id
    label: Text
    answers: list[Id] = Field(min_length=1)
    advice_group: Id
    ask: Text
    states: list[ProtectionState] = Field(min_length=1)
    source: str
    checked: dt.date

    @model_validator(mode="after")
    def _deadline_states(self) -> ProtectionRow:
        for state in self.states:
            if (state.state == "deadline") != (state.deadline is not None):
                raise ValueError("a 'deadline' state names its deadline, and only it does")
        return self


class Pointers(Strict):
    checked: dt.date
    deadlines: list[Deadline] = Field(default_factory=list)
    advice_groups: list[AdviceGroup] = Field(min_length=1)
    pointers: list[Pointer] = Field(min_length=1)
    actions: list[Action] = Field(min_length=1)
    protection: list[ProtectionRow] = Field(default_factory=list)

    @cached_property
    def by_id(self) -> dict[str, Pointer]:
        return {p.id: p for p in self.pointers}

    @cached_property
    def action_by_id(self) -> dict[str, Action]:
        return {a.id: a for a in self.actions}

    @cached_property
    def deadline_by_id(self) -> dict[str, Deadline]:
        return {d.id: d for d in self.deadlines}


# --------------------------------------------------------------------------- texts


class Texts(BaseModel):
    """UI, CLI and report strings by dotted key; also the method description."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    entries: dict[str, Text]

    def get(self, key: str, lang: Lang, **params: Any) -> str:
        text = self.entries[key].get(lang)
        return text.format(**params) if params else text


# --------------------------------------------------------------------------- loading


class ContentError(Exception):
    """Content did not validate; ``problems`` holds one ``file: path: message`` per line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class Content(BaseModel):
    model_config = ConfigDict(frozen=True)
    questionnaire: Questionnaire
    occupations: Occupations
    pointers: Pointers
    texts: Texts

    @property
    def checked(self) -> dt.date:
        """When the content as a whole was last checked: the oldest 'checked' date of its
        files, pointers and steps, so that no part is older than it says."""
        dates = [self.questionnaire.checked, self.occupations.checked, self.pointers.checked]
        dates += [p.checked for p in self.pointers.pointers]
        dates += [a.checked for a in self.pointers.actions]
        return min(dates)


FILES = {
    "questionnaire": "questionnaire.toml",
    "occupations": "occupations.toml",
    "pointers": "pointers.toml",
}
MODELS: dict[str, type[BaseModel]] = {
    "questionnaire": Questionnaire,
    "occupations": Occupations,
    "pointers": Pointers,
}


def _loc(parts: Iterable[Any], data: Any) -> str:
    """A dotted path that names list items by their id where they have one."""
    out: list[str] = []
    node = data
    for part in parts:
        if isinstance(part, int) and isinstance(node, list):
            item = node[part] if part < len(node) else None
            label = item.get("id") if isinstance(item, dict) else None
            out.append(f"{part}({label})" if label else str(part))
            node = item
        else:
            out.append(str(part).rstrip("_"))
            node = node.get(part) if isinstance(node, dict) else None
    return ".".join(out)


def _model_problems(file: str, exc: ValidationError, data: Any) -> list[str]:
    problems = []
    for err in exc.errors():
        loc = [p for p in err["loc"] if not (isinstance(p, str) and "[" in p)]
        where = _loc(loc, data) or "(top)"
        problems.append(f"{file}: {where}: {err['msg']}")
    return problems


def _read_toml(path: Path, file: str, problems: list[str]) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        problems.append(f"{file}: (file): missing")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(f"{file}: (file): not valid TOML: {exc}")
    except OSError as exc:
        problems.append(f"{file}: (file): cannot be read: {exc.strerror or exc}")
    return None


def _load_texts(folder: Path, problems: list[str]) -> Texts | None:
    entries: dict[str, Any] = {}
    where: dict[str, str] = {}
    ok = True
    for file in TEXT_FILES:
        data = _read_toml(folder / file, file, problems)
        if data is None:
            ok = False
            continue
        for key, value in flatten_texts(data):
            if key in where:
                problems.append(f"{file}: {key}: already defined in {where[key]}")
                ok = False
            where[key] = file
            entries[key] = value
    try:
        texts = Texts(entries=entries)
    except ValidationError as exc:
        for err in exc.errors():
            key = err["loc"][1] if len(err["loc"]) > 1 else "(top)"
            rest = ".".join(str(p) for p in err["loc"][2:])
            field = f"{key}.{rest}" if rest else str(key)
            problems.append(f"{where.get(str(key), TEXT_FILES[0])}: {field}: {err['msg']}")
        return None
    return texts if ok else None


def load_content(folder: Path | None = None) -> Content:
    """Load and cross-check every content file; raise ContentError listing all problems."""
    if folder is None:
        from .paths import resources_dir

        folder = resources_dir()
    problems: list[str] = []
    parsed: dict[str, Any] = {}
    for name, file in FILES.items():
        data = _read_toml(folder / file, file, problems)
        if data is None:
            continue
        try:
            parsed[name] = MODELS[name].model_validate(data)
        except ValidationError as exc:
            problems += _model_problems(file, exc, data)
    texts = _load_texts(folder, problems)
    if texts is not None:
        parsed["texts"] = texts
    if problems:
        raise ContentError(problems)
    from .checks import cross_check

    content = Content(**parsed)
    problems = list(cross_check(content))
    if problems:
        raise ContentError(problems)
    return content
