"""Storage: SQLAlchemy 2 on a SQLite file by default, PostgreSQL by URL.

`Store(url)` creates its tables on first start. Quiz data (results, events, tip ratings) is
anonymous; personal data lives only in leads and the outbox, which `Store.forget` clears.
"""

from __future__ import annotations

from .content import ContentStore, ContentVersion, Draft, VersionInfo
from .insights import InsightStore
from .leads import OPTIN_VALID, LeadStore, address_key, excel_safe, mailbox, new_optin_token
from .models import EVENT_KINDS, utcnow
from .outbox import STALE_AFTER, UNSURE_WAIT, OutboxStore
from .quiz import QuizStore
from .records import (
    ClaimedMail,
    DayCount,
    ForgetCounts,
    Funnel,
    Lead,
    LimitKeys,
    MailState,
    NewLead,
    NewMail,
    OutboxCounts,
    OutboxMail,
    SavedLead,
    SourceCount,
    TipStat,
)
from .throttle import LoginGate, ThrottlePolicy, ThrottleStore

DEFAULT_URL = "sqlite:///data/werkstijl.db"


class Store(QuizStore, LeadStore, OutboxStore, InsightStore, ThrottleStore, ContentStore):
    """The one storage object the app, the CLI and the staff pages share."""

    def __init__(self, url: str = DEFAULT_URL) -> None:
        super().__init__(url)


__all__ = [
    "DEFAULT_URL",
    "EVENT_KINDS",
    "OPTIN_VALID",
    "STALE_AFTER",
    "UNSURE_WAIT",
    "ClaimedMail",
    "ContentStore",
    "ContentVersion",
    "DayCount",
    "Draft",
    "ForgetCounts",
    "Funnel",
    "Lead",
    "LimitKeys",
    "LoginGate",
    "MailState",
    "NewLead",
    "NewMail",
    "OutboxCounts",
    "OutboxMail",
    "SavedLead",
    "SourceCount",
    "Store",
    "ThrottlePolicy",
    "TipStat",
    "VersionInfo",
    "address_key",
    "excel_safe",
    "mailbox",
    "new_optin_token",
    "utcnow",
]
