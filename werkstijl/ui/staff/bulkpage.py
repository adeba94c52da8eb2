"""Group PDFs for a trainer: upload a CSV, check the plan, generate with a progress bar, download.

The work is done by werkstijl.bulk (the same code as `python -m werkstijl bulk`); this page only
shows the plan first, so nobody waits for PDFs of a file with the wrong columns.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from werkstijl.content import Content
from werkstijl.ui.context import AppContext
from werkstijl.ui.staff.strings import t

if TYPE_CHECKING:  # werkstijl.bulk is imported when the page needs it, not at app start
    from werkstijl.bulk import Plan

RESULT_KEY = "staff_bulk_result"
PARALLEL_FROM = 40  # below this, one process is faster than starting worker processes


def plan_frames(plan: Plan, content: Content) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows that will be used, rows that will not with the reason), for the preview tables."""

    def profile_name(pid: str | None) -> str:
        return content.profile(pid).name.nl if pid else ""

    used = pd.DataFrame(
        [
            {
                t("row"): p.number,
                t("name"): p.name,
                t("profile"): profile_name(p.profile_id),
                t("col_email"): p.email,
                t("reason"): p.email_problem or "",
            }
            for p in plan.usable
        ]
    )
    unused = pd.DataFrame(
        [{t("row"): p.number, t("name"): p.name, t("reason"): p.error} for p in plan.failed]
    )
    return used, unused


def _generate(ctx: AppContext, plan: Plan, content: Content, options: dict[str, Any]) -> bytes:
    from werkstijl.bulk import generate, zip_bytes

    bar = st.progress(0.0, text=t("generating", done=0, total=len(plan.usable) + 1))

    def on_progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=t("generating", done=done, total=total))

    jobs = 1 if len(plan.usable) < PARALLEL_FROM else min(4, os.cpu_count() or 1)
    out_dir = Path(tempfile.mkdtemp(prefix="werkstijl-bulk-"))
    try:
        outcome = generate(
            plan,
            out_dir / "groep",
            content=content,
            settings=ctx.settings,
            jobs=jobs,
            on_progress=on_progress,
            **options,
        )
        if outcome.queued:
            st.info(t("bulk_queued", count=outcome.queued))
        if outcome.queued_before:
            st.info(t("bulk_queued_before", count=outcome.queued_before))
        return zip_bytes(outcome)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


def _plan(data: bytes, content: Content) -> Plan | None:
    from werkstijl.bulk import BulkInputError, read_participants

    try:
        return read_participants(data, content)
    except BulkInputError as exc:
        st.error(f"{t('bulk_unusable')} {exc}")
        return None


def _options(ctx: AppContext, plan: Plan) -> dict[str, Any]:
    """Language, template, group title and whether to mail each PDF: the `bulk` flags."""
    from werkstijl.report import template_names

    left, right = st.columns(2)
    lang = left.selectbox(t("pdf_lang"), ["nl", "en"], format_func=str.upper, key="staff_bulk_lang")
    templates = template_names(ctx.settings.templates_dir) or ["default"]
    template = right.selectbox(t("template"), templates, key="staff_bulk_template")
    title = st.text_input(t("bulk_group_title"), key="staff_bulk_title").strip() or None
    with_address = sum(1 for p in plan.usable if p.email and not p.email_problem)
    send = with_address > 0 and st.checkbox(
        t("bulk_send", count=with_address),
        key="staff_bulk_send",
        help=None if ctx.settings.smtp_configured else t("outbox_mail_off"),
    )
    return {"lang": lang, "template": template, "title": title, "send": send}


def render(ctx: AppContext) -> None:
    st.title(t("bulk_title"))
    st.caption(t("bulk_intro"))
    content = ctx.live.current()
    if content is None:
        st.info(t("no_content"))
        return
    upload = st.file_uploader(t("upload"), type=["csv", "txt"], key="staff_bulk_upload")
    if upload is None:
        return
    data = upload.getvalue()
    plan = _plan(data, content)
    if plan is None:
        return
    _show_plan(plan, content)
    options = _options(ctx, plan)
    # The zip offered below must belong to this file, these options and this content.
    key = (hashlib.sha256(data).hexdigest(), *options.values(), content.version)
    if plan.usable and st.button(t("generate"), type="primary", key="staff_bulk_go"):
        try:
            st.session_state[RESULT_KEY] = (key, _generate(ctx, plan, content, options))
        except Exception as exc:  # a broken template or a full disk: say so, keep the page
            st.error(f"{t('bulk_unusable')} {exc}")
            return
    _offer_zip(key)


def _show_plan(plan: Plan, content: Content) -> None:
    """The rows that will be used and those that will not (with the reason), before any work."""
    used, unused = plan_frames(plan, content)
    st.success(t("rows_ok", count=len(used)))
    if not used.empty:
        st.dataframe(used, hide_index=True, width="stretch")
    if not unused.empty:
        st.warning(t("rows_bad", count=len(unused)))
        st.dataframe(unused, hide_index=True, width="stretch")
    for note in plan.notes:
        st.caption(note)


def _offer_zip(key: tuple[object, ...]) -> None:
    done = st.session_state.get(RESULT_KEY)
    if done and done[0] == key:
        st.success(t("bulk_done"))
        st.download_button(
            t("download_zip"),
            done[1],
            file_name="groep.zip",
            mime="application/zip",
            key="staff_bulk_download",
        )
