"""`python -m werkstijl.storage.migrations "what changed"`: write the migration for models.py."""

import sys

from werkstijl.storage.migrate import new_revision

new_revision(" ".join(sys.argv[1:]) or "schema change")
