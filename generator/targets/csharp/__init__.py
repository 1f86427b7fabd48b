"""The C# target: a .NET (netstandard2.0) SDK that needs only the base class library,
with Markdown reference docs in the format of Square's .NET SDK pages."""

from .escape import FILTERS
from .limits import unsupported
from .naming import name_api
from .plan import plan
from .surface import surface

__all__ = ["FILTERS", "name_api", "plan", "surface", "unsupported"]
