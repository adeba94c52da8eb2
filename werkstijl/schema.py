"""JSON Schemas of the content and template files, for editors (autocomplete, underlined mistakes).

Above both content and report (it names models of each), like check.py and the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from werkstijl.content.models import GroupTexts, Profile, QuestionFile, SiteTexts, TipFile
from werkstijl.report.template import TemplateSpec

# File kind -> model; the YAML files name these schemas in their first line for the editor.
SCHEMAS: dict[str, type[BaseModel]] = {
    "profile": Profile,
    "questions": QuestionFile,
    "tips": TipFile,
    "site": SiteTexts,
    "group": GroupTexts,
    "template": TemplateSpec,  # the PDF template is validated the same way
}


def write_schemas(out_dir: Path) -> list[Path]:
    """Write one `<kind>.schema.json` per file kind; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, model in SCHEMAS.items():
        target = out_dir / f"{kind}.schema.json"
        target.write_text(
            json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
        )
        written.append(target)
    return written
