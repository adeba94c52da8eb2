"""Leads: search, an Excel-safe CSV export, erasure of an address after a confirmation, and the
state of the mail outbox (with a way to send what waits, e.g. after an SMTP outage).

Addresses are shown to logged-in staff only and never logged.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from werkstijl.delivery import run_pass
from werkstijl.storage import Lead
from werkstijl.ui.context import AppContext
from werkstijl.ui.staff.sources import source_label
from werkstijl.ui.staff.strings import t

TABLE_LIMIT = 500  # the table shows the newest; the export always holds every match


def leads_frame(leads: list[Lead]) -> pd.DataFrame:
    """The leads table, with column headers in the staff language."""
    return pd.DataFrame(
        [
            {
                t("name"): lead.name,
                t("col_email"): lead.email,
                t("col_lang"): lead.lang,
                t("profile"): lead.profile,
                t("col_pdf"): lead.consent_pdf,
                t("col_updates"): lead.consent_updates_requested,
                t("col_confirmed"): lead.updates_confirmed_at,
                t("col_date"): lead.created_at,
                t("source"): source_label(lead.source) if lead.source else "",
            }
            for lead in leads
        ]
    )


def export_bytes(ctx: AppContext, search: str) -> bytes:
    """The store's export (formula-like cells neutralised), with a BOM so Excel reads UTF-8."""
    return ctx.store.export_leads_csv(search or None).encode("utf-8-sig")


def _forget(ctx: AppContext) -> None:
    st.subheader(t("forget_header"))
    with st.form("staff_forget", clear_on_submit=False):
        address = st.text_input(t("forget_address"), key="staff_forget_address")
        sure = st.checkbox(t("forget_confirm"), key="staff_forget_sure")
        submitted = st.form_submit_button(t("forget_button"), type="primary")
    if not submitted or not address.strip():
        return
    if not sure:
        st.warning(t("forget_need_confirm"))
        return
    counts = ctx.store.forget(address)
    st.success(
        t("forgotten", leads=counts.leads, outbox=counts.outbox, attachments=counts.attachments)
    )


def _send_now(ctx: AppContext) -> None:
    # A button callback runs before the page is drawn, so the counts below already include it.
    stats = run_pass(ctx.store, ctx.settings, retry_now=True)
    st.session_state["staff_outbox_result"] = t(
        "outbox_sent_now", sent=stats.sent, retried=stats.retried, failed=stats.failed
    )


def _outbox(ctx: AppContext) -> None:
    st.subheader(t("outbox_header"))
    if result := st.session_state.pop("staff_outbox_result", None):
        st.success(result)
    counts = ctx.store.outbox_counts()
    columns = st.columns(4)
    for column, key, value in zip(
        columns,
        ("outbox_pending", "outbox_sending", "outbox_sent", "outbox_failed"),
        (counts.pending, counts.sending, counts.sent, counts.failed),
        strict=True,
    ):
        column.metric(t(key), value)
    if not ctx.settings.smtp_configured:
        st.info(t("outbox_mail_off"))
    elif counts.pending:
        st.button(t("outbox_send_now"), key="staff_outbox_send", on_click=_send_now, args=(ctx,))


def render(ctx: AppContext) -> None:
    st.title(t("leads_title"))
    search = st.text_input(t("search"), key="staff_leads_search").strip()
    leads = ctx.store.leads(search or None, limit=TABLE_LIMIT)
    st.caption(t("leads_count", count=len(leads)))
    if leads:
        st.dataframe(leads_frame(leads), hide_index=True, width="stretch")
    st.download_button(
        t("export"),
        data=export_bytes(ctx, search),
        file_name=f"leads-{date.today().isoformat()}.csv",
        mime="text/csv",
        key="staff_leads_export",
    )
    _forget(ctx)
    _outbox(ctx)
