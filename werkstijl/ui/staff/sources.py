"""Insights per source and campaign: where the visits of the period came from and how far they got.

A source is the visit's `src` label and its `utm_*` values (werkstijl/attribution.py); visits
without any are shown as "no source" (typed addresses, bookmarks, links without a label).
"""

from __future__ import annotations

from datetime import datetime

import altair as alt
import pandas as pd
import streamlit as st

from werkstijl.attribution import Attribution
from werkstijl.storage import SourceCount
from werkstijl.ui.context import AppContext
from werkstijl.ui.staff.charts import count_axis
from werkstijl.ui.staff.strings import decimal, t

# (SourceCount field, staff UI string key of its label)
STEPS = (
    ("started", "started"),
    ("completed", "completed"),
    ("pdf_downloaded", "step_pdf"),
    ("form_sent", "step_form"),
)


def source_label(source: Attribution) -> str:
    """'blog-okt · nieuwsbrief / email / lancering', or "no source"."""
    utm = " / ".join(v for v in (source.utm_source, source.utm_medium, source.utm_campaign) if v)
    return " · ".join(v for v in (source.src, utm) if v) or t("no_source")


def sources_frame(counts: list[SourceCount]) -> pd.DataFrame:
    """One row per source and campaign, the steps as labelled columns."""
    rows = []
    for count in counts:
        values = count.source.columns()
        row = {t(f"col_{name}"): values[name] or "" for name in values}
        row |= {t(label): getattr(count, step) for step, label in STEPS}
        rate = 100 * count.completed / count.started if count.started else 0.0
        row[t("completion_rate")] = decimal(rate)
        rows.append(row)
    return pd.DataFrame(rows)


def _chart(counts: list[SourceCount]) -> alt.LayerChart:
    frame = pd.DataFrame(
        [
            {"source": source_label(c.source), "step": t(label), "order": i, "n": getattr(c, step)}
            for c in counts
            for i, (step, label) in enumerate(STEPS)
        ]
    )
    sort = alt.EncodingSortField(field="order", order="ascending")
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("n:Q", title=t("sessions"), axis=count_axis()),
            y=alt.Y("source:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
            yOffset=alt.YOffset("step:N", sort=sort),
            color=alt.Color("step:N", sort=sort, title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("source:N", title=t("source")),
                alt.Tooltip("step:N", title=t("step")),
                alt.Tooltip("n:Q", title=t("sessions")),
            ],
        )
    )
    return bars + bars.mark_text(align="left", dx=3, fontSize=10).encode(text="n:Q")


def render(ctx: AppContext, since: datetime) -> None:
    st.subheader(t("sources"))
    counts = ctx.store.source_counts(since)
    if not counts:
        st.caption(t("no_data"))
        return
    st.caption(t("sources_note"))
    st.altair_chart(_chart(counts), width="stretch")
    st.dataframe(sources_frame(counts), hide_index=True, key="staff_sources")
