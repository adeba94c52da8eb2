"""Leads: search (case and accents ignored), an Excel-safe CSV export, erasure of an address after a
confirmation, and the mail outbox: whether mail can be delivered at all, every mail with its
state, and retry or cancel for the ones that wait or failed.

Addresses are shown to logged-in staff only, masked in the outbox list, and never logged. Actions
run in button callbacks, before the page is drawn, so the tables below already show their effect.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd
import streamlit as st

from werkstijl.content.wording import message_language
from werkstijl.delivery import check_mail, describe, last_health, mask_email, run_pass, send_soon
from werkstijl.delivery.reasons import reason_words
from werkstijl.storage import Lead, OutboxMail
from werkstijl.storage.leads import CSV_COLUMNS
from werkstijl.ui.context import AppContext
from werkstijl.ui.staff.period import local_time
from werkstijl.ui.staff.sources import source_label
from werkstijl.ui.staff.strings import lang, t

TABLE_LIMIT = 500  # the table shows the newest; the export always holds every match
OUTBOX_LIMIT = 200
FORGET_ADDRESS, FORGET_SURE, FORGET_RESULT = (
    "staff_forget_address",
    "staff_forget_sure",
    "staff_forget_result",
)
OUTBOX_RESULT, OUTBOX_PICK = "staff_outbox_result", "staff_outbox_pick"


def profile_names(ctx: AppContext) -> dict[str, str]:
    """Profile id -> its name in the staff language (ids of removed profiles stay ids)."""
    content = ctx.live.current()
    if content is None:
        return {}
    return {p.id: p.name.get(lang()) for p in content.profiles}


def leads_frame(leads: list[Lead], names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The leads table, with column headers in the staff language and profiles by name."""
    names = names or {}
    return pd.DataFrame(
        [
            {
                t("name"): lead.name,
                t("col_email"): lead.email,
                t("col_lang"): lead.lang,
                t("profile"): names.get(lead.profile, lead.profile) if lead.profile else "",
                t("col_pdf"): lead.consent_pdf,
                t("col_updates"): lead.consent_updates_requested,
                t("col_confirmed"): local_time(lead.updates_confirmed_at),
                t("col_date"): local_time(lead.created_at),
                t("source"): source_label(lead.source) if lead.source else "",
            }
            for lead in leads
        ]
    )


def export_bytes(ctx: AppContext, search: str) -> bytes:
    """The store's export (formula-like cells neutralised), with a BOM so Excel reads UTF-8;
    column names and yes/no in the staff language (the columns themselves never change)."""
    header = [t(f"csv_{column}") for column in CSV_COLUMNS]
    yes_no = (t("csv_yes"), t("csv_no"))
    csv_text = ctx.store.export_leads_csv(search or None, header=header, yes_no=yes_no)
    return csv_text.encode("utf-8-sig")


def _erase(ctx: AppContext) -> None:
    """The erase button's callback: runs before the page is drawn, so the table is current."""
    state = st.session_state
    address = str(state.get(FORGET_ADDRESS) or "").strip()
    if not address:
        return
    if not state.get(FORGET_SURE):
        state[FORGET_RESULT] = ("warning", t("forget_need_confirm"))
        return
    counts = ctx.store.forget(address)
    state[FORGET_SURE] = False  # the next erase needs its own confirmation
    if counts.leads or counts.outbox:
        state[FORGET_ADDRESS] = ""
        state[FORGET_RESULT] = (
            "success",
            t(
                "forgotten",
                leads=t("n_leads", count=counts.leads),
                outbox=t("n_mails", count=counts.outbox),
                attachments=t("n_pdfs", count=counts.attachments),
            ),
        )
    else:
        shown = address.replace("`", "")  # shown as code: no link, no markdown
        state[FORGET_RESULT] = ("warning", t("forget_nothing", address=shown))


def _forget(ctx: AppContext) -> None:
    st.subheader(t("forget_header"))
    with st.form("staff_forget", clear_on_submit=False):
        st.text_input(t("forget_address"), key=FORGET_ADDRESS)
        st.checkbox(t("forget_confirm"), key=FORGET_SURE)
        st.form_submit_button(t("forget_button"), type="primary", on_click=_erase, args=(ctx,))
    if result := st.session_state.pop(FORGET_RESULT, None):
        kind, text = result
        (st.success if kind == "success" else st.warning)(text)


def _send_now(ctx: AppContext) -> None:
    stats = run_pass(ctx.store, ctx.settings, retry_now=True)
    message = t("outbox_sent_now", sent=stats.sent, retried=stats.retried, failed=stats.failed)
    st.session_state[OUTBOX_RESULT] = ("success" if stats.clean else "warning", message)


def _check_now(ctx: AppContext) -> None:
    check_mail(ctx.settings)


