"""`--send`: each participant's PDF and calendar file into the outbox, addressed to them (the
outbox worker sends). Reasons for errors.csv are worded in the current message language.

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
from werkstijl.content.wording import say
from werkstijl.settings import Settings


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
    title: str | None = None,
) -> Queued:
    """Queues one mail per participant with a valid address, unless queued before; the mail is
    the trainer's, naming the training's `title`. A name a Windows-1252 export garbled ('?' for
    a letter) is never mailed: the participant would get a mail greeting them wrongly. Their
    issue says so; after the name is fixed, a rerun mails them (once)."""
    from werkstijl.bulk.render import participant_plan
    from werkstijl.delivery.limits import InvalidAddress, address_words
    from werkstijl.delivery.message import first_step_text
    from werkstijl.delivery.request import queue_bulk_mail
    from werkstijl.storage import Store

    result, ready = Queued(), []
    for p in participants:
        if not p.email:
            result.issues.append(_not_sent(p, say("bulk.no_address")))
        elif p.email_problem:
            result.issues.append(_not_sent(p, p.email_problem))
        elif p.lost_letter:
            result.issues.append(Issue(p.number, p.name, say("bulk.lost_letter_not_mailed")))
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
                    title=title,
                )
            except InvalidAddress as exc:
                problem = say("bulk.email_invalid", reason=address_words(exc))
                result.issues.append(_not_sent(p, problem))
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


def _not_sent(p: Participant, problem: str) -> Issue:
    """The errors.csv line of a participant whose PDF was made but not queued, and why."""
    return Issue(p.number, p.name, say("bulk.not_sent", problem=problem))


def _not_queued(participants: Sequence[Participant], exc: Exception) -> list[Issue]:
    problem = say("bulk.db_unavailable", reason=type(exc).__name__)
    return [_not_sent(p, problem) for p in participants]
