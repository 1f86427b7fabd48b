"""``python -m generator``: the same as the ``sdkforge`` command."""

import sys

from .cli import main

sys.exit(main())
