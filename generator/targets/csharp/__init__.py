"""The C# target: a .NET (netstandard2.0) SDK that needs only the base class library,
with Markdown reference docs in the format of Square's .NET SDK pages."""

from .. import Target
from .escape import FILTERS
from .limits import unsupported
from .naming import name_api
from .plan import plan
from .surface import surface

TARGET = Target(name_api, plan, surface, FILTERS, unsupported=unsupported)
"""The C# target, as the pipeline runs it."""

__all__ = ["TARGET"]
