"""Turning an Assessment into words: answer texts, contribution lines, the method,
a plain-text summary and a JSON-ready dictionary, in German or English.

Shared by the command line, the desktop app and the report, so that all three
explain a score the same way. Does not score: it only reads the Assessment.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from .answers import Answers
from .content import Content, Lang, Question
from .scoring import Assessment, Contribution, DeadlineStatus

METHOD_PARAGRAPHS = ("overview", "points", "exposure", "map", "confidence", "pointers", "limits")


# --------------------------------------------------------------------------- small formats


def number(value: float, lang: Lang, decimals: int = 1) -> str:
    """A number as people write it: no trailing .0, decimal comma in German."""
    rounded = round(float(value), decimals)
    text = str(int(rounded)) if rounded.is_integer() else f"{rounded:.{decimals}f}"
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if lang == "de" else text


def signed(value: float, lang: Lang) -> str:
    text = number(abs(value), lang)
    if text == "0":
        return "±0"
    return ("+" if value > 0 else "−") + text


def date_text(content: Content, day: dt.date, lang: Lang) -> str:
    t = content.texts
    return t.get(
        "date.format", lang, day=day.day, month=t.get(f"date.m{day.month}", lang), year=day.year
    )


def month_text(content: Content, value: str, lang: Lang) -> str:
    year, month = (int(p) for p in value.split("-"))
    t = content.texts
    return t.get("date.month_format", lang, month=t.get(f"date.m{month}", lang), year=year)


def percent(content: Content, value: float, lang: Lang) -> str:
    return content.texts.get("common.percent", lang, value=number(value, lang))


def occupation_title(content: Content, answers: Answers, lang: Lang) -> str | None:
    """The person's occupation as text: from the list, or what they typed for 'other'."""
    values = answers.values
    settings = content.questionnaire.scoring.exposure
    value = values.get(settings.occupation_question)
    if value is None:
        return None
    occ = content.occupations.by_id.get(value)
    if occ is not None:
        return occ.title.get(lang)
    typed = values.get(settings.occupation_other_question)
    if isinstance(typed, str) and typed.strip():
        return typed.strip()
    return content.texts.get("common.other_occupation", lang)


def answer_text(content: Content, question: Question, value: Any, lang: Lang) -> str:
    """An answer as the person would read it back."""
    q = content.questionnaire
    t = content.texts
    if question.type in ("single", "scale", "multi"):
        labels = {o.id: o.label.get(lang) for o in q.options(question)}
        chosen = value if isinstance(value, list) else [value]
        return t.get("common.list_separator", lang).join(labels.get(c, str(c)) for c in chosen)
    if question.type == "occupation":
        occ = content.occupations.by_id.get(value)
        return occ.title.get(lang) if occ else t.get("common.other_occupation", lang)
    if question.type == "number":
        unit_text = question.unit_one if value == 1 and question.unit_one else question.unit
        unit = unit_text.get(lang) if unit_text else ""
        return f"{number(value, lang)} {unit}".strip()
    if question.type == "month":
        return month_text(content, value, lang)
    if question.type == "allocation":
        kinds = q.task_kind_map
        parts = [
            t.get(
                "explain.allocation_item",
                lang,
                kind=kinds[k].label.get(lang),
                share=percent(content, v, lang),
            )
            for k, v in sorted(value.items(), key=lambda kv: -kv[1])
            if k in kinds and v
        ]
        return t.get("common.list_separator", lang).join(parts)
    return str(value)


