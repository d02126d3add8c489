"""docs/question-ids.md, which rule authors rely on, lists the real ids."""

from __future__ import annotations

import re

from .conftest import ROOT


def test_question_ids_doc_matches_the_questionnaire(content):
    doc = (ROOT / "docs" / "question-ids.md").read_text(encoding="utf-8")
    q = content.questionnaire
    listed = set()
    for line in doc.splitlines():
        match = re.match(r"^- ([a-z_, ]+) \[(\w+)\]", line)
        if not match:
            continue
        ids = [i.strip() for i in match.group(1).split(",")]
        listed.update(ids)
        for qid in ids:
            assert qid in q.questions, f"{qid} is in the doc but not in the questionnaire"
            question = q.questions[qid]
            assert match.group(2) == question.type, qid
            if question.type in ("single", "multi", "scale"):
                options = line.split(":", 1)[1]
                for option in q.options(question):
                    assert re.search(rf"\b{option.id}\b", options), (qid, option.id)
    assert listed == set(q.questions)
