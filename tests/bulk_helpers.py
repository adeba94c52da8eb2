"""What the bulk tests share: the shipped content, a settings object with mail off on its own
SQLite file, and answers that give a profile a clear win.

conftest.py loads this module as a plugin, so `content` and `settings` are fixtures in every test
module that does not define its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from werkstijl.content import Content, load_content
from werkstijl.settings import Settings

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def content() -> Content:
    loaded = load_content(REPO)
    assert loaded.content is not None, loaded.errors
    return loaded.content


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'bulk.db'}", smtp_host=None)


def answers_for(content: Content, profile_id: str) -> list[int]:
    """Per question the option giving `profile_id` the most points: a clear win for it."""
    return [
        max(range(len(q.options)), key=lambda i: q.options[i].scores.get(profile_id, 0)) + 1
        for q in content.questions
    ]
