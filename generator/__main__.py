"""``python -m generator``: the same as the ``sdkforge`` command."""

from .cli import run

run()
