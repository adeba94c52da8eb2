"""Insights: completions per day, the funnel with drop-off and early ends, profiles, tip ratings,
the median time and number of questions.

All figures come from the store's anonymous insight queries; nothing personal is read here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

import altair as alt
import pandas as pd
import streamlit as st

from werkstijl.content import Content
from werkstijl.storage import DayCount, Funnel, TipStat, utcnow
from werkstijl.ui.context import AppContext
from werkstijl.ui.staff.strings import lang, t


def funnel_steps(funnel: Funnel, questions: int) -> list[tuple[str, int]]:
    """(label, sessions) for every step, in order: started, each question, result, PDF, mail."""
    steps = [(t("started"), funnel.started)]
    steps += [(t("question_n", n=i + 1), funnel.answered.get(i, 0)) for i in range(questions)]
    steps += [
        (t("step_result"), funnel.completed),
        (t("step_pdf"), funnel.pdf_downloaded),
        (t("step_form"), funnel.form_sent),
        (t("step_mail"), funnel.mail_sent),
    ]
    return steps


def drop_off(
    steps: list[tuple[str, int]], ended: Mapping[int, int] | None = None, rejoin: int | None = None
) -> list[tuple[str, int, float]]:
    """(label, sessions, % of the sessions expected at this step that did not reach it).

    `ended[i]`: sessions whose quiz ended early right after step i. They are not lost at the
    next questions; they are expected again at step `rejoin` (the result).
    """
    ended = ended or {}
    rows = []
    expected: int | None = None
    away = 0  # ended early, on their way to the result
    for index, (label, count) in enumerate(steps):
        if expected is not None and index == rejoin:
            expected += away
        lost = 0.0 if not expected else round(100 * max(expected - count, 0) / expected, 1)
        rows.append((label, count, lost))
        away += ended.get(index, 0)
        expected = count - ended.get(index, 0)
    return rows


def funnel_rows(funnel: Funnel, questions: int) -> list[tuple[str, int, float]]:
    """The funnel's steps with drop-off, early ends not counted as drop-off (question i is
    step i + 1; the result comes after the last question)."""
    ended = {question + 1: n for question, n in funnel.ended_early.items()}
    return drop_off(funnel_steps(funnel, questions), ended, rejoin=questions + 1)


def early_ends(funnel: Funnel) -> list[tuple[str, int]]:
    """(label, sessions) per question after which the quiz ended early: an outcome of its own."""
    return [(t("ended_after", n=q + 1), n) for q, n in sorted(funnel.ended_early.items())]


def tip_rows(stats: list[TipStat], content: Content | None) -> pd.DataFrame:
    """Ratings with the tip's title (in the staff language), falling back to the id."""

    def title(tip_id: str) -> str:
        try:
            return content.tip(tip_id).title.get(lang()) if content else tip_id
        except KeyError:
            return tip_id  # a rated tip that has since been removed

    return pd.DataFrame(
        [
            {"tip": title(s.tip_id), "id": s.tip_id, "average": s.average, "count": s.count}
            for s in stats
        ]
    )


def _per_day(counts: list[DayCount]) -> None:
    st.subheader(t("per_day"))
    frame = pd.DataFrame({"day": [c.day for c in counts], "count": [c.count for c in counts]})
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("yearmonthdate(day):O", title=t("day"), axis=alt.Axis(format="%d-%m")),
            y=alt.Y("count:Q", title=t("completed"), axis=alt.Axis(tickMinStep=1)),
            tooltip=[
                alt.Tooltip("day:T", title=t("day")),
                alt.Tooltip("count:Q", title=t("count")),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")


def _funnel(ctx: AppContext, since: datetime, questions: int) -> None:
    st.subheader(t("funnel"))
    funnel = ctx.store.funnel(since)
    rows = funnel_rows(funnel, questions)
    frame = pd.DataFrame(rows, columns=["step", "sessions", "lost"])
    frame["order"] = range(len(frame))
    sort = alt.EncodingSortField(field="order", order="ascending")
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("step:N", sort=sort, title=None),
            y=alt.Y("sessions:Q", title=t("sessions")),
            tooltip=[
                alt.Tooltip("step:N"),
                alt.Tooltip("sessions:Q", title=t("sessions")),
                alt.Tooltip("lost:Q", title=t("lost")),
            ],
        )
    )
    st.altair_chart(bars, width="stretch")
    st.caption(t("dropoff"))
    lost = (
        alt.Chart(frame.iloc[1:])
        .mark_bar(color="#D64545")
        .encode(
            x=alt.X("step:N", sort=sort, title=None),
            y=alt.Y("lost:Q", title=t("lost")),
            tooltip=["step:N", "lost:Q"],
        )
    )
    st.altair_chart(lost, width="stretch")
    _early_ends(funnel)


