"""JSON Schemas generated from the models, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path

from .answers import AnswersFile
from .content import Occupations, Pointers, Questionnaire

SCHEMAS = {
    "answers.schema.json": AnswersFile,
    "questionnaire.schema.json": Questionnaire,
    "occupations.schema.json": Occupations,
    "pointers.schema.json": Pointers,
}


def schema_texts() -> dict[str, str]:
    """File name -> schema text, as published in resources/schemas/."""
    return {
        name: json.dumps(model.model_json_schema(by_alias=True), indent=2, ensure_ascii=False)
        + "\n"
        for name, model in SCHEMAS.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
