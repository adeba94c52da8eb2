"""Insights: completions per day, the funnel as visitors walk it, early ends, sources, profiles,
ratings, the median time and number of questions.

Every chart and number honours the chosen period: whole days in Europe/Amsterdam, today included
(werkstijl/ui/staff/period.py), as the caption under the period says. The funnel
has two parts: the flow (started, each question, result), where a step loses the people who
quit there (not those whose quiz ended early because their profile was settled: they rejoin at
the result), and the branches after the result (downloaded, asked by mail, mail delivered),
which are separate choices and so each a share of the sessions that saw a result (by answering,
or by opening a result link anew; each session counted once), never a drop-off from one another
and never above 100%.
Shares and averages reach the charts as text in the staff language ('33,3' in Dutch), since the
charts' own number formats know only the decimal point.
All figures come from the store's anonymous insight queries; nothing personal is read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import altair as alt
import pandas as pd
import streamlit as st

from werkstijl.content import Content
from werkstijl.content.markup import plain_text
from werkstijl.storage import DayCount, Funnel, TipStat
from werkstijl.ui.context import AppContext
from werkstijl.ui.staff import sources
from werkstijl.ui.staff.charts import count_axis
from werkstijl.ui.staff.period import TIME_ZONE, last_days
from werkstijl.ui.staff.strings import decimal, lang, t

PERIODS = [7, 14, 30, 90, 365]
SECONDS_UP_TO = 120  # durations below two minutes read better in seconds
# How a day is written for staff: on the per-day axis, and in full (tooltip, period caption).
DAY_AXIS = {"nl": "%d-%m", "en": "%m-%d"}
DAY_FULL = {"nl": "%d-%m-%Y", "en": "%Y-%m-%d"}


@dataclass(frozen=True)
class Step:
    """One bar of the funnel: sessions, and their share (%) of the part's reference count."""

    label: str
    sessions: int
    share: float  # flow: of those who started; branches: of the sessions that saw a result
    lost: float | None = None  # flow only: % of the previous step's sessions lost here


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def flow_steps(funnel: Funnel, questions: int) -> list[Step]:
    """Started, each question, result: the path every visitor walks, in order.

    `lost` is the share of the sessions expected at a step that did not reach it. Sessions whose
    quiz ended early after question i are not expected at the questions after it; they are
    expected again at the result.
    """
    counts = [(t("started"), funnel.started)]
    counts += [(t("question_n", n=i + 1), funnel.answered.get(i, 0)) for i in range(questions)]
    counts.append((t("step_result"), funnel.completed))
    ended = {question + 1: n for question, n in funnel.ended_early.items()}  # by step index
    steps: list[Step] = []
    expected: int | None = None
    away = 0  # ended early, on their way to the result
    for index, (label, n) in enumerate(counts):
        if expected is not None and index == len(counts) - 1:
            expected += away
        lost = None if expected is None else _pct(max(expected - n, 0), expected)
        steps.append(Step(label, n, _pct(n, funnel.started), lost))
        away += ended.get(index, 0)
        expected = n - ended.get(index, 0)
    return steps


def early_ends(funnel: Funnel) -> list[tuple[str, int]]:
    """(label, sessions) per question after which the quiz ended early: an outcome of its own."""
    return [(t("ended_after", n=q + 1), n) for q, n in sorted(funnel.ended_early.items())]


def branch_steps(funnel: Funnel) -> list[Step]:
    """What people do with their result, each as a share of the sessions that saw a result (not
    of each other, and not of the completions: a result link opened anew is no completion)."""
    branches = [
        (t("step_pdf"), funnel.pdf_downloaded),
        (t("step_form"), funnel.form_sent),
        (t("step_mail"), funnel.mail_sent),
    ]
    return [Step(label, n, _pct(n, funnel.with_result)) for label, n in branches]


def format_duration(seconds: float, language: str) -> str:
    """'7,6 s' below ten seconds, '95 s' below two minutes, else '2,5 min' (Dutch decimals)."""
    if seconds < 10:
        text = f"{seconds:.1f} s"
    elif seconds < SECONDS_UP_TO:
        text = f"{seconds:.0f} s"
    else:
        text = f"{seconds / 60:.1f} min"
    return text.replace(".", ",") if language == "nl" else text


