"""What the staff charts share: axes that count in whole numbers, written alike in Dutch and
English."""

from __future__ import annotations

from typing import Any

import altair as alt


def count_axis(**options: Any) -> alt.Axis:
    """An axis of whole numbers without a thousands separator: the charts' own format writes
    1000 as '1,000', which a Dutch reader takes for one; '1000' reads right in both languages."""
    return alt.Axis(tickMinStep=1, format="d", **options)
