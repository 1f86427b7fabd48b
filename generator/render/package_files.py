"""Where sdkforge's own files are: its Python package and its built-in templates.

Installed from a wheel, the templates are package data inside the package
(``sdkforge/templates``); in the source tree (and so in an editable install) they are
the project's top-level ``templates/`` folder, beside ``generator/``.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "templates" if (PACKAGE / "templates").is_dir() else PACKAGE.parent / "templates"