def contribution_line(content: Content, c: Contribution, lang: Lang) -> str:
    """One contribution in words: which answer moved the score and by how much."""
    q = content.questionnaire
    t = content.texts
    if c.kind == "occupation":
        occ = content.occupations.by_id[c.value]
        return t.get(
            "explain.occupation",
            lang,
            occupation=occ.title.get(lang),
            baseline=c.detail["baseline"],
            weight=percent(content, c.detail["weight"] * 100, lang),
            effect=signed(c.effect, lang),
        )
    if c.kind == "task":
        kind = q.task_kind_map[c.detail["task_kind"]]
        return t.get(
            "explain.task",
            lang,
            share=percent(content, c.value, lang),
            kind=kind.label.get(lang),
            exposure=c.detail["exposure"],
            effect=signed(c.effect, lang),
        )
    if c.kind == "market_limit":
        return t.get(
            "explain.market_limit",
            lang,
            limit=number(abs(c.detail["limit"]), lang),
            effect=signed(c.effect, lang),
        )
    question = q.questions[c.question or ""]
    answer = answer_text(content, question, c.value, lang)
    label = question.label.get(lang)
    if q.dimensions[c.dimension].method == "exposure":
        return t.get(
            "explain.market", lang, label=label, answer=answer, effect=signed(c.effect, lang)
        )
    return t.get(
        "explain.answer",
        lang,
        label=label,
        answer=answer,
        effect=number(c.effect, lang),
        possible=number(c.possible, lang),
    )


def deadline_text(content: Content, pointer_id: str, status: DeadlineStatus, lang: Lang) -> str:
    """The deadline sentence of a pointer, with the date filled in."""
    pointer = content.pointers.by_id[pointer_id]
    texts = pointer.why_deadline
    if texts is None:
        return ""
    if status.state == "unknown" or status.safe_date is None:
        return content.texts.get("deadline.unknown", lang)
    variant = {"open": texts.open, "uncertain": texts.uncertain, "passed": texts.passed}[
        status.state
    ]
    if variant is None:
        return ""
    return variant.get(lang).format(date=date_text(content, status.safe_date, lang))


def pointer_why(
    content: Content, pointer_id: str, status: DeadlineStatus | None, lang: Lang
) -> str:
    pointer = content.pointers.by_id[pointer_id]
    why = pointer.why.get(lang)
    if status is not None:
        extra = deadline_text(content, pointer_id, status, lang)
        if extra:
            why = f"{why} {extra}"
    return why


def method_paragraphs(content: Content, lang: Lang) -> list[str]:
    """The method in plain words, with the figures taken from the scoring settings."""
    s = content.questionnaire.scoring
    t = content.texts
    levels = sorted(s.confidence, key=lambda c: -c.min_share)
    parts = [
        t.get("method.level.from", lang, share=round(c.min_share * 100), label=c.label.get(lang))
        for c in levels
        if c.min_share > 0
    ]
    parts += [
        t.get("method.level.below", lang, label=c.label.get(lang))
        for c in levels
        if c.min_share == 0
    ]
    level_text = t.get("method.level.lead", lang, levels=", ".join(parts))
    params = {
        "occupation_weight": round(s.exposure.occupation_weight * 100),
        "tasks_weight": round((1 - s.exposure.occupation_weight) * 100),
        "market_min": number(abs(s.exposure.market_min), lang),
        "market_max": number(s.exposure.market_max, lang),
        "exposure_threshold": number(s.map.exposure_threshold, lang),
        "buffers_threshold": number(s.map.buffers_threshold, lang),
        "levels": level_text,
    }
    out = []
    for key in METHOD_PARAGRAPHS:
        text = t.entries[f"method.{key}"].get(lang)
        out.append(text.format(**{k: v for k, v in params.items() if "{" + k + "}" in text}))
    return out


def source_lines(content: Content, lang: Lang) -> list[str]:
    """The citation of the research data with its licence and the adaptation notice."""
    source = content.occupations.source
    return [
        f"{content.texts.get('method.source_intro', lang)} {source.citation} ({source.licence})",
        source.adaptation_notice.get(lang),
    ]


# --------------------------------------------------------------------------- whole results


