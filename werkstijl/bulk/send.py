"""`--send`: each participant's PDF and calendar file into the outbox, addressed to them (the
outbox worker sends)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from werkstijl.bulk.csvin import Participant
from werkstijl.bulk.output import Issue
from werkstijl.content.models import Content, Lang
from werkstijl.settings import Settings

NOT_SENT = "PDF written, not sent"


def queue_pdfs(
    participants: Sequence[Participant],
    out_dir: Path,
    *,
    content: Content,
    settings: Settings,
    lang: Lang,
) -> tuple[int, list[Issue]]:
    """Queues one mail per participant with a valid address; (mails queued, rows not queued)."""
    from werkstijl.bulk.render import participant_plan
    from werkstijl.delivery.limits import InvalidAddress
    from werkstijl.delivery.message import first_step_text
    from werkstijl.delivery.request import queue_bulk_mail
    from werkstijl.storage import Store

    issues: list[Issue] = []
    ready = []
    for p in participants:
        if not p.email:
            issues.append(Issue(p.number, p.name, f"no e-mail address; {NOT_SENT}"))
        elif p.email_problem:
            issues.append(Issue(p.number, p.name, f"{p.email_problem}; {NOT_SENT}"))
        else:
            ready.append(p)
    if not ready:
        return 0, issues
    queued = 0
    try:
        store = Store(settings.database_url)
    except SQLAlchemyError as exc:
        return 0, issues + _not_queued(ready, exc)
    try:
        for index, p in enumerate(ready):
            profile_name = content.profile(p.profile_id or "").name.get(lang)
            plan = participant_plan(content, p.profile_id or "", p.result)
            try:
                queue_bulk_mail(
                    store,
                    content.site,
                    name=p.name,
                    email=p.email,
                    lang=lang,
                    profile_id=p.profile_id or "",
                    profile_name=profile_name,
                    pdf=(out_dir / p.file_name).read_bytes(),
                    first_step=first_step_text(plan, lang),
                    calendar=(out_dir / p.calendar_name).read_bytes(),
                    check_deliverability=settings.check_deliverability,
                )
                queued += 1
            except InvalidAddress as exc:
                issues.append(
                    Issue(
                        p.number,
                        p.name,
                        f"invalid e-mail address ({str(exc).rstrip('.')}); {NOT_SENT}",
                    )
                )
            except SQLAlchemyError as exc:  # database gone mid-way: report the rest, stop
                return queued, issues + _not_queued(ready[index:], exc)
    finally:
        store.close()
    return queued, issues


def _not_queued(participants: Sequence[Participant], exc: Exception) -> list[Issue]:
    reason = f"mail not queued, the database is unavailable ({type(exc).__name__}); {NOT_SENT}"
    return [Issue(p.number, p.name, reason) for p in participants]