def _retry(ctx: AppContext) -> None:
    chosen = list(st.session_state.get(OUTBOX_PICK) or [])
    done = ctx.store.retry_mails(chosen)
    st.session_state[OUTBOX_PICK] = []
    message = t("outbox_retried", done=done, count=len(chosen))
    if done < len(chosen):
        message += " " + t("outbox_not_retryable")
    st.session_state[OUTBOX_RESULT] = ("success" if done == len(chosen) else "warning", message)
    # Now, rather than at a worker's next pass; the page then shows how it went.
    if done and (thread := send_soon(ctx.store, ctx.settings, chosen)) is not None:
        thread.join(timeout=ctx.settings.smtp_timeout * 2 * len(chosen))


def _cancel(ctx: AppContext) -> None:
    chosen = list(st.session_state.get(OUTBOX_PICK) or [])
    done = ctx.store.cancel_mails(chosen)
    st.session_state[OUTBOX_PICK] = []
    kind = "success" if done == len(chosen) else "warning"
    st.session_state[OUTBOX_RESULT] = (kind, t("outbox_cancelled", done=done, count=len(chosen)))


def _mail_setup(ctx: AppContext) -> None:
    """Whether mail can be delivered with this configuration, in the staff language."""
    health = last_health()
    if health is None and ctx.settings.smtp_configured:
        health = check_mail(ctx.settings)  # the start-up check has not finished yet
    if not ctx.settings.smtp_configured:
        st.info(t("outbox_mail_off"))
        return
    line = describe(health, ctx.settings, lang()) if health else ""
    if health is not None and health.ok:
        st.success(line)
    elif health is not None:
        st.error(line)
    st.button(t("outbox_check"), key="staff_outbox_check", on_click=_check_now, args=(ctx,))


def status_label(mail: OutboxMail) -> str:
    if mail.status == "pending" and mail.unsure:
        return t("outbox_state_unsure")
    if mail.status == "pending" and mail.last_error:
        return t("outbox_state_retry")
    return t(f"outbox_state_{mail.status}")


def _reason(stored: str | None) -> str:
    """A mail's last error (stored in English) in the staff language; the server's own words
    inside it stay as they are."""
    if not stored:
        return ""
    with message_language(lang()):
        return reason_words(stored)


def outbox_frame(mails: list[OutboxMail]) -> pd.DataFrame:
    """The outbox list: masked address, state, tries, last error (headers in the staff language)."""
    return pd.DataFrame(
        [
            {
                t("outbox_col_id"): mail.id,
                t("outbox_col_kind"): t(f"outbox_kind_{mail.kind}"),
                t("outbox_col_to"): mask_email(mail.to_email),
                t("outbox_col_state"): status_label(mail),
                t("outbox_col_tries"): mail.attempts,
                t("outbox_col_error"): _reason(mail.last_error),
                t("outbox_col_created"): local_time(mail.created_at),
                t("outbox_col_sent"): local_time(mail.sent_at),
            }
            for mail in mails
        ]
    )


def _mail_list(ctx: AppContext) -> None:
    mails = ctx.store.outbox_mails(OUTBOX_LIMIT)
    if not mails:
        st.caption(t("outbox_empty"))
        return
    st.dataframe(outbox_frame(mails), hide_index=True, width="stretch")
    open_mails = {m.id: m for m in mails if m.status in ("pending", "failed")}
    if not open_mails:
        return
    st.multiselect(
        t("outbox_pick"),
        options=list(open_mails),
        format_func=lambda i: (
            f"#{i} · {mask_email(open_mails[i].to_email)} · {status_label(open_mails[i])}"
        ),
        key=OUTBOX_PICK,
        placeholder=t("outbox_pick_placeholder"),
    )
    with st.container(horizontal=True):
        st.button(t("outbox_retry"), key="staff_outbox_retry", on_click=_retry, args=(ctx,))
        st.button(t("outbox_cancel"), key="staff_outbox_cancel", on_click=_cancel, args=(ctx,))


def _outbox(ctx: AppContext) -> None:
    st.subheader(t("outbox_header"))
    if result := st.session_state.pop(OUTBOX_RESULT, None):
        kind, text = result
        (st.success if kind == "success" else st.warning)(text)
    _mail_setup(ctx)
    counts = ctx.store.outbox_counts()
    columns = st.columns(4)
    for column, key, value in zip(
        columns,
        ("outbox_pending", "outbox_sending", "outbox_sent", "outbox_failed"),
        (counts.pending, counts.sending, counts.sent, counts.failed),
        strict=True,
    ):
        column.metric(t(key), value)
    if ctx.settings.smtp_configured and counts.pending:
        st.button(t("outbox_send_now"), key="staff_outbox_send", on_click=_send_now, args=(ctx,))
    _mail_list(ctx)


def render(ctx: AppContext) -> None:
    st.title(t("leads_title"))
    search = st.text_input(t("search"), key="staff_leads_search").strip()
    leads = ctx.store.leads(search or None, limit=TABLE_LIMIT)
    st.caption(t("leads_count", count=len(leads)))
    if leads:
        st.dataframe(leads_frame(leads, profile_names(ctx)), hide_index=True, width="stretch")
    st.download_button(
        t("export"),
        data=export_bytes(ctx, search),
        file_name=f"leads-{date.today().isoformat()}.csv",
        mime="text/csv",
        key="staff_leads_export",
    )
    st.caption(t("export_utc"))
    _forget(ctx)
    _outbox(ctx)