def _early_ends(funnel: Funnel) -> None:
    """Sessions whose answers settled the profile before the last question, per question."""
    st.caption(t("early_heading"))
    outcomes = early_ends(funnel)
    if not outcomes:
        st.caption(t("no_data"))
        return
    frame = pd.DataFrame(outcomes, columns=["step", "sessions"])
    frame["order"] = range(len(frame))
    chart = (
        alt.Chart(frame)
        .mark_bar(color="#3D9A74")
        .encode(
            x=alt.X("step:N", sort=alt.EncodingSortField(field="order"), title=None),
            y=alt.Y("sessions:Q", title=t("sessions"), axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip("step:N"), alt.Tooltip("sessions:Q", title=t("sessions"))],
        )
    )
    st.altair_chart(chart, width="stretch")


def _profiles(ctx: AppContext, since: datetime, content: Content | None) -> None:
    st.subheader(t("profiles"))
    distribution = ctx.store.profile_distribution(since)
    if not distribution:
        st.caption(t("no_data"))
        return

    profiles = {p.id: p for p in content.profiles} if content else {}
    frame = pd.DataFrame(
        {
            "profile": [profiles[p].name.get(lang()) if p in profiles else p for p in distribution],
            "count": list(distribution.values()),
            "colour": [profiles[p].colour if p in profiles else "#9CA3AF" for p in distribution],
        }
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("count:Q", title=t("count"), axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("profile:N", sort="-x", title=None),
            color=alt.Color("colour:N", scale=None),  # each profile in its own colour
            tooltip=[alt.Tooltip("profile:N", title=t("profile")), alt.Tooltip("count:Q")],
        )
    )
    st.altair_chart(chart, width="stretch")


def _ratings(ctx: AppContext, content: Content | None) -> None:
    st.subheader(t("ratings"))
    frame = tip_rows(ctx.store.tip_rating_stats(), content)
    if frame.empty:
        st.caption(t("no_data"))
        return
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("average:Q", title=t("average"), scale=alt.Scale(domain=[0, 5])),
            y=alt.Y("tip:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
            tooltip=[
                alt.Tooltip("tip:N"),
                alt.Tooltip("average:Q", title=t("average")),
                alt.Tooltip("count:Q", title=t("count")),
            ],
        )
    )
    labels = chart.mark_text(align="left", dx=4).encode(text=alt.Text("count:Q"))
    st.altair_chart(chart + labels, width="stretch")
    with st.expander(t("count")):
        st.dataframe(
            frame.rename(columns={"average": t("average"), "count": t("count")}),
            hide_index=True,
        )


def render(ctx: AppContext) -> None:
    st.title(t("insights_title"))
    days = st.select_slider(
        t("period"), options=[7, 14, 30, 90, 365], value=30, key="staff_insight_days"
    )
    since = utcnow() - timedelta(days=days)
    content = ctx.live.current()
    median = ctx.store.median_duration_s(since)
    questions = ctx.store.median_answered(since)
    left, middle, right = st.columns(3)
    left.metric(t("median"), t("no_value") if median is None else t("minutes", minutes=median / 60))
    middle.metric(
        t("median_questions"),
        t("no_value") if questions is None else t("questions_value", n=questions),
    )
    per_day = ctx.store.completions_per_day(days)
    right.metric(t("completed"), sum(c.count for c in per_day))
    _per_day(per_day)
    _funnel(ctx, since, len(content.questions) if content else 0)
    _profiles(ctx, since, content)
    _ratings(ctx, content)
