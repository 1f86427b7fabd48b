"""English for names in generated prose: the indefinite article, and a title in a sentence.

Templates write sentences around names they do not know in advance (``Builds a ...``,
``Python SDK for the ...``); the choice of words that depends on the name is made here.
"""

from __future__ import annotations

import re

# Words that start with a vowel letter but a consonant sound ("a user", "a one-off"),
# and words that start with a silent h ("an hour").
_CONSONANT_SOUND = re.compile(r"(?i)(uni|use|usa|usu|uti|ure|uu|eu|ewe|one|once)")
_VOWEL_SOUND = re.compile(r"(?i)(hour|honest|honou?r|heir)")
# Letters whose names start with a vowel sound, for an initialism read letter by letter
# ("an HTTP...", "an SDK", "a URL").
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")
_INITIALISM = re.compile(r"[A-Z]{2,}(?![a-z])|[A-Z](?=[A-Z][a-z]|[0-9]|$)")

# The last word of a title that makes it a common noun phrase, read with "the":
# "the Square OAuth API", but "Square" and "Swagger Petstore" are names.
_COMMON_HEADS = frozenset(
    {
        "api",
        "apis",
        "app",
        "application",
        "backend",
        "endpoints",
        "gateway",
        "interface",
        "platform",
        "protocol",
        "server",
        "service",
        "services",
        "specification",
        "webhooks",
    }
)
_VERSION = re.compile(r"\(?v?\d[\w.\-]*\)?", re.IGNORECASE)


def indefinite_article(word: str) -> str:
    """``"a"`` or ``"an"`` for ``word``, by its first sound: ``an ObtainTokenRequest``,
    ``a User``, ``an HTTPError``, ``a URLMap``, ``an hour``. A word that starts with no
    letter gets ``"a"``."""
    if not word or not word[0].isalpha():
        return "a"
    if _INITIALISM.match(word):
        return "an" if word[0] in _VOWEL_SOUND_LETTERS else "a"
    if _CONSONANT_SOUND.match(word):
        return "a"
    if _VOWEL_SOUND.match(word):
        return "an"
    return "an" if word[0].lower() in "aeiou" else "a"


def with_article(word: str) -> str:
    """``word`` after its indefinite article: ``"an Error"``."""
    return f"{indefinite_article(word)} {word}"


def the_title(title: str) -> str:
    """How a sentence names an API by its ``title``: with "the" when the title is a common
    noun phrase (``"the Square OAuth API"``, ``"the GitHub v3 REST API"``), bare when it
    is a name (``"Square"``, ``"Swagger Petstore"``) or already says "the"."""
    words = title.split()
    if not words or words[0].lower() == "the":
        return title
    while len(words) > 1 and _VERSION.fullmatch(words[-1]):
        words.pop()  # "Stripe API v1": the head noun is "API"
    head = words[-1].strip(".,:;!?()").lower()
    return f"the {title}" if head in _COMMON_HEADS else title
