"""Group PDFs for a trainer: upload the participant list (Excel or CSV), check the plan, generate
with a progress bar, read the summary, download the zip.

The work is done by werkstijl.bulk (the same code as `python -m werkstijl bulk`); this page only
shows the plan first, so nobody waits for PDFs of a file with the wrong columns. The plan is made
once per upload (and staff language), not on every rerun: a big list takes seconds to check.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from werkstijl.content import Content
from werkstijl.content.markup import plain_text
from werkstijl.content.models import slugify
from werkstijl.content.wording import message_language, os_reason
from werkstijl.plan import plan_today
from werkstijl.ui.context import AppContext
from werkstijl.ui.staff.strings import lang, t

if TYPE_CHECKING:  # werkstijl.bulk is imported when the page needs it, not at app start
    from werkstijl.bulk import BulkOutcome, Plan

PLAN_KEY = "staff_bulk_plan"
RESULT_KEY = "staff_bulk_result"
SLUG_MAX = 60  # of the title in the zip's name
# The "Reden" column's width in pixels: Streamlit's "large" at least, else about 7.5 px per
# character of the longest reason (its default font) plus the cell's padding.
REASON_MIN_WIDTH = 400
REASON_PX_PER_CHAR = 7.5
REASON_PADDING = 24
PARALLEL_FROM = 40  # below this, one process is faster than starting worker processes
# What the uploader offers; the bytes decide how the file is read (.xls and .ods get a clear
# message from the reader instead of Streamlit's "files are not allowed").
UPLOAD_TYPES = ["xlsx", "csv", "txt", "tsv", "xls", "ods"]


@dataclass(frozen=True)
class Done:
    """A finished run, kept for the download and the summary until the inputs change."""

    key: tuple[object, ...]
    zip_data: bytes
    zip_name: str
    outcome: BulkOutcome


def _profile_name(content: Content, profile_id: str | None) -> str:
    return plain_text(content.profile(profile_id).name.get(lang())) if profile_id else ""


def plan_frames(plan: Plan, content: Content) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows that will be used, rows that will not with the reason), for the preview tables.
    "Rij" is the row number the spreadsheet shows, so the trainer can find the row."""
    used = pd.DataFrame(
        [
            {
                t("row"): p.sheet_row,
                t("name"): p.name,
                t("profile"): _profile_name(content, p.profile_id),
                t("col_email"): p.email,
                # What to check although the PDF is made: the address, a duplicate, a lost letter.
                t("reason"): "; ".join(w for w in (p.email_problem, *p.warnings) if w),
            }
            for p in plan.usable
        ]
    )
    unused = pd.DataFrame(
        [{t("row"): p.sheet_row, t("name"): p.name, t("reason"): p.error} for p in plan.failed]
    )
    return used, unused


def zip_name(title: str | None, today: date) -> str:
    """`<title>-<date>.zip`, e.g. training-slim-plannen-2026-03-09.zip ("groep-…" untitled)."""
    stem = slugify(title or "")[:SLUG_MAX].strip("-") or t("zip_default")
    return f"{stem}-{today.isoformat()}.zip"


def _generate(ctx: AppContext, plan: Plan, content: Content, options: dict[str, Any]) -> Done:
    from werkstijl.bulk import generate, zip_bytes

    bar = st.progress(0.0, text=t("generating", done=0, total=len(plan.usable) + 1))

    def on_progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=t("generating", done=done, total=total))

    jobs = 1 if len(plan.usable) < PARALLEL_FROM else min(4, os.cpu_count() or 1)
    out_dir = Path(tempfile.mkdtemp(prefix="werkstijl-bulk-"))
    today = options["today"]  # the session date: on the PDFs, week 1 the Monday after it
    try:
        with message_language(lang()):
            outcome = generate(
                plan,
                out_dir / "groep",
                content=content,
                settings=ctx.settings,
                jobs=jobs,
                on_progress=on_progress,
                **options,
            )
            data = zip_bytes(outcome)
        return Done((), data, zip_name(options.get("title"), today), outcome)
    finally:
        bar.empty()  # done (or failed): the summary below says what happened
        shutil.rmtree(out_dir, ignore_errors=True)


def _plan(data: bytes, content: Content) -> Plan | None:
    """The plan of this upload, made once (and again only for other content or language)."""
    from werkstijl.bulk import BulkInputError, read_participants

    key = (hashlib.sha256(data).hexdigest(), content.version, lang())
    kept = st.session_state.get(PLAN_KEY)
    if kept is None or kept[0] != key:
        try:
            with message_language(lang()):
                kept = (key, read_participants(data, content))
        except BulkInputError as exc:
            kept = (key, str(exc))
        st.session_state[PLAN_KEY] = kept
    if isinstance(kept[1], str):
        st.error(f"{t('bulk_unusable')} {kept[1]}")
        return None
    return kept[1]