def written_day(day: date, full: bool = True) -> str:
    """'02-03-2026' in Dutch, '2026-03-02' in English ('02-03' / '03-02' on the axis)."""
    formats = DAY_FULL if full else DAY_AXIS
    return day.strftime(formats.get(lang(), formats["nl"]))


def tip_rows(stats: list[TipStat], content: Content | None) -> pd.DataFrame:
    """Ratings with the tip's title (in the staff language), falling back to the id."""

    def title(tip_id: str) -> str:
        try:
            return plain_text(content.tip(tip_id).title.get(lang())) if content else tip_id
        except KeyError:
            return tip_id  # a rated tip that has since been removed

    return pd.DataFrame(
        [
            {
                "tip": title(s.tip_id),
                "id": s.tip_id,
                "average": s.average,
                "average_text": decimal(s.average),
                "count": s.count,
                "label": t("ratings_n", count=s.count),
            }
            for s in stats
        ]
    )


def per_day_chart(counts: list[DayCount]) -> alt.Chart:
    """Bars per local day. The days go in as written text, not dates: a browser would otherwise
    place them by its own time zone and could shift a bar to the day before."""
    frame = pd.DataFrame(
        {
            "day": [written_day(c.day, full=False) for c in counts],
            "date": [written_day(c.day) for c in counts],
            "count": [c.count for c in counts],
            "order": range(len(counts)),
        }
    )
    sort = alt.EncodingSortField(field="order", order="ascending")
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("day:O", sort=sort, title=t("day")),
            y=alt.Y("count:Q", title=t("completed"), axis=count_axis()),
            tooltip=[
                alt.Tooltip("date:N", title=t("day")),
                alt.Tooltip("count:Q", title=t("completed")),
            ],
        )
    )


def _per_day(counts: list[DayCount]) -> None:
    st.subheader(t("per_day"))
    st.altair_chart(per_day_chart(counts), width="stretch")


def _steps_frame(steps: list[Step], share_title: str) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            t("step"): [s.label for s in steps],
            t("sessions"): [s.sessions for s in steps],
            share_title: [decimal(s.share) for s in steps],
        }
    )
    if any(s.lost is not None for s in steps):
        # nobody is lost before the start
        frame[t("lost")] = [decimal(s.lost or 0.0) for s in steps]
    return frame


def step_bars(steps: list[Step], share_title: str, horizontal: bool) -> alt.LayerChart:
    """Bars of sessions per step in their order, each labelled with its count (and, across the
    page, its share)."""
    frame = pd.DataFrame(
        {
            "step": [s.label for s in steps],
            "sessions": [s.sessions for s in steps],
            "share": [decimal(s.share) for s in steps],  # '33,3' in Dutch
            # Many narrow flow bars: the count only (the share is in the tooltip and the table).
            "label": [
                t("count_share", n=s.sessions, share=s.share) if horizontal else str(s.sessions)
                for s in steps
            ],
            "order": range(len(steps)),
        }
    )
    sort = alt.EncodingSortField(field="order", order="ascending")
    sessions = count_axis()
    if horizontal:
        encode = {
            "x": alt.X("sessions:Q", title=t("sessions"), axis=sessions),
            "y": alt.Y("step:N", sort=sort, title=None, axis=alt.Axis(labelLimit=240)),
        }
    else:
        encode = {
            "x": alt.X("step:N", sort=sort, title=None, axis=alt.Axis(labelAngle=-45)),
            "y": alt.Y("sessions:Q", title=t("sessions"), axis=sessions),
        }
    tooltip = [
        alt.Tooltip("step:N", title=t("step")),
        alt.Tooltip("sessions:Q", title=t("sessions")),
        alt.Tooltip("share:N", title=share_title),
    ]
    bars = alt.Chart(frame).mark_bar().encode(**encode, tooltip=tooltip)
    text = bars.mark_text(**({"align": "left", "dx": 4} if horizontal else {"dy": -6}))
    return bars + text.encode(text="label:N")


