"""The Python target: a typed, httpx-based SDK package with Markdown reference docs."""

from .plan import plan

__all__ = ["plan"]
