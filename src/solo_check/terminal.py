"""The result on the command line: the presentation laid out as plain text, and as JSON.

Only layout lives here; every sentence comes from ``presentation.py``. The JSON adds
what a program or an adviser may want to check: the exact points of every answer, the
matched branches of every rule and the provisional flags.
"""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from typing import Any

from .answers import Answers
from .content import Content
from .explain import contribution_line, method_paragraphs, source_lines
from .presentation import Presentation, Reason, StepView
from .scoring import Assessment, DeadlineStatus

WIDTH = 88


def summary_text(content: Content, pres: Presentation) -> str:
    """A readable summary for the terminal."""
    lang = pres.lang
    t = content.texts
    out: list[str] = []
    title = t.get("cli.title", lang)
    out += [title, "=" * len(title), pres.as_of + " · " + pres.content_checked_text]
    if pres.occupation:
        out.append(t.get("cli.occupation", lang, occupation=pres.occupation))
    if pres.content_old_text:
        out.append(_wrap(pres.content_old_text, 0))
    out.append("")
    situation = pres.situation
    heading = situation.heading
    if situation.position_text:
        heading += f" ({situation.position_text})"
    out.append(heading)
    out.append(_wrap(situation.summary))
    if situation.provisional_note:
        out.append(_wrap(situation.provisional_note))
    if pres.nothing_text:
        out += ["", _wrap(pres.nothing_text, 0)]
        for fact in pres.general_facts:
            out.append(_wrap("• " + fact))
    if pres.deadlines:
        out += ["", _heading(t.get("cli.deadlines", lang))]
        for deadline in pres.deadlines:
            out.append(_wrap("• " + deadline.text))
    out += ["", _heading(pres.steps_heading)]
    if pres.steps_empty:
        out.append(_wrap(pres.steps_empty, 0))
    for step in pres.steps:
        out += _step(content, step, lang)
    if pres.more_steps:
        out += ["", _heading(t.get("cli.more_steps", lang))]
        for step in pres.more_steps:
            out += _step(content, step, lang)
    if pres.levers:
        out += ["", _heading(t.get("present.lever.heading", lang))]
        out += [_wrap("• " + lever.text) for lever in pres.levers]
    out += ["", _heading(t.get("cli.dimensions", lang))]
    for dim in pres.dimensions:
        out.append(t.get("cli.dimension_line", lang, name=dim.name, score=dim.score_text))
        out.append(_wrap(f"{dim.direction} {dim.meaning}"))
        out.append(_wrap(dim.status))
        for heading, lines in (
            (dim.concerns_heading, dim.concerns),
            (dim.strengths_heading, dim.strengths),
        ):
            if lines:
                out.append(_wrap(heading))
                out += [_wrap("• " + line.text, 4) for line in lines]
        if dim.more:
            out.append(_wrap(dim.more, 4))
        if dim.source:
            out.append(_wrap(dim.source))
        out.append(_wrap(t.get("cli.strengthen", lang, text=dim.strengthen)))
        out.append("")
    if pres.comparison:
        comparison = pres.comparison
        out += [_heading(comparison.heading), _wrap(comparison.situation_line)]
        out += [_wrap("• " + line) for line in comparison.lines]
        out.append("")
    out.append(_heading(t.get("cli.pointers", lang)))
    if not pres.all_pointers:
        out.append(t.get("cli.none", lang))
    for p in pres.all_pointers:
        out.append(
            f"[{p.category_label}] "
            + t.get("cli.pointer_line", lang, title=p.title, provider=p.provider)
        )
        for reason in p.reasons:
            out.append(_wrap("• " + reason.text, 4))
        for extra in (p.general, p.deadline_note, p.offer_note):
            if extra:
                out.append(_wrap(extra))
        if p.regions:
            out.append(_wrap(p.region_text))
        out.append(_wrap(p.url))
    if pres.advice_questions:
        out += ["", _heading(t.get("cli.advice", lang))]
        for question in pres.advice_questions:
            out.append(_wrap("• " + question.text))
            if question.note:
                out.append(_wrap(question.note, 4))
    if pres.missing_text:
        out += ["", _wrap(pres.missing_text, 0)]
    heading = t.get("method.title", lang)
    out += ["", _heading(heading)]
    for paragraph in method_paragraphs(content, lang) + source_lines(content, lang):
        out += [_wrap(paragraph, 0), ""]
    out += [pres.not_advice, pres.offline]
    return "\n".join(out) + "\n"


def _step(content: Content, step: StepView, lang: str) -> list[str]:
    t = content.texts
    out = [t.get("cli.step_line", lang, number=step.number, title=step.title, when=step.when)]
    out += [_wrap("• " + r.text, 5) for r in step.reasons]
    out.append(_wrap(step.advice, 3))
    if step.deadline_note:
        out.append(_wrap(step.deadline_note, 3))
    out.append(_wrap(t.get("cli.with_whom", lang, text=step.with_whom), 3))
    out.append(_wrap(t.get("cli.first_move", lang, text=step.first_move), 3))
    return out


