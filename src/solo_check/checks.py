"""Cross-checks of the content that no single model can see.

Ids are unique, references resolve, conditions only look backwards, and every
pointer and action can be reached by some answers. Each problem is one line,
``file: dotted.path: message``.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Iterator

from .answers import check_value
from .content import (
    DEADLINE_STATES,
    STATES,
    Condition,
    Content,
    Dimension,
    IloClass,
    Question,
)

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


def _duplicates(where: str, ids: Iterable[str], noun: str = "id") -> Iterator[str]:
    """One message per id that occurs more than once, in sorted order."""
    seen: set[str] = set()
    dupes: set[str] = set()
    for i in ids:
        (dupes if i in seen else seen).add(i)
    for d in sorted(dupes):
        yield f"{where}: {noun} '{d}' is used more than once"


def _check_questionnaire(content: Content) -> Iterator[str]:
    q = content.questionnaire
    f = "questionnaire.toml"
    all_ids = [qu.id for s in q.sections for qu in s.questions]
    yield from _duplicates(f"{f}: sections", all_ids, "question id")
    yield from _duplicates(f"{f}: sections", [s.id for s in q.sections], "section id")
    yield from _duplicates(f"{f}: task_kinds", [k.id for k in q.task_kinds])
    yield from _duplicates(f"{f}: option_sets", [o.id for o in q.option_sets])
    yield from _duplicates(f"{f}: scoring.dimensions", [d.id for d in q.scoring.dimensions])
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
    exp, prefs = q.scoring.exposure, q.scoring.preferences
    references = (  # settings that name a question, and the type it must have
        ("exposure.occupation_question", exp.occupation_question, "occupation"),
        ("exposure.occupation_other_question", exp.occupation_other_question, "text"),
        ("exposure.allocation_question", exp.allocation_question, "allocation"),
        ("start_question", q.scoring.start_question, "month"),
        ("preferences.region_question", prefs.region_question, "single"),
        ("preferences.formats_question", prefs.formats_question, "multi"),
        ("preferences.budget_question", prefs.budget_question, "single"),
    )
    for path, qid, want in references:
        if qid not in questions:
            yield f"{f}: scoring.{path}: unknown question '{qid}'"
        elif questions[qid].type != want:
            yield f"{f}: scoring.{path}: '{qid}' is not a question of type {want}"
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
    yield from _duplicates(f"{f}: scoring.timeframes", [t.id for t in q.scoring.timeframes])
    for dim in q.scoring.dimensions:
        if not any(dim.id in q.dimensions_of(qu) for qu in questions.values()):
            yield f"{f}: scoring.dimensions.{dim.id}: no question feeds this dimension"
    yield from _check_map(content)
    if prefs.time_question in questions:
        question = questions[prefs.time_question]
        if question.type != "single":
            yield f"{f}: scoring.preferences.time_question: '{question.id}' is not single"
        else:
            ids = {o.id for o in q.options(question)}
            for option in prefs.monthly_hours:
                if option not in ids:
                    yield f"{f}: scoring.preferences.monthly_hours: unknown option '{option}'"
    else:
        yield f"{f}: scoring.preferences.time_question: unknown question '{prefs.time_question}'"
    for qid in q.scoring.what_if.questions:
        if qid not in questions:
            yield f"{f}: scoring.what_if.questions: unknown question '{qid}'"
    for i, lever in enumerate(q.scoring.what_if.levers):
        where = f"{f}: scoring.what_if.levers.{i}({lever.question})"
        question = questions.get(lever.question)
        if question is None:
            yield f"{where}: unknown question"
            continue
        for value in lever.to:
            option = [value] if question.type == "multi" else value
            for key, _ in check_value(question, option, content):
                yield f"{where}.to: {value!r} is no valid answer ({key})"
        if lever.when is not None:
            for m in _check_condition(
                content, lever.when, before=len(questions), allow_scores=True
            ):
                yield f"{where}.when: {m}"
    group = q.scoring.group
    for step in group.learning_steps:
        if step not in content.pointers.action_by_id:
            yield f"{f}: scoring.group.learning_steps: unknown step '{step}'"
    if group.topics_question not in questions or questions[group.topics_question].type != "multi":
        yield f"{f}: scoring.group.topics_question: '{group.topics_question}' is not multi"
    if group.min_count >= group.min_size:
        yield f"{f}: scoring.group: min_count must be below min_size"
    for qid in q.scoring.presentation.digcomp_questions:
        if qid not in questions or questions[qid].type != "scale":
            yield f"{f}: scoring.presentation.digcomp_questions: '{qid}' is not a scale question"
    if not any(c.provisional for c in q.scoring.confidence):
        yield f"{f}: scoring.confidence: one level must be marked provisional"


def _check_map(content: Content) -> Iterator[str]:
    """The map splits where the bands of its two dimensions change, so that the card's
    band and the situation never disagree; both dimensions say in a sentence per band
    what is true of everyone in it."""
    q = content.questionnaire
    f = "questionnaire.toml"
    for name, threshold in (
        ("exposure", q.scoring.map.exposure_threshold),
        ("buffers", q.scoring.map.buffers_threshold),
    ):
        dim = q.dimensions.get(name)
        if dim is None:
            continue
        bounds = [b.below for b in dim.bands if b.below is not None]
        if threshold not in bounds:
            yield (
                f"{f}: scoring.map.{name}_threshold: {threshold:g} is not a band boundary of "
                f"'{name}' ({', '.join(f'{b:g}' for b in bounds)})"
            )
        for band in dim.bands:
            if band.statement is None:
                yield f"{f}: scoring.dimensions.{name}.bands.{band.id}: needs 'statement'"


def _check_occupations(content: Content) -> Iterator[str]:
    occ = content.occupations
    f = "occupations.toml"
    yield from _duplicates(f"{f}: occupations", [o.id for o in occ.occupations])
    if "other" in occ.by_id:
        yield f"{f}: occupations: the id 'other' is reserved for the free-text path"
    groups = {g.id for g in occ.groups}
    for i, o in enumerate(occ.occupations):
        if o.group not in groups:
            yield f"{f}: occupations.{i}({o.id}).group: unknown group '{o.group}'"


def _check_pointers(content: Content) -> Iterator[str]:
    p = content.pointers
    f = "pointers.toml"
    yield from _duplicates(f"{f}: pointers", [x.id for x in p.pointers])
    yield from _duplicates(f"{f}: actions", [x.id for x in p.actions])
    deadlines = {d.id for d in p.deadlines}
    groups = {g.id for g in p.advice_groups}
    yield from _duplicates(f"{f}: advice_groups", [g.id for g in p.advice_groups])
    for kind, entries in (("pointers", p.pointers), ("actions", p.actions)):
        for i, entry in enumerate(entries):
            if entry.advice_group not in groups:
                yield f"{f}: {kind}.{i}({entry.id}).advice_group: unknown '{entry.advice_group}'"
    timeframes = {t.id for t in content.questionnaire.scoring.timeframes}
    end = len(content.questionnaire.questions)
    for i, ptr in enumerate(p.pointers):
        where = f"{f}: pointers.{i}({ptr.id})"
        if ptr.deadline and ptr.deadline not in deadlines:
            yield f"{where}.deadline: unknown deadline '{ptr.deadline}'"
        problems = list(
            _check_condition(content, ptr.rule, before=end, allow_scores=True, allow_steps=True)
        )
        problems += list(_check_reasons(ptr.rule))
        yield from (
            f"{where}.{m}" if m.startswith("rule") else f"{where}.rule: {m}" for m in problems
        )
        if not problems and not satisfiable(content, ptr.rule):
            yield f"{where}.rule: no set of answers can make this rule true"
    for i, row in enumerate(p.protection):
        where = f"{f}: protection.{i}({row.id})"
        if row.advice_group not in groups:
            yield f"{where}.advice_group: unknown '{row.advice_group}'"
        for qid in row.answers:
            if qid not in content.questionnaire.questions:
                yield f"{where}.answers: unknown question '{qid}'"
        for j, state in enumerate(row.states):
            if state.deadline and state.deadline not in deadlines:
                yield f"{where}.states.{j}.deadline: unknown deadline '{state.deadline}'"
            for m in _check_condition(
                content, state.rule, before=end, allow_scores=True, allow_steps=True
            ):
                yield f"{where}.states.{j}.rule: {m}"
    yield from _duplicates(f"{f}: protection", [r.id for r in p.protection])
    for i, act in enumerate(p.actions):
        where = f"{f}: actions.{i}({act.id})"
        if act.timeframe not in timeframes:
            yield f"{where}.timeframe: unknown timeframe '{act.timeframe}'"
        if act.deadline and act.deadline not in deadlines:
            yield f"{where}.deadline: unknown deadline '{act.deadline}'"
        for ref in act.pointers:
            if ref not in p.by_id:
                yield f"{where}.pointers: unknown pointer '{ref}'"
        problems = list(_check_condition(content, act.rule, before=end, allow_scores=True))
        problems += list(_check_reasons(act.rule))
        yield from (
            f"{where}.{m}" if m.startswith("rule") else f"{where}.rule: {m}" for m in problems
        )
        if not problems and not satisfiable(content, act.rule):
            yield f"{where}.rule: no set of answers can make this rule true"


# --------------------------------------------------------------------------- reasons


def silent(node: Condition) -> bool:
    """A branch that says nothing about the person by its nature: a question left open,
    or a negation. It needs no reason (and must not invent one)."""
    return node.not_ is not None or (node.question is not None and node.answered is False)


def yields_reason(node: Condition) -> bool:
    """Whether every way this node can match gives an authored reason."""
    if node.reason is not None:
        return True
    if node.any is not None:
        return all(yields_reason(c) for c in node.any)
    if node.all is not None:
        return any(yields_reason(c) for c in node.all)
    return False


def required_questions(node: Condition) -> set[str]:
    """Questions that are answered whenever this node matches (so a reason may quote
    their answer): a positive test needs its answer; all of ``all``'s children hold;
    of an ``any`` only what every branch needs."""
    if node.question is not None:
        return {node.question} if node.answered is not False else set()
    if node.all is not None:
        return set().union(*(required_questions(c) for c in node.all))
    if node.any is not None:
        parts = [required_questions(c) for c in node.any]
        return set.intersection(*parts) if parts else set()
    return set()


def _check_reasons(rule: Condition) -> Iterator[str]:
    """An ``any`` of several branches gives a reason per branch (never one sentence that
    lists every trigger), and a reason quotes only answers its branch needs. Below a
    node with a reason of its own (it speaks for all of it) and below a ``not`` (nothing
    there is said about the person) branches need none."""
    yield from _reasons_below(rule, "rule", speaks=False)


def _reasons_below(node: Condition, path: str, speaks: bool) -> Iterator[str]:
    for name in ("reason", "ask"):
        text = getattr(node, name)
        if text is None:
            continue
        needed = required_questions(node)
        for placeholder in sorted(_names(text.de)):
            if placeholder not in needed:
                yield f"{path}.{name}: '{{{placeholder}}}' names no question this branch needs"
    covered = speaks or node.reason is not None
    if node.any is not None and len(node.any) > 1 and not covered:
        for i, branch in enumerate(node.any):
            if not yields_reason(branch) and not silent(branch):
                yield f"{path}.any.{i}: a branch of 'any' needs a reason of its own"
    for head in ("all", "any"):
        for i, child in enumerate(getattr(node, head) or []):
            yield from _reasons_below(child, f"{path}.{head}.{i}", covered)
    if node.not_ is not None:
        yield from _reasons_below(node.not_, f"{path}.not", speaks=True)


FACTS = ("months_self_employed", "occupation", "occupation_group", "occupation_tags", "ilo_class")


def _check_condition(
    content: Content, cond: Condition, before: int, allow_scores: bool, allow_steps: bool = False
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
        elif node.step is not None:
            if not allow_steps:
                yield "only pointer rules may refer to steps of the plan"
            elif node.step not in content.pointers.action_by_id:
                yield f"unknown step '{node.step}'"
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


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


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
        elif atom.step:
            key = ("a", atom.step)
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
    if kind == "a":
        return not (positive and negated)
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


# --------------------------------------------------------------------------- freshness


def freshness(content: Content, today: dt.date) -> Iterator[str]:
    """Warnings about the content's age as of ``today``: offers and steps past their
    announced end, and entries checked longer ago than the limit in the scoring settings.
    Not errors: an old check date does not make content invalid, only due for a look."""
    f = "pointers.toml"
    limit = content.questionnaire.scoring.presentation.content_max_age_days
    oldest = today - dt.timedelta(days=limit)
    entries = [("pointers", i, x) for i, x in enumerate(content.pointers.pointers)]
    entries += [("actions", i, x) for i, x in enumerate(content.pointers.actions)]
    for kind, i, entry in entries:
        where = f"{f}: {kind}.{i}({entry.id})"
        if entry.valid_until is not None and today > entry.valid_until:
            what = (
                "shown with its 'ended' wording"
                if getattr(entry, "ended", None) is not None
                else "no longer shown"
            )
            yield f"{where}.valid_until: ended on {entry.valid_until.isoformat()} ({what})"
        if entry.checked < oldest:
            yield (
                f"{where}.checked: last checked {entry.checked.isoformat()}, "
                f"more than {limit} days before {today.isoformat()}"
            )
    for file, checked in (
        ("questionnaire.toml", content.questionnaire.checked),
        ("occupations.toml", content.occupations.checked),
        ("pointers.toml", content.pointers.checked),
    ):
        if checked < oldest:
            yield (
                f"{file}: checked: last checked {checked.isoformat()}, "
                f"more than {limit} days before {today.isoformat()}"
            )
