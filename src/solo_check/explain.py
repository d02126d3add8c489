"""Words for single things, in German or English: numbers, dates, an answer as the
person would read it back, one contribution with its exact points, a deadline sentence,
the method and the sources.

The presentation step (``presentation.py``) builds what a person reads from these;
the views never word things themselves. Does not score: it only reads results.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .answers import Answers
from .content import Content, DeadlineTexts, Lang, Question
from .scoring import Contribution, DeadlineStatus

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


def deadline_sentence(
    content: Content, texts: DeadlineTexts, status: DeadlineStatus, lang: Lang
) -> str:
    """The sentence for a deadline in its state, with the date filled in; empty where
    the state has no sentence."""
    if status.state == "unknown" or status.safe_date is None:
        return content.texts.get("deadline.unknown", lang)
    variant = {"open": texts.open, "uncertain": texts.uncertain, "passed": texts.passed}[
        status.state
    ]
    if variant is None:
        return ""
    return variant.get(lang).format(date=date_text(content, status.safe_date, lang))


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


def state_names(content: Content, states: list[str], lang: Lang) -> str:
    q = content.questionnaire
    region_q = q.questions[q.scoring.preferences.region_question]
    names = {o.id: o.label.get(lang) for o in q.options(region_q)}
    return ", ".join(names.get(s, s) for s in states)
