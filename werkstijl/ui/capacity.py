"""What one app process needs to serve hundreds of visitors at once (bench/load_bench.py).

1. Deferred downloads that survive other visitors' clicks. `st.download_button(data=callable)` makes the file when it is clicked and answers with its URL;
the browser then fetches that URL. The file it made belongs to no session, and the sweep for
orphaned files that runs after *every* script run of *any* session marks it, and the next sweep
deletes it. With a few dozen visitors clicking, the fetch often comes too late and the visitor's
download fails (HTTP 404): bench/load_bench.py counted 1 in 10 downloads lost with 50 visitors.
Here a downloadable file survives the sweep for `GRACE_S` seconds after it was made, then goes
as before. Streamlit's own classes are extended, not edited; `tests/test_ui_capacity.py` fails
when a Streamlit upgrade changes what this relies on.

2. Short garbage collections. The process holds a large, permanent heap (Streamlit, ReportLab,
SQLAlchemy, pydantic, the content) and each full collection walked all of it while every session
waited: 0.1 to 0.6 s pauses, several a minute under load. Once the app is loaded that heap is
frozen (`gc.freeze`), so collections look only at what visitors' sessions made since.
(Streamlit's own full collection after every script run is off in .streamlit/config.toml.)
"""

from __future__ import annotations

import gc
import logging
import time

from streamlit.runtime import media_file_manager

log = logging.getLogger(__name__)

GRACE_S = 60.0


class _GracefulMetadata(media_file_manager.MediaFileMetadata):
    """Streamlit's file metadata, refusing to be marked for deletion while young."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.made_at = time.monotonic()

    def mark_for_delete(self) -> None:
        if time.monotonic() - self.made_at >= GRACE_S:
            super().mark_for_delete()


def keep_fresh_downloads() -> bool:
    """Install the guard (once per process; safe to call again). False if Streamlit's media
    file manager no longer looks as expected: downloads then work as Streamlit ships them."""
    current = getattr(media_file_manager, "MediaFileMetadata", None)
    if current is _GracefulMetadata:
        return True
    if current is not _GracefulMetadata.__mro__[1] or not hasattr(current, "mark_for_delete"):
        log.warning("Streamlit's media file manager changed: deferred downloads are unguarded")
        return False
    media_file_manager.MediaFileMetadata = _GracefulMetadata
    return True


def freeze_startup_heap() -> int:
    """Collect once, then move everything alive into the permanent generation, so later full
    collections skip it; once per process. Returns the number of objects frozen."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()
    return gc.get_freeze_count()
