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

    @model_validator(mode="after")
    def _one_head(self) -> Condition:
        heads = [
            name
            for name in ("all", "any", "not_", "question", "dimension", "situation", "fact")
            if getattr(self, name) is not None
        ]
        if len(heads) != 1:
            raise ValueError(
                "a condition needs exactly one of all, any, not, question, dimension, "
                f"situation, fact (found {[h.rstrip('_') for h in heads] or 'none'})"
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
        for child in (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else []):
            yield from child.walk()


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
    max_length: int | None = Field(default=None, ge=1, le=20_000)
    kinds: list[Id] | None = None  # allocation: the task kinds offered (default: all)

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


class Dimension(Strict):
    id: Id
    name: Text
    short: Text  # one line: what this dimension measures
    method: Literal["points", "exposure"] = "points"
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
    allocation_question: Id
    occupation_weight: float = Field(ge=0, le=1)
    market_min: float = Field(le=0)
    market_max: float = Field(ge=0)


class ConfidenceLevel(Strict):
    id: Id
    min_share: float = Field(ge=0, le=1)
    label: Text


class Timeframe(Strict):
    id: Id
    label: Text


class Preferences(Strict):
    """Answers that sort and filter pointers (not scored)."""

    region_question: Id
    formats_question: Id
    format_matches: dict[Id, list[Format]]  # learning format option -> pointer formats
    budget_question: Id
    free_only_option: Id


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

    def options(self, question: Question) -> list[Option]:
        """The options of a choice question with their points, wherever they are defined."""
        if question.options is not None:
            return question.options
        option_set = next(s for s in self.option_sets if s.id == question.option_set)
        points = question.points or {}
        return [
            o.model_copy(
                update={"points": {dim: pts[o.id] for dim, pts in points.items() if o.id in pts}}
            )
            for o in option_set.options
        ]

    @cached_property
    def dimensions(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.scoring.dimensions}

    @cached_property
    def task_kind_map(self) -> dict[str, TaskKind]:
        return {k.id: k for k in self.task_kinds}

    def kinds_of(self, question: Question) -> list[TaskKind]:
        ids = question.kinds or [k.id for k in self.task_kinds]
        return [self.task_kind_map[i] for i in ids]

    def dimensions_of(self, question: Question) -> set[str]:
        """The dimensions a question feeds."""
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
        """Occupations whose title or synonyms contain the query (case- and accent-tolerant),
        titles that start with it first."""
        needle = _fold(query)
        if not needle:
            return []
        ranked: list[tuple[int, str, Occupation]] = []
        for occ in self.occupations:
            best = None
            for lg in (lang, "en" if lang == "de" else "de"):
                for i, term in enumerate(occ.search_terms(lg)):
                    folded = _fold(term)
                    if needle in folded:
                        rank = (0 if folded.startswith(needle) else 1) + (0 if i == 0 else 2)
                        rank += 0 if lg == lang else 4
                        best = rank if best is None else min(best, rank)
            if best is not None:
                ranked.append((best, occ.title.get(lang), occ))
        ranked.sort(key=lambda r: (r[0], r[1]))
        return [occ for _, _, occ in ranked[:limit]]


def _fold(text: str) -> str:
    text = text.casefold().strip()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("*", ""), (":", "")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text)


# --------------------------------------------------------------------------- pointers

Category = Literal["qualification", "advice", "protection", "funding"]
CostKind = Literal["free", "paid", "varies", "subsidy"]
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
    source: str


class DeadlineTexts(Strict):
    open: Text
    uncertain: Text
    passed: Text | None = None  # None: the pointer is not shown once the period has passed


class Pointer(Strict):
    id: PointerId
    category: Category
    title: Text
    provider: Text
    offers: Text
    formats: list[Format] = Field(min_length=1)
    cost: Text
    cost_kind: CostKind
    regions: list[Literal[STATES]] = Field(default_factory=list)  # type: ignore[valid-type]
    url: HttpsUrl
    rule: Condition
    why: Text
    deadline: Id | None = None
    why_deadline: DeadlineTexts | None = None
    weight: int = Field(ge=1, le=10)
    advice_question: Text | None = None  # a question to raise in the advice conversation
    source: str = Field(min_length=5)
    checked: dt.date

    @model_validator(mode="after")
    def _deadline_texts(self) -> Pointer:
        if (self.deadline is None) != (self.why_deadline is None):
            raise ValueError("'deadline' and 'why_deadline' go together")
        return self


