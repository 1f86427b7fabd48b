"""The Python target: a typed, httpx-based SDK package with Markdown reference docs."""

from .naming import name_api
from .plan import plan
from .surface import surface

__all__ = ["name_api", "plan", "surface"]
