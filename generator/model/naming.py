"""Words out of spec names, and the case styles targets build identifiers from.

Spec names are anything: ``ObtainTokenRequest``, ``client_id``, ``x-rate-limit``,
``GMT-0``, ``$filter``, ``名前``, or an empty string. :func:`words` splits a name into
ASCII words on case changes, digits-to-letters boundaries and every other character;
the case functions join them. A target adds its own rules on top (keywords, prefixes for
leading digits, collisions): see :class:`UniqueNames`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Most words first (no two alternatives match at one place): a letter and lower-case letters.
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?=[A-Z][a-z])|[A-Z]+|[0-9]+")


def words(name: str) -> list[str]:
    """Split a name into words: ``"OAuthApi"`` -> ``["O", "Auth", "Api"]``.

    Non-ASCII letters are folded to their ASCII base where one exists (``é`` -> ``e``)
    and dropped otherwise; every other character separates words.
    """
    return list(_words(name))


@functools.lru_cache(maxsize=1 << 16)
def _words(name: str) -> tuple[str, ...]:
    """:func:`words`, remembered: naming asks for the words of the same names many times."""
    ascii_name = name if name.isascii() else unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return tuple(_WORD.findall(ascii_name))


def snake(name: str) -> str:
    """``ObtainTokenRequest`` -> ``obtain_token_request``; ``OAuth`` -> ``o_auth``."""
    return "_".join(_words(name)).lower()  # the words are ASCII: lowered at once, not one by one


def pascal(name: str) -> str:
    """``obtain_token_request`` -> ``ObtainTokenRequest``; keeps inner capitals (``OAuth``)."""
    return "".join([w[0].upper() + w[1:] for w in _words(name)])


def pascal_and_snake(name: str) -> tuple[str, str]:
    """``pascal(name)`` and ``snake(pascal(name))``, the name's words capitalised and not split again."""
    words = _words(name)
    snake_name = "_".join(words)
    if snake_name.islower():  # no capitals to keep (most names): str.title capitalises each word at once
        capitalised = snake_name.title()
    else:
        snake_name, capitalised = snake_name.lower(), "_".join([w[0].upper() + w[1:] for w in words])
    joined = capitalised.replace("_", "")
    return (joined, snake(joined)) if _RUN_TOGETHER.search(capitalised) else (joined, snake_name)


# Words one when joined: capitals, or digits, on both sides (``A_B``: ``AB``; not ``A_Bc``, ``Ab_C``, ``A_1``).
_RUN_TOGETHER = re.compile(r"[A-Z]_[A-Z]+(?![a-z])|[0-9]_[0-9]")


def constant(name: str) -> str:
    """``gmt-0`` -> ``GMT_0``."""
    return "_".join(_words(name)).upper()


def kebab(name: str) -> str:
    """``ObtainTokenRequest`` -> ``obtain-token-request``: for file names of docs."""
    return "-".join(_words(name)).lower()


def title(name: str) -> str:
    """``RenewToken`` -> ``Renew Token``; ``OAuth`` -> ``O Auth``: for headings."""
    words = _words(name)
    spaced = " ".join(words)
    if spaced.islower():  # no capitals to keep (most names): each word capitalised at once, as in pascal_and_snake
        return spaced.title()
    return " ".join([w[0].upper() + w[1:] for w in words])


class UniqueNames:
    """Hands out names unique within one scope, in the order they are asked for.

    A reserved name (a keyword, a member the scope needs for itself) gets a trailing
    ``_``; a name already taken gets ``_2``, ``_3``... (``sep`` between), so the same
    requests in the same order always give the same names.
    """

    def __init__(self, reserved: frozenset[str] = frozenset(), sep: str = "_") -> None:
        self._reserved = reserved
        self._taken: set[str] = set()
        self._sep = sep
        self._numbered: dict[str, int] = {}  # a base -> the number its next variant may have (those below are taken)

    def take(self, name: str) -> str:
        """Claim ``name`` (suffixed if reserved), or the first free numbered variant of it.

        Numbers go on the name without the ``_`` a reserved name got: ``self``, ``self_``,
        ``self_2`` rather than ``self__2``.
        """
        if name not in self._taken and name not in self._reserved:  # most names: as they are
            self._taken.add(name)
            return name
        base = name
        while name in self._reserved:
            name += "_"
        candidate, n = name, self._numbered.get(base, 2)
        if candidate in self._taken or candidate in self._reserved:
            candidate = f"{base}{self._sep}{n}"
            while candidate in self._taken or candidate in self._reserved:
                n += 1
                candidate = f"{base}{self._sep}{n}"
            self._numbered[base] = n + 1
        self._taken.add(candidate)
        return candidate

    def claim(self, *names: str) -> None:
        """Hold ``names``, each one :meth:`take` gave before in a scope asked as this one
        (for a scope taken up again: the next :meth:`take` gives what it would have there)."""
        self._taken.update(names)