class Action(Strict):
    id: Id
    title: Text
    reason: Text
    timeframe: Id
    priority: int = Field(ge=1, le=100)  # 1 comes first
    rule: Condition
    pointers: list[PointerId] = Field(default_factory=list)


class Pointers(Strict):
    checked: dt.date
    deadlines: list[Deadline] = Field(default_factory=list)
    pointers: list[Pointer] = Field(min_length=1)
    actions: list[Action] = Field(min_length=1)

    @cached_property
    def by_id(self) -> dict[str, Pointer]:
        return {p.id: p for p in self.pointers}


# --------------------------------------------------------------------------- texts


class Texts(BaseModel):
    """UI, CLI and report strings by dotted key; also the method description."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    entries: dict[str, Text]

    def get(self, key: str, lang: Lang, **params: Any) -> str:
        text = self.entries[key].get(lang)
        return text.format(**params) if params else text

    def keys_under(self, prefix: str) -> list[str]:
        return [k for k in self.entries if k.startswith(prefix + ".")]


def _flatten_texts(data: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and not ({"de", "en"} & value.keys()):
            yield from _flatten_texts(value, path)
        else:
            yield path, value


# --------------------------------------------------------------------------- loading


class ContentError(Exception):
    """Content did not validate; ``problems`` holds one ``file: path: message`` per line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class Content(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    questionnaire: Questionnaire
    occupations: Occupations
    pointers: Pointers
    texts: Texts

    @property
    def checked(self) -> dt.date:
        """The newest 'checked' date across the content."""
        return max(self.questionnaire.checked, self.occupations.checked, self.pointers.checked)


FILES = {
    "questionnaire": "questionnaire.toml",
    "occupations": "occupations.toml",
    "pointers": "pointers.toml",
    "texts": "texts.toml",
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
    return None


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
        if name == "texts":
            entries = dict(_flatten_texts(data))
            try:
                parsed[name] = Texts(entries=entries)
            except ValidationError as exc:
                for err in exc.errors():
                    key = err["loc"][1] if len(err["loc"]) > 1 else "(top)"
                    rest = ".".join(str(p) for p in err["loc"][2:])
                    where = f"{key}.{rest}" if rest else str(key)
                    problems.append(f"{file}: {where}: {err['msg']}")
            continue
        try:
            parsed[name] = MODELS[name].model_validate(data)
        except ValidationError as exc:
            problems += _model_problems(file, exc, data)
    if problems:
        raise ContentError(problems)
    content = Content(**parsed)
    problems = list(cross_check(content))
    if problems:
        raise ContentError(problems)
    return content


# --------------------------------------------------------------------------- cross-checks

REQUIRED_TEXT_KEYS = (
    "common.prefer_not_to_say",
    "common.not_answered",
    "method.title",
)


def cross_check(content: Content) -> Iterator[str]:
    """Problems no single model can see: ids, references, order, reachability."""
    yield from _check_questionnaire(content)
    yield from _check_occupations(content)
    yield from _check_pointers(content)
    for key in REQUIRED_TEXT_KEYS:
        if key not in content.texts.entries:
            yield f"texts.toml: {key}: missing"


def _dupes(ids: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    dupes: set[str] = set()
    for i in ids:
        (dupes if i in seen else seen).add(i)
    return dupes


def _check_questionnaire(content: Content) -> Iterator[str]:
    q = content.questionnaire
    f = "questionnaire.toml"
    all_ids = [qu.id for s in q.sections for qu in s.questions]
    for d in sorted(_dupes(all_ids)):
        yield f"{f}: sections: question id '{d}' is used more than once"
    for d in sorted(_dupes(s.id for s in q.sections)):
        yield f"{f}: sections: section id '{d}' is used more than once"
    for d in sorted(_dupes(k.id for k in q.task_kinds)):
        yield f"{f}: task_kinds: id '{d}' is used more than once"
    for d in sorted(_dupes(o.id for o in q.option_sets)):
        yield f"{f}: option_sets: id '{d}' is used more than once"
    for d in sorted(_dupes(d.id for d in q.scoring.dimensions)):
        yield f"{f}: scoring.dimensions: id '{d}' is used more than once"
    dims = set(q.dimensions)
    sets = {o.id: o for o in q.option_sets}
    kinds = set(q.task_kind_map)
    order = {qid: i for i, qid in enumerate(all_ids)}
    questions = q.questions
    for si, section in enumerate(q.sections):
        for qi, question in enumerate(section.questions):
            where = f"{f}: sections.{si}({section.id}).questions.{qi}({question.id})"
            if question.option_set:
                if question.option_set not in sets:
                    yield f"{where}.option_set: unknown option set '{question.option_set}'"
                    continue
                set_ids = {o.id for o in sets[question.option_set].options}
                for dim, pts in (question.points or {}).items():
                    for oid in pts:
                        if oid not in set_ids:
                            yield f"{where}.points.{dim}: unknown option '{oid}'"
            options = q.options(question) if question.type in ("single", "multi", "scale") else []
            for option in options:
                for dim in option.points:
                    if dim not in dims:
                        yield f"{where}.options.{option.id}.points: unknown dimension '{dim}'"
            for dim in question.points or {}:
                if dim not in dims:
                    yield f"{where}.points: unknown dimension '{dim}'"
            for dim in question.curve or {}:
                if dim not in dims:
                    yield f"{where}.curve: unknown dimension '{dim}'"
            if question.type == "text" and q.dimensions_of(question):
                yield f"{where}: free text is never scored"
            if question.type != "multi" and any(o.exclusive for o in options):
                yield f"{where}: 'exclusive' options belong to multi questions"
            for kind in question.kinds or []:
                if kind not in kinds:
                    yield f"{where}.kinds: unknown task kind '{kind}'"
            if question.show_if:
                for problem in _check_condition(
                    content, question.show_if, before=order[question.id], allow_scores=False
                ):
                    yield f"{where}.show_if: {problem}"
    exp = q.scoring.exposure
    for name, want in (
        ("occupation_question", "occupation"),
        ("allocation_question", "allocation"),
    ):
        qid = getattr(exp, name)
        if qid not in questions:
            yield f"{f}: scoring.exposure.{name}: unknown question '{qid}'"
        elif questions[qid].type != want:
            yield f"{f}: scoring.exposure.{name}: '{qid}' is not an {want} question"
    start = q.scoring.start_question
    if start not in questions or questions[start].type != "month":
        yield f"{f}: scoring.start_question: '{start}' is not a month question"
    prefs = q.scoring.preferences
    for name, want in (
        ("region_question", "single"),
        ("formats_question", "multi"),
        ("budget_question", "single"),
    ):
        qid = getattr(prefs, name)
        if qid not in questions or questions[qid].type != want:
            yield f"{f}: scoring.preferences.{name}: '{qid}' is not a {want} question"
    if prefs.formats_question in questions:
        format_ids = {o.id for o in q.options(questions[prefs.formats_question])}
        for option in prefs.format_matches:
            if option not in format_ids:
                yield f"{f}: scoring.preferences.format_matches: unknown option '{option}'"
    if prefs.budget_question in questions:
        budget_ids = {o.id for o in q.options(questions[prefs.budget_question])}
        if prefs.free_only_option not in budget_ids:
            yield f"{f}: scoring.preferences.free_only_option: unknown option"
    if prefs.region_question in questions:
        for o in q.options(questions[prefs.region_question]):
            if o.id not in STATES and o.id != "abroad":
                yield f"{f}: scoring.preferences.region_question: '{o.id}' is not a state id"
    if not any(d.method == "exposure" for d in q.scoring.dimensions):
        yield f"{f}: scoring.dimensions: one dimension needs method 'exposure'"
    for name in ("exposure", "buffers"):
        if name not in dims:
            yield f"{f}: scoring.dimensions: the map needs a dimension '{name}'"
    tf = [t.id for t in q.scoring.timeframes]
    for d in sorted(_dupes(tf)):
        yield f"{f}: scoring.timeframes: id '{d}' is used more than once"
    for dim in q.scoring.dimensions:
        if not any(dim.id in q.dimensions_of(qu) for qu in questions.values()):
            yield f"{f}: scoring.dimensions.{dim.id}: no question feeds this dimension"


def _check_occupations(content: Content) -> Iterator[str]:
    occ = content.occupations
    f = "occupations.toml"
    for d in sorted(_dupes(o.id for o in occ.occupations)):
        yield f"{f}: occupations: id '{d}' is used more than once"
    if "other" in occ.by_id:
        yield f"{f}: occupations: the id 'other' is reserved for the free-text path"
    groups = {g.id for g in occ.groups}
    for i, o in enumerate(occ.occupations):
        if o.group not in groups:
            yield f"{f}: occupations.{i}({o.id}).group: unknown group '{o.group}'"


def _check_pointers(content: Content) -> Iterator[str]:
    p = content.pointers
    f = "pointers.toml"
    for d in sorted(_dupes(x.id for x in p.pointers)):
        yield f"{f}: pointers: id '{d}' is used more than once"
    for d in sorted(_dupes(x.id for x in p.actions)):
        yield f"{f}: actions: id '{d}' is used more than once"
    deadlines = {d.id for d in p.deadlines}
    timeframes = {t.id for t in content.questionnaire.scoring.timeframes}
    end = len(content.questionnaire.questions)
    for i, ptr in enumerate(p.pointers):
        where = f"{f}: pointers.{i}({ptr.id})"
        if ptr.deadline and ptr.deadline not in deadlines:
            yield f"{where}.deadline: unknown deadline '{ptr.deadline}'"
        problems = list(_check_condition(content, ptr.rule, before=end, allow_scores=True))
        yield from (f"{where}.rule: {m}" for m in problems)
        if not problems and not satisfiable(content, ptr.rule):
            yield f"{where}.rule: no set of answers can make this rule true"
    for i, act in enumerate(p.actions):
        where = f"{f}: actions.{i}({act.id})"
        if act.timeframe not in timeframes:
            yield f"{where}.timeframe: unknown timeframe '{act.timeframe}'"
        for ref in act.pointers:
            if ref not in p.by_id:
                yield f"{where}.pointers: unknown pointer '{ref}'"
        problems = list(_check_condition(content, act.rule, before=end, allow_scores=True))
        yield from (f"{where}.rule: {m}" for m in problems)
        if not problems and not satisfiable(content, act.rule):
            yield f"{where}.rule: no set of answers can make this rule true"


FACTS = ("months_self_employed", "occupation", "occupation_group", "occupation_tags", "ilo_class")


def _check_condition(
    content: Content, cond: Condition, before: int, allow_scores: bool
) -> Iterator[str]:
    q = content.questionnaire
    for node in cond.walk():
        if node.question is not None:
            question = q.questions.get(node.question)
            if question is None:
                yield f"unknown question '{node.question}'"
                continue
            if q.order[node.question] >= before:
                yield f"refers to '{node.question}', which does not come before it"
            yield from _check_question_test(content, node, question)
        elif node.dimension is not None:
            if not allow_scores:
                yield "conditions on questions may only refer to earlier answers"
            elif node.dimension not in q.dimensions:
                yield f"unknown dimension '{node.dimension}'"
            elif node.band and node.band not in {b.id for b in q.dimensions[node.dimension].bands}:
                yield f"unknown band '{node.band}' of '{node.dimension}'"
        elif node.situation is not None:
            if not allow_scores:
                yield "conditions on questions may only refer to earlier answers"
            elif node.situation not in {s.id for s in q.scoring.situations}:
                yield f"unknown situation '{node.situation}'"
        elif node.fact is not None:
            if not allow_scores:
                yield "conditions on questions may only refer to earlier answers"
            yield from _check_fact(content, node)


def _check_question_test(content: Content, node: Condition, question: Question) -> Iterator[str]:
    q = content.questionnaire
    t = question.type
    values = [v for v in ([node.is_] if node.is_ else []) + (node.in_ or [])]
    if node.includes:
        values.append(node.includes)
    if values:
        if t in ("single", "multi", "scale"):
            ids = {o.id for o in q.options(question)}
        elif t == "occupation":
            ids = set(content.occupations.by_id) | {"other"}
        else:
            yield f"'{question.id}' is a {t} question: use min/max or answered"
            return
        for v in values:
            if v not in ids:
                yield f"'{question.id}' has no option '{v}'"
        if node.includes and t != "multi":
            yield f"'includes' needs a multi question, '{question.id}' is {t}"
        if (node.is_ or node.in_) and t == "multi":
            yield f"'{question.id}' is a multi question: use includes"
    if node.share_of is not None:
        if t != "allocation":
            yield f"'share_of' needs an allocation question, '{question.id}' is {t}"
        elif node.share_of not in {k.id for k in q.kinds_of(question)}:
            yield f"'{question.id}' has no task kind '{node.share_of}'"
    elif (node.min is not None or node.max is not None) and t != "number":
        yield f"min/max need a number question, '{question.id}' is {t}"


def _check_fact(content: Content, node: Condition) -> Iterator[str]:
    name = node.fact or ""
    if name.startswith("deadline."):
        if name.removeprefix("deadline.") not in {d.id for d in content.pointers.deadlines}:
            yield f"unknown deadline in fact '{name}'"
        for v in ([node.is_] if node.is_ else []) + (node.in_ or []):
            if v not in DEADLINE_STATES:
                yield f"deadline state '{v}' is not one of {list(DEADLINE_STATES)}"
        return
    if name not in FACTS:
        yield f"unknown fact '{name}'"
        return
    occ = content.occupations
    known = {
        "occupation": set(occ.by_id) | {"other"},
        "occupation_group": {g.id for g in occ.groups},
        "occupation_tags": {t for o in occ.occupations for t in o.tags},
        "ilo_class": set(IloClass.__args__),
    }.get(name)
    for v in (
        ([node.is_] if node.is_ else [])
        + (node.in_ or [])
        + ([node.includes] if node.includes else [])
    ):
        if known is not None and v not in known:
            yield f"'{v}' is not a known value of fact '{name}'"


DEADLINE_STATES = ("open", "uncertain", "passed", "unknown")


# --------------------------------------------------------------------------- reachability

# A literal is an atom and whether it is negated; a conjunction is a list of literals.
Lit = tuple[Condition, bool]


def satisfiable(content: Content, cond: Condition) -> bool:
    """Whether some answers (together with some scores) make the condition true.

    The condition is put into disjunctive normal form, each conjunction adds the
    show_if conditions of the questions it needs answered, and a conjunction is
    satisfiable when, per question, fact and dimension, its tests can hold together.
    """
    return witness(content, cond) is not None


def witness(content: Content, cond: Condition) -> list[Lit] | None:
    """One conjunction of literals that makes ``cond`` true and can hold, or None."""
    for conj in _dnf(cond, negate=False):
        closed = _with_visibility(content, conj)
        if closed is not None:
            return closed
    return None


def _dnf(cond: Condition, negate: bool) -> list[list[Lit]]:
    if cond.not_ is not None:
        return _dnf(cond.not_, not negate)
    if cond.all is not None or cond.any is not None:
        children = cond.all if cond.all is not None else cond.any
        conjunctive = (cond.all is not None) != negate
        parts = [_dnf(c, negate) for c in children or []]
        if conjunctive:
            out: list[list[Lit]] = [[]]
            for part in parts:
                out = [a + b for a in out for b in part][:512]
            return out
        return [conj for part in parts for conj in part]
    if not negate:
        return [[(cond, False)]]
    if cond.question is not None:
        if cond.answered is not None:
            return [[(Condition(question=cond.question, answered=not cond.answered), False)]]
        # not (answered and test) = not answered, or answered and the test fails
        return [
            [(Condition(question=cond.question, answered=False), False)],
            [(cond, True)],
        ]
    return [[(cond, True)]]


def _needs_answer(lit: Lit) -> bool:
    atom, negated = lit
    return atom.question is not None and (negated or atom.answered is not False)


def _with_visibility(content: Content, conj: list[Lit]) -> list[Lit] | None:
    """Add the show_if conditions of every question the conjunction needs answered,
    choosing for each a way that stays consistent; None if there is none."""
    q = content.questionnaire
    if not _consistent(content, conj):
        return None
    pending = sorted({a.question for a, n in conj if _needs_answer((a, n))}, key=q.order.get)
    return _close(content, list(conj), pending, set())


def _close(content: Content, result: list[Lit], pending: list[str], seen: set[str]):
    q = content.questionnaire
    while pending:
        qid = pending.pop()
        if qid in seen or qid not in q.questions:
            continue
        seen = seen | {qid}
        show_if = q.questions[qid].show_if
        if show_if is None:
            continue
        for option in _dnf(show_if, negate=False):
            candidate = result + option
            if _consistent(content, candidate):
                more = [a.question for a, n in option if _needs_answer((a, n))]
                closed = _close(content, candidate, pending + more, seen)
                if closed is not None:
                    return closed
        return None
    return result


def _consistent(content: Content, lits: list[Lit]) -> bool:
    """Whether all literals can hold at the same time."""
    groups: dict[tuple[str, str], list[Lit]] = {}
    for atom, negated in lits:
        if atom.question:
            key = ("q", atom.question + (f"/{atom.share_of}" if atom.share_of else ""))
            if atom.share_of or atom.answered is None:  # a value test implies an answer
                groups.setdefault(("q", atom.question), []).append(
                    (Condition(question=atom.question, answered=True), False)
                )
        elif atom.fact:
            key = ("f", atom.fact)
        elif atom.dimension:
            key = ("d", atom.dimension)
        else:
            key = ("s", "situation")
        groups.setdefault(key, []).append((atom, negated))
    return all(_group_consistent(content, kind, name, g) for (kind, name), g in groups.items())


def _group_consistent(content: Content, kind: str, name: str, group: list[Lit]) -> bool:
    q = content.questionnaire
    positive = [a for a, n in group if not n]
    negated = [a for a, n in group if n]
    if kind == "s":
        names = {a.situation for a in positive}
        return len(names) <= 1 and not (names & {a.situation for a in negated})
    answered = {a.answered for a in positive if a.answered is not None}
    if len(answered) > 1:
        return False
    allowed: set[str] | None = None
    question = q.questions.get(name.split("/")[0]) if kind == "q" else None
    if question is not None and "/" not in name:
        if question.type in ("single", "scale"):
            allowed = {o.id for o in q.options(question)}
        elif question.type == "occupation":
            allowed = set(content.occupations.by_id) | {"other"}
    if kind == "f" and name.startswith("deadline."):
        allowed = set(DEADLINE_STATES)
    for a in positive:
        vals = ({a.is_} if a.is_ else set()) | set(a.in_ or [])
        if vals:
            allowed = vals if allowed is None else allowed & vals
    for a in negated:
        vals = ({a.is_} if a.is_ else set()) | set(a.in_ or [])
        if vals and allowed is not None:
            allowed = allowed - vals
    if allowed is not None and not allowed:
        return False
    includes = {a.includes for a in positive if a.includes}
    if includes & {a.includes for a in negated if a.includes}:
        return False
    if question is not None and question.type == "multi" and len(includes) > 1:
        options = {o.id: o for o in q.options(question)}
        if any(options[i].exclusive for i in includes if i in options):
            return False
    lo, hi, lo_open, hi_open = float("-inf"), float("inf"), False, False
    for a in positive:
        if a.min is not None and a.min >= lo:
            lo, lo_open = a.min, False
        if a.max is not None and a.max <= hi:
            hi, hi_open = a.max, False
    for a in negated:  # the negation of a one-sided bound is the other side, open
        if a.min is not None and a.max is None and a.min <= hi:
            hi, hi_open = a.min, True
        if a.max is not None and a.min is None and a.max >= lo:
            lo, lo_open = a.max, True
    if question is not None and question.type == "number":
        lo, hi = max(lo, question.min or 0.0), min(hi, question.max or 0.0)
    if question is not None and question.type == "allocation":
        lo, hi = max(lo, 0.0), min(hi, 100.0)
    if kind == "d":
        lo, hi = max(lo, 0.0), min(hi, 100.0)
        bands = {a.band for a in positive if a.band}
        if len(bands) > 1 or bands & {a.band for a in negated if a.band}:
            return False
        if bands:
            b_lo, b_hi = _band_range(q.dimensions[name], bands.pop())
            if lo <= b_lo:
                lo, lo_open = b_lo, False
            if hi >= b_hi:
                hi, hi_open = b_hi, b_hi < 100
    return lo < hi or (lo == hi and not (lo_open or hi_open))


def _band_range(dim: Dimension, band: str) -> tuple[float, float]:
    lower = 0.0
    for b in dim.bands:
        upper = b.below if b.below is not None else 100.0
        if b.id == band:
            return lower, upper
        lower = upper
    return 0.0, 100.0
