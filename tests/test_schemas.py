"""The published JSON Schemas match the models, and the examples fit the answers schema."""

from __future__ import annotations

import json

from solo_check.paths import resources_dir
from solo_check.schemas import schema_texts

from .conftest import EXAMPLES


def test_published_schemas_are_up_to_date():
    folder = resources_dir() / "schemas"
    for name, text in schema_texts().items():
        published = (folder / name).read_text(encoding="utf-8")
        assert published == text, (
            f"{name} is stale: run `solo-check write-schemas resources/schemas`"
        )


def test_examples_use_only_fields_of_the_answers_schema():
    schema = json.loads((resources_dir() / "schemas" / "answers.schema.json").read_text())
    allowed = set(schema["properties"])
    required = set(schema["required"])
    for path in EXAMPLES.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert set(data) <= allowed, path.name
        assert required <= set(data), path.name
