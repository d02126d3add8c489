"""The options of option-set questions are made once and kept: what is returned must be
what a fresh copy would be, for every question, and a changed question gets its own."""

from __future__ import annotations


def _fresh(q, question):
    option_set = next(s for s in q.option_sets if s.id == question.option_set)
    points = question.points or {}
    return [
        o.model_copy(
            update={"points": {dim: pts[o.id] for dim, pts in points.items() if o.id in pts}}
        )
        for o in option_set.options
    ]


def test_kept_options_equal_fresh_copies(content):
    q = content.questionnaire
    questions = [x for x in q.questions.values() if x.option_set is not None]
    assert questions
    for question in questions:
        first = q.options(question)
        assert first == _fresh(q, question)
        assert q.options(question) == first
        first.clear()  # a caller changing its list changes nothing kept
        assert q.options(question) == _fresh(q, question)


def test_a_changed_question_gets_its_own_options(content):
    q = content.questionnaire
    question = next(x for x in q.questions.values() if x.option_set is not None and x.points)
    q.options(question)  # kept for the questionnaire's own question
    dim, points = next(iter(question.points.items()))
    changed = question.model_copy(update={"points": {dim: {k: 99.0 for k in points}}})
    assert all(o.points.get(dim) == 99.0 for o in q.options(changed) if o.id in points)
    assert q.options(question) == _fresh(q, question)


def test_kept_dimensions_equal_fresh_ones_and_a_changed_question_gets_its_own(content):
    q = content.questionnaire
    for question in q.questions.values():
        assert q.dimensions_of(question) == q._dimensions_of(question)
        q.dimensions_of(question).clear()  # the caller's set, not the kept one
        assert q.dimensions_of(question) == q._dimensions_of(question)
    question = next(x for x in q.questions.values() if x.curve)
    changed = question.model_copy(update={"curve": {}})
    assert q.dimensions_of(changed) != q.dimensions_of(question)
