"""``python -m sdkforge``: the same as the ``sdkforge`` command."""

from .cli import run

run()
