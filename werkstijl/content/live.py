"""Content that follows the files: reloads on change, keeps serving the last valid version."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from werkstijl.content.loader import LoadResult, content_files, files_stamp, load_content
from werkstijl.content.models import Content

log = logging.getLogger(__name__)


class LiveContent:
    """Shared by all sessions of the app: a bad edit never reaches visitors.

    `current()` is cheap (a stat per file) so the app may call it on every rerun.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._valid: Content | None = None
        self.last: LoadResult = LoadResult(None)

    def refresh(self) -> LoadResult:
        """Reload if any file changed; returns the latest load result (valid or not)."""
        stamp = files_stamp(content_files(self.root))
        with self._lock:
            if stamp != self._stamp:
                self._stamp = stamp
                self.last = load_content(self.root)
                if self.last.valid:
                    self._valid = self.last.content
                else:
                    log.warning(
                        "content has %d error(s); still serving the last valid version",
                        len(self.last.errors),
                    )
            return self.last

    def current(self) -> Content | None:
        """The newest valid content (None only if the files were never valid)."""
        self.refresh()
        return self._valid

    @property
    def serving_stale(self) -> bool:
        """True when the files are broken and an older valid version is being served."""
        return not self.last.valid and self._valid is not None
