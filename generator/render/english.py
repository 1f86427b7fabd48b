"""English for generated prose: the indefinite article, a title in a sentence, and the
summary of a description.

Templates write sentences around names they do not know in advance (``Builds a ...``,
``Python SDK for the ...``); the choice of words that depends on the name is made here.
A spec's description is shown whole in docstrings and doc pages, but a summary line (a
docstring's first line, a C# ``<summary>``, a README table cell) shows its first
sentence: :func:`summary_and_details` finds it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .text import remembered

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


# ---- summaries ------------------------------------------------------------------------

# Words whose "." never ends a sentence: they stand before what they abbreviate or
# introduce ("e.g. GitHub", "Mr. Smith"), so even a capital after them says nothing.
_NEVER_LAST = frozenset(
    {"e.g", "i.e", "eg", "ie", "vs", "cf", "viz", "approx", "incl", "esp", "mr", "mrs", "ms", "dr", "st", "jr", "sr"}
)
# Words whose "." ends a sentence only when a capital follows ("..., etc. The next").
_LAST_BEFORE_A_CAPITAL = frozenset({"etc", "al", "resp"})
_INITIALISM_DOTS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # "U.S", "a.m" (before the last ".")
_LONGEST_ABBREVIATION = 8
_NEXT_WORD = re.compile(r"\s*(\S)")
# A line that starts a block of its own, ending the paragraph above it: a list item, a
# fence, a heading, a quote, a table row.
_BLOCK_START = re.compile(r"\s*(?:[-*+]\s|\d{1,9}[.)]\s|```|~~~|#{1,6}\s|>|\|)")
_SENTENCE_END = ".!?"
# A label in bold before the first sentence ("**Beta.**", "__LEGACY FIELD__."): not a
# sentence of its own, so the summary goes on to the end of the next.
_LABEL = re.compile(r"(\*\*|__)[^*_\n]{1,40}\1[.:]?|(\*\*|__)[^*_\n]{1,40}[.:]\2")
_LONGEST_LABEL = 46
# What the search for an end mark skips whole: a code span (its closing run of as many
# backticks), an inline or reference link (text and destination), an autolink. Each is
# bounded, so that the search stays linear in the text, whatever the text.
_SKIPPED = re.compile(
    r"(`{1,16})(?!`)(?:[^`]|(?!\1(?!`))`){0,1000}?(?<!`)\1(?!`)"
    r"|\[(?:[^\[\]\\]|\\.){0,1000}\](?:\((?:[^()\s]|\([^()\s]{0,500}\)){0,2000}(?:\s+\"[^\"\n]{0,500}\")?\)|\[[^\[\]]{0,200}\])"
    r"|<(?:https?|mailto):[^\s<>]{0,2000}>"
)
# The characters the search for an end mark stops at: an end mark, or the first
# character of something :data:`_SKIPPED` matches.
_MARK_OR_SKIPPED = re.compile(r"[.!?`\[<]")
# A first sentence is looked for in this many characters of the first paragraph; past
# them the summary is the whole paragraph (a summary that long is no summary anyway).
_SEARCHED = 2000
# After the end mark, before the space: closing quotes, brackets, emphasis.
_CLOSERS = frozenset(")]\"'*_\u2019\u201d")
# A paragraph ending in ":" introduces a list; these trailing words only say so.
_LEAD_IN = re.compile(
    r"[,;]?\s*(?:(?:is|are|be|can be|may be|must be|by doing)\s+)?"
    r"(?:one of|any of|either|all of|the following(?:\s+\w+)?|as follows|for example|for instance"
    r"|such as|e\.g\.|i\.e\.|including|possible values(?:\s+are)?|valid values(?:\s+are)?)\s*:$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1 << 12)  # templates ask for a summary and the details apart
@remembered
def summary_and_details(description: str) -> tuple[str, str]:
    """A description's summary (its first sentence, its hard-wrapped lines joined) and
    the text after that sentence (its line breaks kept; empty when there is none).

    A sentence ends at ``.``, ``!`` or ``?`` (and any closing quote, bracket or emphasis
    mark) followed by white space or the end, except after an abbreviation (``e.g.``,
    ``i.e.``, ``vs.``, ``Mr.``; ``etc.`` unless a capital follows) or a list number at
    the start of a line, and never inside a Markdown code span, link or autolink. A label
    in bold before it (``**Beta.**``, ``__LEGACY FIELD__.``) belongs to the first sentence. A dot
    inside a version, a decimal, a URL, a domain or a file name has no space after it.

    Only the first paragraph is searched (it ends at a blank line or at a line that
    starts a list, a fence, a heading, a quote or a table): when it has no end mark, the
    summary is the whole paragraph. A paragraph that ends in ``:`` introduces the list
    after it; as a summary it reads as a sentence of its own: the colon becomes a full
    stop, and a trailing phrase that only introduces the list (``one of``, ``as
    follows``, ``the following values``...) is dropped:
    ``"The default value for a squash merge commit message:"`` summarises as
    ``"The default value for a squash merge commit message."``, and
    ``"If true, the response includes related objects, as follows:"`` as
    ``"If true, the response includes related objects."`` (a lead-in alone, ``"One of:"``,
    is left as written). The list itself stays in the details, which are shown in full
    wherever the description is.
    """
    text = description.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraph = _first_paragraph(text)
    end = _sentence_end(text[:paragraph])
    head, details = text[: end or paragraph], text[end or paragraph :].strip()
    summary = " ".join(line.strip() for line in head.split("\n"))
    if end is None and summary.endswith(":"):
        shorter = _LEAD_IN.sub("", summary).rstrip()
        if shorter == summary:
            summary = summary[:-1].rstrip() + "."
        elif len(shorter.split()) > 1:  # a lead-in alone ("One of:") is left as written
            summary = shorter + "."
    return summary, details


def _first_paragraph(text: str) -> int:
    """Where the first paragraph of ``text`` ends."""
    position = text.find("\n")
    while position != -1:
        line_end = text.find("\n", position + 1)
        line = text[position + 1 : line_end if line_end != -1 else len(text)]
        if not line.strip() or _BLOCK_START.match(line):
            return position
        position = line_end
    return len(text)


def _sentence_end(text: str) -> int | None:
    """Where the first sentence of one paragraph ends (after its end mark and closers);
    None when it has no end mark in the first :data:`_SEARCHED` characters."""
    i, n = 0, min(len(text), _SEARCHED)
    while i < n:
        # Straight to the next character that can start something skipped or be an end
        # mark: the characters between them are passed over in C, not one by one here.
        found = _MARK_OR_SKIPPED.search(text, i, n)
        if found is None:
            return None
        i = found.start()
        skipped = _SKIPPED.match(text, i)
        if skipped is not None:
            i = skipped.end()
            continue
        if text[i] in _SENTENCE_END:
            j = i + 1
            while j < len(text) and text[j] in _SENTENCE_END:
                j += 1
            while j < len(text) and text[j] in _CLOSERS:
                j += 1
            if (j == len(text) or text[j].isspace()) and _ends_sentence(text, i, j):
                if j > _LONGEST_LABEL or not _LABEL.fullmatch(text, 0, j):
                    return j
            i = j
        else:
            i += 1
    return None


def _ends_sentence(text: str, mark: int, after: int) -> bool:
    """Whether the end mark at ``mark`` ends a sentence (not an abbreviation's dot)."""
    if text[mark] != ".":
        return True
    start = mark
    while start > 0 and mark - start < _LONGEST_ABBREVIATION and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    token = text[start:mark]
    lowered = token.lower()
    if lowered in _NEVER_LAST:
        return False
    if token.isdigit() and (start == 0 or text[start - 1] == "\n"):
        return False  # "1. " starting a line: a list item's number
    if lowered in _LAST_BEFORE_A_CAPITAL or _INITIALISM_DOTS.fullmatch(token):
        following = _NEXT_WORD.match(text, after)
        return following is not None and following.group(1).isupper()
    return True


def summary(description: Any) -> str:
    """The summary of a description (or of a value shown in its place, such as an enum's
    integer): its first sentence, on one line."""
    return summary_and_details(str(description))[0]


first_sentence = summary


def details(description: Any) -> str:
    """What a description says after its summary (see :func:`summarised`)."""
    return summary_and_details(str(description))[1]


def summarised(description: Any) -> str:
    """A description with its summary (its first sentence, one line) on the first line,
    then a blank line and the rest: the full text, shaped as a docstring is."""
    head, rest = summary_and_details(str(description))
    return f"{head}\n\n{rest}" if rest else head


SUMMARY_FILTERS = {"summary": summary, "details": details, "summarised": summarised}
"""Filters that shape a description before its escaping filter, for a place that shows
a summary: ``summary`` (its first sentence, one line), ``details`` (the text after it)
and ``summarised`` (the summary, a blank line, the details: a docstring whose first
line is the summary)."""
