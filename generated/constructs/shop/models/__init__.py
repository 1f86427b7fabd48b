"""The models and enums of Shop.

Each is imported on first use, so importing this package stays fast however large the
API is.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cat import Cat, CatBuilder
    from .created_param import CreatedParam, CreatedParamBuilder
    from .dimensions import Dimensions, DimensionsBuilder
    from .dog import Dog, DogBuilder
    from .pen import Pen, PenBuilder
    from .post_customers_request import (
        PostCustomersRequest,
        PostCustomersRequestBuilder,
    )
    from .post_customers_request_address import (
        PostCustomersRequestAddress,
        PostCustomersRequestAddressBuilder,
    )
    from .post_file_request import PostFileRequest, PostFileRequestBuilder

_MODULES: dict[str, str] = {
    "Cat": "cat",
    "CatBuilder": "cat",
    "Dog": "dog",
    "DogBuilder": "dog",
    "Pen": "pen",
    "PenBuilder": "pen",
    "Dimensions": "dimensions",
    "DimensionsBuilder": "dimensions",
    "PostCustomersRequest": "post_customers_request",
    "PostCustomersRequestBuilder": "post_customers_request",
    "PostCustomersRequestAddress": "post_customers_request_address",
    "PostCustomersRequestAddressBuilder": "post_customers_request_address",
    "PostFileRequest": "post_file_request",
    "PostFileRequestBuilder": "post_file_request",
    "CreatedParam": "created_param",
    "CreatedParamBuilder": "created_param",
}

__all__ = [
    "Cat",
    "CatBuilder",
    "CreatedParam",
    "CreatedParamBuilder",
    "Dimensions",
    "DimensionsBuilder",
    "Dog",
    "DogBuilder",
    "Pen",
    "PenBuilder",
    "PostCustomersRequest",
    "PostCustomersRequestAddress",
    "PostCustomersRequestAddressBuilder",
    "PostCustomersRequestBuilder",
    "PostFileRequest",
    "PostFileRequestBuilder",
]


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
