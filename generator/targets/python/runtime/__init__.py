"""The runtime of the generated Python SDK: modules copied into each SDK as they are.

``_model``, ``_http``, ``_pagination``, ``_auth`` and ``errors`` are the same in every
SDK, so they are code here, linted and type-checked with the rest of sdkforge and kept
in black's layout (the SDK's). What differs from one SDK to another (its version and
user agent, the API's global headers, its token endpoint, the model of the items its
error bodies list) is in the SDK's own ``_sdk`` module, rendered from
``templates/python/package/_sdk.py.j2``; ``_sdk.pyi`` declares what the runtime reads
from it. sdkforge never imports these modules: the Python target's plan reads them as
text (:func:`sdkforge.targets.python.plan.runtime_job`).
"""
