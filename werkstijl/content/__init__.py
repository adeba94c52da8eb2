"""Content: YAML files edited by marketers, loaded once into validated, cross-checked models."""

from werkstijl.content.live import LiveContent
from werkstijl.content.loader import LoadResult, load_content
from werkstijl.content.models import Content, Lang
from werkstijl.yamlsrc import Problem

__all__ = ["Content", "Lang", "LiveContent", "LoadResult", "Problem", "load_content"]