def assessment_dict(
    content: Content, assessment: Assessment, answers: Answers, lang: Lang
) -> dict[str, Any]:
    """The full result as plain data, with every line already in words."""
    q = content.questionnaire
    situation = next((s for s in q.scoring.situations if s.id == assessment.situation), None)
    dims = {}
    for dim_id, result in assessment.dimensions.items():
        dim = q.dimensions[dim_id]
        band = next((b for b in dim.bands if b.id == result.band), None)
        dims[dim_id] = {
            "name": dim.name.get(lang),
            "score": result.score,
            "band": result.band,
            "band_label": band.label.get(lang) if band else None,
            "meaning": band.meaning.get(lang) if band else None,
            "answered": result.answered,
            "declined": result.declined,
            "total": result.total,
            "confidence": result.confidence,
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
    pointers_out = []
    for sel in assessment.pointers:
        p = content.pointers.by_id[sel.id]
        pointers_out.append(
            {
                "id": p.id,
                "category": p.category,
                "title": p.title.get(lang),
                "provider": p.provider.get(lang),
                "offers": p.offers.get(lang),
                "formats": [content.texts.get(f"format.{f}", lang) for f in p.formats],
                "cost": p.cost.get(lang),
                "regions": list(p.regions),
                "url": p.url,
                "why": pointer_why(content, p.id, sel.deadline, lang),
                "deadline": _deadline_dict(sel.deadline),
                "advice_question": p.advice_question.get(lang) if p.advice_question else None,
                "relevance": sel.relevance,
                "source": p.source,
                "checked": p.checked.isoformat(),
            }
        )
    timeframes = {tf.id: tf.label.get(lang) for tf in q.scoring.timeframes}
    actions_out = []
    for act in assessment.actions:
        a = next(x for x in content.pointers.actions if x.id == act.id)
        actions_out.append(
            {
                "id": a.id,
                "title": a.title.get(lang),
                "reason": a.reason.get(lang),
                "timeframe": act.timeframe,
                "timeframe_label": timeframes[act.timeframe],
                "priority": act.priority,
                "pointers": list(act.pointers),
            }
        )
    return {
        "language": lang,
        "today": assessment.today.isoformat(),
        "questionnaire": {"id": q.id, "version": assessment.questionnaire_version},
        "occupation": occupation_title(content, answers, lang),
        "situation": {
            "id": situation.id,
            "name": situation.name.get(lang),
            "summary": situation.summary.get(lang),
            "urgent": situation.urgent,
        }
        if situation
        else None,
        "position": {"exposure": assessment.position[0], "buffers": assessment.position[1]}
        if assessment.position
        else None,
        "dimensions": dims,
        "actions": actions_out,
        "pointers": pointers_out,
        "deadlines": {k: _deadline_dict(v) for k, v in assessment.deadlines.items()},
        "missing": list(assessment.missing),
        "content_checked": content.checked.isoformat(),
    }


def _deadline_dict(status: DeadlineStatus | None) -> dict[str, Any] | None:
    if status is None:
        return None
    return {
        "state": status.state,
        "safe_date": status.safe_date.isoformat() if status.safe_date else None,
        "latest_date": status.latest_date.isoformat() if status.latest_date else None,
    }


def summary_text(
    content: Content,
    assessment: Assessment,
    answers: Answers,
    lang: Lang,
    contributions_per_dimension: int = 3,
) -> str:
    """A readable summary for the terminal."""
    data = assessment_dict(content, assessment, answers, lang)
    t = content.texts
    q = content.questionnaire
    out: list[str] = []
    title = t.get("cli.title", lang)
    out += [title, "=" * len(title)]
    out.append(
        t.get(
            "cli.as_of",
            lang,
            date=date_text(content, assessment.today, lang),
            version=assessment.questionnaire_version,
        )
    )
    if data["occupation"]:
        out.append(t.get("cli.occupation", lang, occupation=data["occupation"]))
    out.append("")
    if data["situation"]:
        pos = data["position"]
        position = t.get(
            "cli.position",
            lang,
            exposure_name=q.dimensions["exposure"].name.get(lang),
            exposure=number(pos["exposure"], lang),
            buffers_name=q.dimensions["buffers"].name.get(lang),
            buffers=number(pos["buffers"], lang),
        )
        out.append(t.get("cli.situation", lang, name=data["situation"]["name"]) + " " + position)
        out.append(_indent(data["situation"]["summary"]))
    else:
        out.append(t.get("cli.no_situation", lang))
    out += ["", t.get("cli.dimensions", lang), "-" * len(t.get("cli.dimensions", lang))]
    for dim_id, d in data["dimensions"].items():
        score = str(d["score"]) if d["score"] is not None else "–"
        band = d["band_label"] or t.get("explain.no_score", lang)
        out.append(t.get("cli.dimension_line", lang, name=d["name"], score=score, band=band))
        if d["meaning"]:
            out.append(_indent(d["meaning"]))
        status = t.get("explain.answered", lang, answered=d["answered"], total=d["total"])
        if d["declined"]:
            status += "; " + t.get("explain.declined", lang, count=d["declined"])
        level = next(c.label.get(lang) for c in q.scoring.confidence if c.id == d["confidence"])
        out.append(_indent(f"{status}. {t.get('explain.confidence', lang, level=level)}"))
        if d["contributions"]:
            out.append(_indent(t.get("cli.why", lang)))
            for c in d["contributions"][:contributions_per_dimension]:
                out.append(_indent("• " + c["line"], 4))
            rest = len(d["contributions"]) - contributions_per_dimension
            if rest > 0:
                out.append(_indent(t.get("cli.more_contributions", lang, count=rest), 4))
        out.append(
            _indent(t.get("cli.strengthen", lang, text=q.dimensions[dim_id].strengthen.get(lang)))
        )
        out.append("")
    heading = t.get("cli.actions", lang)
    out += [heading, "-" * len(heading)]
    if not data["actions"]:
        out.append(t.get("cli.none", lang))
    for i, a in enumerate(data["actions"], 1):
        out.append(
            t.get(
                "cli.action_line", lang, number=i, title=a["title"], timeframe=a["timeframe_label"]
            )
        )
        out.append(_indent(a["reason"], 3))
    out.append("")
    heading = t.get("cli.pointers", lang)
    out += [heading, "-" * len(heading)]
    if not data["pointers"]:
        out.append(t.get("cli.none", lang))
    for p in data["pointers"]:
        cat = t.get(f"category.{p['category']}", lang)
        out.append(
            f"[{cat}] " + t.get("cli.pointer_line", lang, title=p["title"], provider=p["provider"])
        )
        out.append(_indent(p["why"]))
        if p["regions"]:
            states = state_names(content, p["regions"], lang)
            out.append(_indent(t.get("region.only", lang, states=states)))
        out.append(_indent(p["url"]))
    if data["missing"]:
        out += ["", t.get("cli.missing", lang, count=len(data["missing"]))]
    heading = t.get("method.title", lang)
    out += ["", heading, "-" * len(heading)]
    for paragraph in method_paragraphs(content, lang) + source_lines(content, lang):
        out += [_indent(paragraph, 0), ""]
    out += [t.get("app.not_advice", lang), t.get("app.offline", lang)]
    return "\n".join(out) + "\n"


def state_names(content: Content, states: list[str], lang: Lang) -> str:
    q = content.questionnaire
    region_q = q.questions[q.scoring.preferences.region_question]
    names = {o.id: o.label.get(lang) for o in q.options(region_q)}
    return ", ".join(names.get(s, s) for s in states)


def _indent(text: str, spaces: int = 2) -> str:
    """Wrap for the terminal; a leading bullet gets a hanging indent; URLs stay whole."""
    hang = 2 if text.startswith("• ") else 0
    return textwrap.fill(
        text,
        width=88,
        initial_indent=" " * spaces,
        subsequent_indent=" " * (spaces + hang),
        break_long_words=False,
        break_on_hyphens=False,
    )
