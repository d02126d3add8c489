"""The answers of one assessment, and their JSON file (export and import).

An answers file records the schema version, which questionnaire (id and version) was
answered, the language, timestamps, the answers by question id and the questions the
person preferred not to answer. Import checks everything against the questionnaire and
reports each problem with the field it concerns, in the person's language.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError

from .content import Content, Lang, Question

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
ALLOCATION_TOLERANCE = 0.5  # percentage points; rounding in hand-made files


class QuestionnaireRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    version: str


class AnswersFile(BaseModel):
    """The JSON file format of one assessment's answers (see resources/schemas/)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"$id": "https://solo-check.invalid/schemas/answers.schema.json"},
    )
    schema_version: int = Field(ge=1, description="Format version of this file")
    questionnaire: QuestionnaireRef
    language: Lang = "de"
    created_at: dt.datetime
    updated_at: dt.datetime
    finished_at: dt.datetime | None = None
    answers: dict[str, JsonValue] = Field(
        default_factory=dict,
        description=(
            "By question id: an option id (single, scale, occupation or 'other'), a list of "
            "option ids (multi), a number, 'YYYY-MM' (month), {task kind: percent} "
            "(allocation, adding up to 100), or text"
        ),
    )
    declined: list[str] = Field(
        default_factory=list, description="Question ids answered with 'prefer not to say'"
    )


@dataclass
class Answers:
    """What one person answered, by question id. Values are ids and numbers, never labels."""

    questionnaire_id: str
    questionnaire_version: str
    language: Lang = "de"
    values: dict[str, Any] = field(default_factory=dict)
    declined: set[str] = field(default_factory=set)
    created_at: dt.datetime = field(default_factory=lambda: _now())
    updated_at: dt.datetime = field(default_factory=lambda: _now())
    finished_at: dt.datetime | None = None

    @classmethod
    def new(cls, content: Content, language: Lang = "de") -> Answers:
        q = content.questionnaire
        return cls(questionnaire_id=q.id, questionnaire_version=q.version, language=language)

    def set(self, question_id: str, value: Any) -> None:
        self.declined.discard(question_id)
        self.values[question_id] = value
        self.updated_at = _now()

    def decline(self, question_id: str) -> None:
        self.values.pop(question_id, None)
        self.declined.add(question_id)
        self.updated_at = _now()

    def clear(self, question_id: str) -> None:
        self.values.pop(question_id, None)
        self.declined.discard(question_id)
        self.updated_at = _now()

    def to_file(self) -> AnswersFile:
        return AnswersFile(
            schema_version=SCHEMA_VERSION,
            questionnaire=QuestionnaireRef(
                id=self.questionnaire_id, version=self.questionnaire_version
            ),
            language=self.language,
            created_at=self.created_at,
            updated_at=self.updated_at,
            finished_at=self.finished_at,
            answers=dict(self.values),
            declined=sorted(self.declined),
        )

    def to_json(self) -> str:
        return self.to_file().model_dump_json(indent=2) + "\n"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# --------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an answers file: where, and a message key with its values."""

    field: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, content: Content, lang: Lang) -> str:
        params = {
            name: _num(value, lang) if _is_number(value) else value
            for name, value in self.params.items()
        }
        message = content.texts.get(f"answers.error.{self.key}", lang, **params)
        return f"{self.field}: {message}" if self.field else message


