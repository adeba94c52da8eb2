"""JSON Schemas of the content files, for editors (autocomplete, underlined mistakes) and messages."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from werkstijl.content.models import GroupTexts, Profile, QuestionFile, SiteTexts, TipFile

# File kind -> model; the YAML files name these schemas in their first line for the editor.
SCHEMAS: dict[str, type[BaseModel]] = {
    "profile": Profile,
    "questions": QuestionFile,
    "tips": TipFile,
    "site": SiteTexts,
    "group": GroupTexts,
}


def _registry() -> dict[str, type[BaseModel]]:
    """Content schemas plus the PDF template's, which is validated the same way."""
    from werkstijl.report.template import TemplateSpec

    return {**SCHEMAS, "template": TemplateSpec}


def _all_models() -> list[type[BaseModel]]:
    import werkstijl.content.models as content_models
    import werkstijl.report.template as template_models

    found = []
    for module in (content_models, template_models):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
                found.append(value)
    return found


@cache
def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def write_schemas(out_dir: Path) -> list[Path]:
    """Write one `<kind>.schema.json` per file kind; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, model in _registry().items():
        target = out_dir / f"{kind}.schema.json"
        target.write_text(json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n")
        written.append(target)
    return written


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    for alternative in node.get("anyOf", []):
        if "properties" in alternative or "$ref" in alternative or "items" in alternative:
            return _resolve(alternative, root)
    return node


def allowed_keys(model_title: str, loc: tuple[str | int, ...]) -> list[str]:
    """The keys a model accepts at `loc` (for 'did you mean' hints); empty when unknown."""
    model = next((m for m in _all_models() if m.__name__ == model_title), None)
    if model is None:
        return []
    root = json_schema(model)
    node = _resolve(root, root)
    for part in loc:
        if isinstance(part, int):
            node = _resolve(node.get("items", {}), root)
        elif part in node.get("properties", {}):
            node = _resolve(node["properties"][part], root)
        elif isinstance(node.get("additionalProperties"), dict):
            node = _resolve(node["additionalProperties"], root)
        else:
            return []
    return list(node.get("properties", {}))
