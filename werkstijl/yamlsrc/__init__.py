"""The one YAML reader, below both content and report: text in, pydantic models (or located problems) out.

Content (profiles, questions, tips, site texts) and the PDF templates are read through it; it imports
neither, so no package imports one that imports it back.
"""

from werkstijl.yamlsrc.reader import (
    Loc,
    Located,
    M,
    Problem,
    load_model,
    load_text,
    parse,
    parse_text,
    read_source,
    relative,
    validate,
)
from werkstijl.yamlsrc.textcheck import comment_cuts

__all__ = [
    "Loc",
    "Located",
    "M",
    "Problem",
    "comment_cuts",
    "load_model",
    "load_text",
    "parse",
    "parse_text",
    "read_source",
    "relative",
    "validate",
]