def _heading(text: str) -> str:
    return f"{text}\n{'-' * len(text)}"


def _wrap(text: str, spaces: int = 2) -> str:
    """Wrap for the terminal; a leading bullet gets a hanging indent; URLs stay whole."""
    hang = 2 if text.startswith("• ") else 0
    return textwrap.fill(
        text,
        width=WIDTH,
        initial_indent=" " * spaces,
        subsequent_indent=" " * (spaces + hang),
        break_long_words=False,
        break_on_hyphens=False,
    )


# --------------------------------------------------------------------------- JSON


def result_json(
    content: Content, answers: Answers, assessment: Assessment, pres: Presentation
) -> dict[str, Any]:
    """The full result as plain data: what the person reads, plus the exact points,
    the matched rule branches and the provisional flags."""
    lang = pres.lang
    q = content.questionnaire
    selected = {p.id: p for p in assessment.pointers}
    planned = {a.id: a for a in assessment.actions}
    dims = {}
    for view in pres.dimensions:
        result = assessment.dimensions[view.id]
        dims[view.id] = {
            "name": view.name,
            "score": result.score,
            "band": result.band,
            "band_label": view.band_label,
            "higher_is": view.higher_is,
            "provisional": result.provisional,
            "score_text": view.score_text,
            "meaning": view.meaning,
            "answered": result.answered,
            "declined": result.declined,
            "total": result.total,
            "confidence": result.confidence,
            "concerns": [_reason(r) for r in view.concerns],
            "strengths": [_reason(r) for r in view.strengths],
            "contributions": [
                {
                    "question": c.question,
                    "kind": c.kind,
                    "effect": c.effect,
                    "possible": c.possible,
                    "line": contribution_line(content, c, lang),
                }
                for c in result.contributions
            ],
        }
    steps = []
    for step in pres.all_steps:
        plan = planned[step.id]
        steps.append(
            {
                "id": step.id,
                "number": step.number,
                "first": step in pres.steps,
                "title": step.title,
                "reasons": [_reason(r) for r in step.reasons],
                "matched": list(plan.reasons),
                "advice": step.advice,
                "when": step.when,
                "due": step.due.isoformat() if step.due else None,
                "hard_deadline": step.hard_deadline,
                "deadline": _deadline(plan.deadline),
                "with_whom": step.with_whom,
                "first_move": step.first_move,
                "timeframe": plan.timeframe,
                "priority": plan.priority,
                "rank": plan.rank,
                "pointers": [p.id for p in step.pointers],
            }
        )
    pointers = []
    for view in pres.all_pointers:
        sel = selected[view.id]
        data = asdict(view)
        data["reasons"] = [_reason(r) for r in view.reasons]
        data["matched"] = list(sel.reasons)
        data["first"] = view in pres.pointers
        data["deadline"] = _deadline(sel.deadline)
        data["adjustments"] = dict(sel.adjustments)
        pointers.append(data)
    situation = pres.situation
    return {
        "language": lang,
        "today": assessment.today.isoformat(),
        "questionnaire": {"id": q.id, "version": assessment.questionnaire_version},
        "answers_questionnaire_version": answers.questionnaire_version,
        "occupation": pres.occupation,
        "nothing_answered": pres.nothing_answered,
        "situation": {
            "id": situation.id,
            "name": situation.name,
            "heading": situation.heading,
            "summary": situation.summary,
            "urgent": situation.urgent,
            "provisional": situation.provisional,
            "provisional_note": situation.provisional_note,
        }
        if situation.id
        else None,
        "position": {"exposure": assessment.position[0], "buffers": assessment.position[1]}
        if assessment.position
        else None,
        "dimensions": dims,
        "steps": steps,
        "pointers": pointers,
        "deadlines": [
            {"id": d.id, "date": d.date.isoformat(), "hard": d.hard, "text": d.text}
            for d in pres.deadlines
        ],
        "advice_questions": [asdict(a) for a in pres.advice_questions],
        "what_would_change_most": [
            {"question": lv.question, "value": lv.value, "gain": lv.gain, "text": lv.text}
            for lv in pres.levers
        ],
        "protection": [asdict(row) for row in pres.protection],
        "comparison": asdict(pres.comparison) if pres.comparison else None,
        "missing": list(pres.missing),
        "content_checked": pres.content_checked.isoformat(),
        "content_old": pres.content_old_text,
    }


def _reason(reason: Reason) -> dict[str, Any]:
    return {"text": reason.text, "source": reason.source, "questions": list(reason.questions)}


def _deadline(status: DeadlineStatus | None) -> dict[str, Any] | None:
    if status is None:
        return None
    return {
        "id": status.id,
        "state": status.state,
        "safe_date": status.safe_date.isoformat() if status.safe_date else None,
        "latest_date": status.latest_date.isoformat() if status.latest_date else None,
    }
