"""Configuration from WERKSTIJL_* environment variables (see CONTRACT.md), with safe defaults.

Defaults let the app run with nothing configured: SQLite in data/, no mail, staff pages closed.
"""

from __future__ import annotations

import os
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]
MAX_RETENTION_DAYS = 36_500  # a hundred years; more is a typo (and past the calendar's range)
_TRUE, _FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}


class StartTls(StrEnum):
    """WERKSTIJL_SMTP_STARTTLS: `auto` uses STARTTLS when the server offers it and requires it
    when a user is set (a password never goes over a plain line); `true` always requires it;
    `false` never uses it (a local relay)."""

    auto = "auto"
    true = "true"
    false = "false"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WERKSTIJL_", extra="ignore")

    content_dir: Path = REPO_ROOT
    templates_dir: Path = REPO_ROOT / "pdf_templates"
    database_url: str = "sqlite:///data/werkstijl.db"

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: StartTls = StartTls.auto
    smtp_ssl: bool = False  # implicit TLS (port 465) instead of STARTTLS
    smtp_timeout: float = 15.0
    mail_from: str = "Werkstijltest <noreply@werkstijltest.nl>"

    staff_password: str | None = None
    staff_password_hash: str | None = (
        None  # "pbkdf2_sha256$iterations$salt$hash", instead of a plain one
    )

    lead_gate: bool = False  # True: the PDF download needs the e-mail form first
    public_url: str = "http://localhost:8501"  # for links in mails (double opt-in)
    mail_per_address_per_day: int = Field(default=3, ge=1)
    # Per client (its IP address, see werkstijl/ui/client.py) over a sliding window: a reload or
    # a new quiz run does not reset it, an office behind one address can still ask a few times.
    mail_per_client: int = Field(default=10, ge=1)
    mail_client_window_minutes: int = Field(default=60, ge=1)
    check_deliverability: bool = False  # DNS lookups of the mail domain; off in tests
    outbox_max_attempts: int = Field(default=6, ge=1)
    outbox_in_app: bool = True  # the app retries queued mail itself; no separate worker needed
    outbox_poll_s: float = Field(default=60.0, gt=0)
    # As promised in texts/site.yaml (privacy).
    lead_retention_days: int = Field(default=365, ge=1, le=MAX_RETENTION_DAYS)
    # Content studio: how often each app process looks for a newer published version.
    content_poll_s: float = Field(default=2.0, gt=0)
    # Reverse proxies in front of the app whose X-Forwarded-For is trusted for the client's
    # address (staff lockout, per-client limits); 0: the connection's own address is used.
    trusted_proxies: int = Field(default=0, ge=0)
    # Sites that may show the quiz in an <iframe> (embedding on a blog): space- or
    # comma-separated origins such as "https://www.example.nl https://*.example.nl"; unset,
    # only the app itself may frame it (werkstijl/web.py).
    embed_origins: str = ""

    @field_validator("smtp_starttls", mode="before")
    @classmethod
    def _starttls_mode(cls, value: object) -> object:
        """Accepts auto/true/false in any case, yes/no/1/0, and Python booleans."""
        if isinstance(value, bool):
            return StartTls.true if value else StartTls.false
        text = str(value).strip().lower()
        if text in _TRUE:
            return StartTls.true
        if text in _FALSE:
            return StartTls.false
        return text

    @property
    def smtp_configured(self) -> bool:
        return bool(self.smtp_host)

    @property
    def gate_on(self) -> bool:
        """Whether the download waits for the mail form: only with mail on (without mail there
        is no form, and a gate would lock the PDF away; get_context warns about it)."""
        return self.lead_gate and self.smtp_configured

    @property
    def staff_open(self) -> bool:
        return bool(self.staff_password or self.staff_password_hash)


def secrets_to_env() -> None:
    """Streamlit secrets may set the same WERKSTIJL_* variables as the environment (which wins)."""
    import streamlit as st  # only the app has secrets; the CLI never gets here

    try:
        items = dict(st.secrets)
    except Exception:  # no secrets.toml at all: Streamlit raises rather than returning {}
        return
    for key, value in items.items():
        if key.startswith("WERKSTIJL_") and key not in os.environ:
            os.environ[key] = str(value)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once per process; tests build `Settings(...)` directly instead."""
    return Settings()
