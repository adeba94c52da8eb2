"""`--send`: each participant's PDF and calendar file into the outbox, addressed to them (the
outbox worker sends).

Once per participant: a run of the same file after a crash or an exit-1 run queues only the mails
that were not queued before (see `werkstijl.delivery.request.queue_bulk_mail`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from werkstijl.bulk.csvin import Participant
from werkstijl.bulk.output import Issue
from werkstijl.content.models import Content, Lang
from werkstijl.settings import Settings

NOT_SENT = "PDF written, not sent"


@dataclass
class Queued:
    count: int = 0  # mails queued by this run
    before: int = 0  # participants whose mail an earlier run queued (not queued again)
    issues: list[Issue] = field(default_factory=list)  # rows whose mail could not be queued


def queue_pdfs(
    participants: Sequence[Participant],
    out_dir: Path,
    *,
    content: Content,
    settings: Settings,
    lang: Lang,
    today: date,
) -> Queued:
    """Queues one mail per participant with a valid address, unless queued before."""
    from werkstijl.bulk.render import participant_plan
    from werkstijl.delivery.limits import InvalidAddress
    from werkstijl.delivery.message import first_step_text
    from werkstijl.delivery.request import queue_bulk_mail
    from werkstijl.storage import Store

    result, ready = Queued(), []
    for p in participants:
        if not p.email:
            result.issues.append(Issue(p.number, p.name, f"no e-mail address; {NOT_SENT}"))
        elif p.email_problem:
            result.issues.append(Issue(p.number, p.name, f"{p.email_problem}; {NOT_SENT}"))
        else:
            ready.append(p)
    if not ready:
        return result
    try:
        store = Store(settings.database_url)
    except SQLAlchemyError as exc:
        result.issues += _not_queued(ready, exc)
        return result
    try:
        for index, p in enumerate(ready):
            profile_name = content.profile(p.profile_id or "").name.get(lang)
            plan = participant_plan(content, p.profile_id or "", p.result)
            try:
                outbox_id = queue_bulk_mail(
                    store,
                    content.site,
                    name=p.name,
                    email=p.email,
                    lang=lang,
                    profile_id=p.profile_id or "",
                    profile_name=profile_name,
                    pdf=(out_dir / p.file_name).read_bytes(),
                    first_step=first_step_text(plan, lang, today),
                    calendar=(out_dir / p.calendar_name).read_bytes(),
                    check_deliverability=settings.check_deliverability,
                )
            except InvalidAddress as exc:
                reason = f"invalid e-mail address ({str(exc).rstrip('.')}); {NOT_SENT}"
                result.issues.append(Issue(p.number, p.name, reason))
                continue
            except SQLAlchemyError as exc:  # database gone mid-way: report the rest, stop
                result.issues += _not_queued(ready[index:], exc)
                return result
            if outbox_id is None:
                result.before += 1
            else:
                result.count += 1
    finally:
        store.close()
    return result


def _not_queued(participants: Sequence[Participant], exc: Exception) -> list[Issue]:
    reason = f"mail not queued, the database is unavailable ({type(exc).__name__}); {NOT_SENT}"
    return [Issue(p.number, p.name, reason) for p in participants]