def _options(ctx: AppContext, plan: Plan) -> dict[str, Any]:
    """Language, template, group title, session date and whether to mail each PDF: the `bulk`
    flags."""
    from werkstijl.report import template_names

    left, right = st.columns(2)
    pdf_lang = left.selectbox(
        t("pdf_lang"), ["nl", "en"], format_func=str.upper, key="staff_bulk_lang"
    )
    templates = template_names(ctx.settings.templates_dir) or ["default"]
    template = right.selectbox(t("template"), templates, key="staff_bulk_template")
    title_col, date_col = st.columns([2, 1])
    title = title_col.text_input(t("bulk_group_title"), key="staff_bulk_title").strip() or None
    session = date_col.date_input(
        t("bulk_session_date"),
        value=plan_today(),  # today where the plans are made (Europe/Amsterdam)
        key="staff_bulk_date",
        format="DD-MM-YYYY",
        help=t("bulk_session_date_help"),
    )
    with_address = sum(
        1 for p in plan.usable if p.email and not p.email_problem and not p.lost_letter
    )
    send = with_address > 0 and st.checkbox(
        t("bulk_send", count=with_address), key="staff_bulk_send"
    )
    if send and not ctx.settings.smtp_configured:  # said before the click, not in a tooltip
        st.warning(t("bulk_send_mail_off"))
    options = {"lang": pdf_lang, "template": template, "title": title, "send": send}
    return options | {"today": session}


def render(ctx: AppContext) -> None:
    st.title(t("bulk_title"))
    st.caption(t("bulk_intro"))
    content = ctx.live.current()
    if content is None:
        st.info(t("no_content"))
        return
    upload = st.file_uploader(t("upload"), type=UPLOAD_TYPES, key="staff_bulk_upload")
    if upload is None:
        return
    data = upload.getvalue()
    plan = _plan(data, content)
    if plan is None:
        return
    _show_plan(plan, content)
    options = _options(ctx, plan)
    # The zip offered below must belong to this file, these options, content and language.
    key = (hashlib.sha256(data).hexdigest(), *options.values(), content.version, lang())
    if plan.usable and st.button(t("generate"), type="primary", key="staff_bulk_go"):
        try:
            done = _generate(ctx, plan, content, options)
        except Exception as exc:  # a broken template or a full disk: say so, keep the page
            with message_language(lang()):
                reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
            st.error(f"{t('bulk_unusable')} {reason}")
            return
        st.session_state[RESULT_KEY] = Done(key, done.zip_data, done.zip_name, done.outcome)
    _show_result(key, content)


def _show_plan(plan: Plan, content: Content) -> None:
    """The rows that will be used and those that will not (with the reason), before any work."""
    st.caption(t("bulk_read_as", source=plan.source))
    for note in plan.notes:
        st.info(note)
    used, unused = plan_frames(plan, content)
    st.success(t("rows_ok", count=len(used)))
    if not used.empty:
        _table(used)
    if not unused.empty:
        st.warning(t("rows_bad", count=len(unused)))
        _table(unused)


def _table(frame: pd.DataFrame) -> None:
    """A table of rows whose "Reden" column is wide enough to read each reason whole (a table
    cell does not wrap; a wider table scrolls sideways instead of cutting words off)."""
    reasons = frame[t("reason")].astype(str) if t("reason") in frame else pd.Series(dtype=str)
    longest = int(reasons.str.len().max()) if not reasons.empty else 0
    width = max(REASON_MIN_WIDTH, round(longest * REASON_PX_PER_CHAR) + REASON_PADDING)
    config = {t("reason"): st.column_config.TextColumn(width=width)}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)


def _show_result(key: tuple[object, ...], content: Content) -> None:
    """What was made (PDFs, skipped rows with reasons, the profile mix, mail) and the zip."""
    done: Done | None = st.session_state.get(RESULT_KEY)
    if done is None or done.key != key:
        return
    outcome = done.outcome
    st.subheader(t("bulk_summary_header"))
    made = "bulk_summary" if outcome.group_report else "bulk_summary_alone"
    st.success(t(made, pdfs=len(outcome.pdfs), rows=outcome.rows))
    mix = pd.DataFrame(
        [
            {t("profile"): _profile_name(content, pid), t("bulk_count"): count}
            for pid, count in outcome.profiles.items()
        ]
    )
    st.dataframe(mix, hide_index=True)
    if outcome.issues:  # the counts of summary.json and the CLI: rows, not messages
        parts = [t("bulk_skipped", count=outcome.failed_rows)] if outcome.failed_rows else []
        parts += [t("bulk_warned", count=outcome.warned_rows)] if outcome.warned_rows else []
        st.warning(" ".join([*parts, t("bulk_reasons")]))
        _table(_issues_frame(outcome))
    if outcome.group_error:
        st.error(t("bulk_group_failed", reason=outcome.group_error))
    # Queued is what is true now; whether each went out is the Leads page's outgoing mail.
    where = f"{t('leads_title')} → {t('outbox_header')}"
    if outcome.queued and outcome.mail_waiting:  # nothing is sent until mail is set up
        st.warning(t("bulk_queued_waiting", count=outcome.queued, where=where))
    elif outcome.queued:
        st.info(t("bulk_queued", count=outcome.queued, where=where))
    if outcome.queued_before:
        st.info(t("bulk_queued_before", count=outcome.queued_before))
    st.download_button(
        t("download_zip"),
        done.zip_data,
        file_name=done.zip_name,
        mime="application/zip",
        key="staff_bulk_download",
        type="primary",
    )


def _issues_frame(outcome: BulkOutcome) -> pd.DataFrame:
    """The rows of errors.csv, as the page shows them (row numbers as the spreadsheet shows)."""
    from werkstijl.content.wording import say

    with message_language(lang()):
        return pd.DataFrame(
            [
                {
                    t("row"): outcome.sheet_rows.get(i.number, ""),
                    t("name"): i.name,
                    t("reason"): i.message if i.fatal else say("bulk.warning", message=i.message),
                }
                for i in outcome.issues
            ]
        )
