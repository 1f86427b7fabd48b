"""Which field and parameter names say their value is a secret, whatever the target language.

A spec marks a secret with ``x-sensitive: true`` or ``format: password``; many specs do
neither and rely on the name (``access_token``, ``client_secret``, ``X-API-Key``). The
rule, on the words of the name (split on case changes, ``_``, ``-`` and digits, so
``accessToken``, ``access_token``, ``Access-Token`` and ``ACCESS_TOKEN`` are alike):

- its last word, the thing the name is, is one of :data:`SECRET_WORDS` (``token``,
  ``secret``, ``password``, ``authorization``, ``credentials``...): ``refresh_token`` and
  ``client_secret`` are secrets; ``token_type``, ``tokens_count`` and ``password_policy``
  describe one and are not; whole words only, so ``tokenizer`` is not;
- or its last two words are one of :data:`SECRET_PAIRS` (``api key``, ``private key``...),
  so ``X-API-Key`` is a secret and ``idempotency_key`` is not;
- except a token that only pages or deduplicates (``page_token``, ``next_page_token``,
  ``continuation_token``, ``idempotency_token``): :data:`NOT_SECRET_BEFORE_TOKEN`.

``x-sensitive: false`` on the field or parameter overrides the rule.
"""

from __future__ import annotations

import functools

from .naming import words

SECRET_WORDS = frozenset(
    {
        "token",
        "tokens",
        "secret",
        "secrets",
        "password",
        "passwords",
        "passwd",
        "passphrase",
        "apikey",
        "authorization",
        "credential",
        "credentials",
        "privatekey",
    }
)
SECRET_PAIRS = frozenset(
    {
        ("api", "key"),
        ("private", "key"),
        ("secret", "key"),
        ("signing", "key"),
        ("encryption", "key"),
    }
)
NOT_SECRET_BEFORE_TOKEN = frozenset({"page", "pagination", "continuation", "cursor", "idempotency", "sync"})


@functools.lru_cache(maxsize=1 << 14)
def names_a_secret(name: str) -> bool:
    """True when ``name`` (a field's or a parameter's) says its value is a secret."""
    parts = [w.lower() for w in words(name)]
    if not parts:
        return False
    if parts[-1] in SECRET_WORDS:
        return not (parts[-1] in ("token", "tokens") and len(parts) > 1 and parts[-2] in NOT_SECRET_BEFORE_TOKEN)
    return len(parts) > 1 and (parts[-2], parts[-1]) in SECRET_PAIRS