def _funnel(ctx: AppContext, since: datetime, questions: int) -> None:
    funnel = ctx.store.funnel(since)
    st.subheader(t("funnel"))
    st.caption(t("funnel_flow_note"))
    flow = flow_steps(funnel, questions)
    st.altair_chart(step_bars(flow, t("share_started"), horizontal=False), width="stretch")
    st.dataframe(_steps_frame(flow, t("share_started")), hide_index=True, key="staff_flow")
    _early_ends(funnel)
    st.subheader(t("after_result"))
    st.caption(t("funnel_branch_note", n=funnel.with_result))
    branches = branch_steps(funnel)
    st.altair_chart(step_bars(branches, t("share_results"), horizontal=True), width="stretch")
    st.dataframe(_steps_frame(branches, t("share_results")), hide_index=True, key="staff_branch")
    if not ctx.settings.smtp_configured:
        st.caption(t("funnel_mail_off"))


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
            y=alt.Y("sessions:Q", title=t("sessions"), axis=count_axis()),
            tooltip=[
                alt.Tooltip("step:N", title=t("step")),
                alt.Tooltip("sessions:Q", title=t("sessions")),
            ],
        )
    )
    labels = chart.mark_text(dy=-6).encode(text="sessions:Q")
    st.altair_chart(chart + labels, width="stretch")


def _profiles(ctx: AppContext, since: datetime, content: Content | None) -> None:
    st.subheader(t("profiles"))
    distribution = ctx.store.profile_distribution(since)
    if not distribution:
        st.caption(t("no_data"))
        return

    profiles = {p.id: p for p in content.profiles} if content else {}
    frame = pd.DataFrame(
        {
            "profile": [
                plain_text(profiles[p].name.get(lang())) if p in profiles else p
                for p in distribution
            ],
            "count": list(distribution.values()),
            "colour": [profiles[p].colour if p in profiles else "#9CA3AF" for p in distribution],
        }
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("count:Q", title=t("completed"), axis=count_axis()),
            y=alt.Y("profile:N", sort="-x", title=None),
            color=alt.Color("colour:N", scale=None),  # each profile in its own colour
            tooltip=[
                alt.Tooltip("profile:N", title=t("profile")),
                alt.Tooltip("count:Q", title=t("completed")),
            ],
        )
    )
    labels = chart.mark_text(align="left", dx=4).encode(text="count:Q")
    st.altair_chart(chart + labels, width="stretch")


def ratings_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Average stars per tip. The axis counts whole stars (no decimal to write); the tooltip
    shows the average as text in the staff language."""
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(
                "average:Q",
                title=t("average"),
                scale=alt.Scale(domain=[0, 5]),
                axis=count_axis(),
            ),
            y=alt.Y("tip:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
            tooltip=[
                alt.Tooltip("tip:N", title=t("tip")),
                alt.Tooltip("average_text:N", title=t("average")),
                alt.Tooltip("count:Q", title=t("ratings_count")),
            ],
        )
    )
    return chart + chart.mark_text(align="left", dx=4).encode(text="label:N")


def _ratings(ctx: AppContext, since: datetime, content: Content | None) -> None:
    st.subheader(t("ratings"))
    frame = tip_rows(ctx.store.tip_rating_stats(since), content)
    if frame.empty:
        st.caption(t("no_data"))
        return
    st.altair_chart(ratings_chart(frame), width="stretch")
    st.dataframe(
        frame.drop(columns=["label", "average"])
        .rename(columns={"average_text": "average"})
        .rename(columns={"tip": t("tip"), "average": t("average"), "count": t("ratings_count")}),
        hide_index=True,
        key="staff_ratings",
    )


def render(ctx: AppContext) -> None:
    st.title(t("insights_title"))
    days = st.select_slider(t("period"), options=PERIODS, value=30, key="staff_insight_days")
    period = last_days(days)
    since = period.since
    st.caption(t("period_from", day=written_day(period.days[0])))
    st.caption(t("days_time_zone", zone=TIME_ZONE))
    content = ctx.live.current()
    median = ctx.store.median_duration_s(since)
    questions = ctx.store.median_answered(since)
    per_day = ctx.store.completions_per_day(period.days, period.bounds)
    left, middle, right = st.columns(3)
    left.metric(t("median"), t("no_value") if median is None else format_duration(median, lang()))
    middle.metric(
        t("median_questions"),
        t("no_value") if questions is None else t("questions_value", n=questions),
    )
    right.metric(t("completed"), sum(c.count for c in per_day))
    _per_day(per_day)
    _funnel(ctx, since, len(content.questions) if content else 0)
    sources.render(ctx, since)
    _profiles(ctx, since, content)
    _ratings(ctx, since, content)
