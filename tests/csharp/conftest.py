"""tests/csharp reads the generated docs with tests/docs's Markdown scanner (mdscan) and
runs the examples against tests/docs's server: that folder is put on the import path."""

from __future__ import annotations

import sys
from pathlib import Path

DOCS_TESTS = str(Path(__file__).resolve().parents[1] / "docs")
if DOCS_TESTS not in sys.path:
    sys.path.insert(0, DOCS_TESTS)
