"""The Inzichten charts speak the staff language and count Dutch days (AppTest over quiz_app.py):
shares and averages in the tooltips have a decimal comma in Dutch and a point in English, the
days are Europe/Amsterdam days, and the page says so."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest
from test_app_staff import content_dir, goto, logged_in, seed_insights, texts  # noqa: F401

from werkstijl.ui.context import get_context
from werkstijl.ui.staff.period import local_today


def charts(at: AppTest) -> list[tuple[dict, pd.DataFrame]]:
    """Each chart on the page: its Vega-Lite spec and the rows it draws."""
    found = []
    for chart in at.get("vega_lite_chart"):
        (dataset,) = chart.proto.datasets
        rows = convert_arrow_bytes_to_pandas_df(dataset.data.data)
        found.append((json.loads(chart.proto.spec), rows))
    return found


def tooltips(spec: dict) -> dict[str, str]:
    """Tooltip field -> its Vega-Lite type, over every layer."""
    layers = spec.get("layer", [spec])
    return {t["field"]: t["type"] for layer in layers for t in layer["encoding"]["tooltip"]}


def number_axes(spec: dict) -> list[dict]:
    """The axis options of every x and y channel that plots numbers, over every layer."""
    layers = spec.get("layer", [spec])
    channels = [layer["encoding"].get(xy) for layer in layers for xy in ("x", "y")]
    return [c.get("axis", {}) for c in channels if c and c["type"] == "quantitative"]


def drawn(at: AppTest, field: str) -> pd.DataFrame:
    """The rows of every chart with `field` in its tooltip."""
    return pd.concat([rows for spec, rows in charts(at) if field in tooltips(spec)])


def share_of(at: AppTest, step: str) -> list[str]:
    steps = drawn(at, "share")
    return list(steps[steps["step"] == step]["share"])


def test_chart_shares_and_averages_have_the_staff_languages_decimal_sign(
    content_dir: Path,  # noqa: F811
) -> None:
    seed_insights(get_context().store, get_context().live.current())
    at = goto(logged_in(), "staff-insights")
    assert not at.exception
    for spec, _ in charts(at):  # no share or average is left to the chart's own number format
        assert tooltips(spec).get("share", "nominal") == "nominal"
        assert "average" not in tooltips(spec)
        # whole numbers without '1,000' (which reads as one in Dutch) on every number axis
        assert all(axis.get("format") == "d" for axis in number_axes(spec)), spec
    assert sum(len(number_axes(spec)) for spec, _ in charts(at)) >= 6  # one per chart at least
    assert share_of(at, "Resultaat") == ["100,0"]  # the flow: all five who started
    assert share_of(at, "PDF gedownload") == ["20,0"]  # the branches: one of five results
    assert list(drawn(at, "average_text")["average_text"]) == ["4,0"]
    at.radio(key="staff_lang").set_value("en").run()
    assert share_of(at, "PDF downloaded") == ["20.0"]
    assert list(drawn(at, "average_text")["average_text"]) == ["4.0"]


def test_days_are_dutch_days_and_the_page_says_so(content_dir: Path) -> None:  # noqa: F811
    seed_insights(get_context().store, get_context().live.current())
    at = goto(logged_in(), "staff-insights")
    assert "middernacht tot middernacht Nederlandse tijd (Europe/Amsterdam)" in texts(at)
    days = drawn(at, "date")
    assert len(days) == 30 and days["count"].sum() == 5
    today = local_today()
    assert list(days["date"])[-1] == today.strftime("%d-%m-%Y")  # written as Dutch staff read it
    assert list(days["count"])[-1] == 5  # the five visits of just now
    at.radio(key="staff_lang").set_value("en").run()
    assert "midnight to midnight Dutch time (Europe/Amsterdam)" in texts(at)
    assert list(drawn(at, "date")["date"])[-1] == today.isoformat()


def test_after_the_result_shares_are_of_every_session_that_saw_one(
    content_dir: Path,  # noqa: F811
    db_url: str,
    monkeypatch,
) -> None:
    # The walkthrough's case, on SQLite and PostgreSQL: two results, then three sessions that
    # opened a result link anew and asked for the PDF by mail (one of them three times).
    monkeypatch.setenv("WERKSTIJL_DATABASE_URL", db_url)
    get_context.clear()
    store = get_context().store
    for session in ("r1", "r2"):
        store.log_event(session, "started")
        store.log_event(session, "completed")
    for session, times in (("link1", 3), ("link2", 1), ("link3", 1)):
        store.log_event(session, "result_opened")
        for _ in range(times):
            store.log_event(session, "form_sent")
    at = goto(logged_in(), "staff-insights")
    assert not at.exception
    assert share_of(at, "Resultaat") == ["100,0"]  # the flow: 2 of the 2 who started
    assert share_of(at, "Per mail gevraagd") == ["60,0"]  # 3 of the 5 sessions, not 150%
    shares = drawn(at, "share")["share"].str.replace(",", ".").astype(float)
    assert (shares <= 100).all()
    assert "Elk als aandeel van de 5 sessies die een resultaat zagen" in texts(at)
    assert "resultaatlink opnieuw te openen" in texts(at)
    assert "Elke sessie telt per keuze één keer mee" in texts(at)
    at.radio(key="staff_lang").set_value("en").run()
    assert "Each as a share of the 5 sessions that saw a result" in texts(at)
    assert "opening a result link again" in texts(at)