class AnswersError(Exception):
    """The answers file could not be used; nothing was changed."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{p.field}: {p.key} {p.params}" for p in problems))
        self.problems = problems

    def render(self, content: Content, lang: Lang) -> list[str]:
        return [p.render(content, lang) for p in self.problems]


# --------------------------------------------------------------------------- import


def read_answers(path: Path, content: Content) -> Answers:
    """Read and check an answers file; raise AnswersError naming every problem.

    Only an ordinary file is read, and never more than the limit: a FIFO or a device
    (/dev/zero) is refused at once instead of hanging or filling the memory."""
    from .files import FileTooLargeError, NotRegularFileError, read_regular_file

    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise AnswersError([Problem("", "not_found", {"path": str(path)})]) from None
    except IsADirectoryError:
        raise AnswersError([Problem("", "not_a_file", {"path": str(path)})]) from None
    except NotRegularFileError:
        raise AnswersError([Problem("", "not_regular", {"path": str(path)})]) from None
    except FileTooLargeError as exc:
        raise AnswersError([_too_large(exc.size)]) from None
    except OSError as exc:
        raise AnswersError([Problem("", "unreadable", {"reason": exc.strerror or exc})]) from None
    return parse_answers(raw, content)


def _too_large(size: int) -> Problem:
    return Problem("", "too_large", {"size_mb": round(size / 1_048_576, 1), "max_mb": 5})


# No number in an answers file has more than a few digits (the largest allowed answers are
# amounts in euros). Python refuses to convert integers of more than 4300 digits with a
# ValueError that is not a JSON error, and converting long ones costs time that grows with
# the square of their length: such a number is reported before it is converted.
MAX_NUMBER_DIGITS = 100


class _NumberTooLong(ValueError):
    def __init__(self, digits: int):
        super().__init__(digits)
        self.digits = digits


def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_NUMBER_DIGITS:
        raise _NumberTooLong(digits)
    return int(text)


def parse_answers(raw: bytes | str, content: Content) -> Answers:
    """Check the text of an answers file against the questionnaire and return the answers."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise AnswersError([_too_large(len(raw))])
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AnswersError([Problem("", "not_text")]) from None
    try:
        data = json.loads(raw, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise AnswersError(
            [Problem("", "not_json", {"line": exc.lineno, "column": exc.colno})]
        ) from None
    except _NumberTooLong as exc:
        raise AnswersError([Problem("", "number_too_long", {"digits": exc.digits})]) from None
    except RecursionError:
        raise AnswersError([Problem("", "not_json", {"line": 1, "column": 1})]) from None
    if not isinstance(data, dict):
        raise AnswersError([Problem("", "not_object")])
    version = data.get("schema_version")
    if "schema_version" not in data:
        raise AnswersError([Problem("schema_version", "missing")])
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise AnswersError([Problem("schema_version", "bad_schema_version")])
    if version > SCHEMA_VERSION:
        raise AnswersError(
            [Problem("schema_version", "future_schema", {"found": version, "max": SCHEMA_VERSION})]
        )
    try:
        file = AnswersFile.model_validate(data)
    except ValidationError as exc:
        raise AnswersError([_structure_problem(err) for err in exc.errors()]) from None
    q = content.questionnaire
    if file.questionnaire.id != q.id:
        raise AnswersError(
            [Problem("questionnaire.id", "other_questionnaire", {"found": file.questionnaire.id})]
        )
    answers = Answers(
        questionnaire_id=file.questionnaire.id,
        questionnaire_version=file.questionnaire.version,
        language=file.language,
        values=dict(file.answers),
        declined=set(file.declined),
        created_at=file.created_at,
        updated_at=file.updated_at,
        finished_at=file.finished_at,
    )
    problems = check_answers(answers, content)
    if problems:
        raise AnswersError(problems)
    answers.values = {qid: normalise(q.questions[qid], v) for qid, v in answers.values.items()}
    return answers


def _structure_problem(err: Any) -> Problem:
    where = ".".join(str(p) for p in err["loc"])
    kind = err["type"]
    if kind == "missing":
        return Problem(where, "missing")
    if kind == "extra_forbidden":
        return Problem(where, "unknown_field")
    if kind.startswith("datetime"):
        return Problem(where, "bad_datetime")
    if where == "language":
        return Problem(where, "bad_language")
    return Problem(where, "wrong_type")


def check_answers(answers: Answers, content: Content) -> list[Problem]:
    """Every problem with the answers, each naming its field; empty when all is well."""
    q = content.questionnaire
    problems: list[Problem] = []
    for qid in sorted(answers.declined):
        if qid not in q.questions:
            problems.append(Problem(f"declined.{qid}", "unknown_question"))
        elif qid in answers.values:
            problems.append(Problem(f"declined.{qid}", "answered_and_declined"))
    for qid, value in answers.values.items():
        question = q.questions.get(qid)
        if question is None:
            problems.append(Problem(f"answers.{qid}", "unknown_question"))
            continue
        problems += [
            Problem(f"answers.{qid}", k, p) for k, p in check_value(question, value, content)
        ]
    return problems


def check_value(question: Question, value: Any, content: Content) -> list[tuple[str, dict]]:
    """Problems with one answer value as (message key, params); empty when valid."""
    q = content.questionnaire
    t = question.type
    if t in ("single", "scale"):
        if not isinstance(value, str):
            return [("expected_option", {})]
        ids = [o.id for o in q.options(question)]
        if value not in ids:
            return [("unknown_option", {"found": _short(value), "allowed": ", ".join(ids)})]
        return []
    if t == "occupation":
        if not isinstance(value, str):
            return [("expected_option", {})]
        if value != "other" and value not in content.occupations.by_id:
            return [("unknown_occupation", {"found": _short(value)})]
        return []
    if t == "multi":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return [("expected_options", {})]
        options = {o.id: o for o in q.options(question)}
        unknown = [v for v in value if v not in options]
        if unknown:
            allowed = ", ".join(options)
            return [("unknown_option", {"found": _short(unknown[0]), "allowed": allowed})]
        if len(set(value)) != len(value):
            return [("duplicate_option", {})]
        exclusive = [v for v in value if options[v].exclusive]
        if exclusive and len(value) > 1:
            return [("exclusive_option", {"option": exclusive[0]})]
        return []
    if t == "number":
        if not _is_number(value):
            return [("expected_number", {})]
        if question.integer and value != int(value):
            return [("expected_whole_number", {})]
        assert question.min is not None and question.max is not None
        if not question.min <= value <= question.max:
            return [
                (
                    "out_of_range",
                    {"found": value, "min": question.min, "max": question.max},
                )
            ]
        return []
    if t == "month":
        match = MONTH_RE.match(value) if isinstance(value, str) else None
        if not match or not (1 <= int(match.group(2)) <= 12):
            return [("expected_month", {})]
        if not 1900 <= int(match.group(1)) <= 2100:
            return [("month_out_of_range", {})]
        return []
    if t == "allocation":
        if not isinstance(value, dict):
            return [("expected_allocation", {})]
        kinds = [k.id for k in q.kinds_of(question)]
        for kind, share in value.items():
            if kind not in kinds:
                return [("unknown_task_kind", {"found": _short(kind), "allowed": ", ".join(kinds)})]
            if not (_is_number(share) and 0 <= share <= 100):
                return [("bad_share", {"kind": kind})]
        total = sum(value.values())
        if abs(total - 100) > ALLOCATION_TOLERANCE:
            return [("allocation_sum", {"total": round(total, 1)})]
        return []
    if t == "text":
        if not isinstance(value, str):
            return [("expected_text", {})]
        assert question.max_length is not None
        if len(value) > question.max_length:
            return [("text_too_long", {"length": len(value), "max": question.max_length})]
        return []
    return [("wrong_type", {})]


def only_valid(answers: Answers, content: Content) -> Answers:
    """A shallow copy holding only the values without a problem: what may be handed to
    scoring and to the words about a check (a value damaged in the store, or typed in but
    not valid yet, might be of any type)."""
    q = content.questionnaire.questions
    kept = copy.copy(answers)
    kept.values = {
        qid: value
        for qid, value in answers.values.items()
        if qid in q and not check_value(q[qid], value, content)
    }
    return kept


def normalise(question: Question, value: Any) -> Any:
    """A checked value in its canonical form (whole numbers as int, allocation without zeros)."""
    if question.type == "number" and float(value).is_integer():
        return int(value)
    if question.type == "allocation":
        return {k: (int(v) if float(v).is_integer() else v) for k, v in value.items() if v}
    return value


def _is_number(value: Any) -> bool:
    """An int or a finite float (JSON true/false are not numbers here)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _num(value: float, lang: Lang) -> str:
    """A number in a message as people write it: no trailing .0, decimal comma in German."""
    if isinstance(value, int):
        return _short(str(value))
    text = str(int(value)) if value.is_integer() else str(value)
    return text.replace(".", ",") if lang == "de" else text


def _short(value: str, limit: int = 40) -> str:
    value = str(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def write_answers(answers: Answers, path: Path) -> None:
    """Write the answers file atomically, readable only by the user."""
    from .files import write_atomic

    write_atomic(path, answers.to_json().encode("utf-8"))
