"""A real browser opens Inzichten: the page names the days' time zone and a chart's tooltip
shows an average with a decimal comma."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_staff import PASSWORD, copy_content, seed_insights

from werkstijl.content import load_content
from werkstijl.storage import Store

pytestmark = pytest.mark.browser


def test_inzichten_names_the_time_zone_and_writes_averages_the_dutch_way(
    app_server, browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect
    from test_browser_quiz import screenshot_dir, shoot
    from test_browser_staff import log_in

    content_dir = copy_content(tmp_path / "content")
    server = app_server(WERKSTIJL_CONTENT_DIR=str(content_dir), WERKSTIJL_STAFF_PASSWORD=PASSWORD)
    store = Store(f"sqlite:///{server.db}")
    seed_insights(store, load_content(content_dir).content)
    store.close()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, server.url)
    page.get_by_role("link", name="Inzichten").click()
    expect(page.get_by_text("Nederlandse tijd (Europe/Amsterdam)")).to_be_visible(timeout=30_000)
    ratings = page.locator('[data-testid="stVegaLiteChart"]').last
    ratings.scroll_into_view_if_needed()
    expect(ratings.locator("canvas, svg").first).to_be_visible(timeout=30_000)
    box = ratings.bounding_box()
    assert box is not None
    # one tip, 4 of 5 stars: its bar crosses the chart's middle; sweep down until it is hovered
    tooltip = page.locator("#vg-tooltip-element.visible")
    for step in range(0, int(box["height"]), 4):
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + step)
        if tooltip.count():
            break
    expect(tooltip).to_contain_text("4,0", timeout=15_000)
    expect(tooltip).not_to_contain_text("4.0")
    shoot(page, "staff-insights", screenshot_dir(tmp_path), full_page=True)
