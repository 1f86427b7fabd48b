"""Our C# ``doc/api/o-auth.md`` reads like the page we started from, section by section.

The seed, ``../shared/seeds/o-auth.md``, is a rendered copy of the .NET SDK's page for
this API; our C# docs document a .NET SDK too, so names, types, signatures and examples
must be the seed's own, line for line. As in ``test_doc_seed_page.py`` (whose reading of
the seed and whose facts this test shares), every line of the seed's page body must be
used by some check. Differences, declared:

- ``REWORDED`` (from test_doc_seed_page): our descriptions come from our own spec, which
  states the same facts in its own words;
- ``RENDERED``: the seed is rendered HTML, our page is the Markdown source (the
  signature block keeps its line breaks, which the rendering squashed into one line);
- ``ADDED``: what our page has besides the seed's.
"""

from __future__ import annotations

import re

import mdscan
import pytest
from project_paths import GOLDEN_CSHARP
from test_doc_seed_page import PARAMETER_FACTS, RENDERED, REWORDED, Seed, read_seed, seed_rows, squash, subsections

from sdkforge.model.naming import kebab

OURS = GOLDEN_CSHARP / "doc" / "api" / "o-auth.md"

ADDED = {
    "HTTP request": "a line naming the HTTP method and path under the signature",
    "cancellationToken": "the Parameters table ends with the CancellationToken every Async method takes",
    "response description": "the success response's description under the response type",
    "intro": "a paragraph after the accessor line on where client comes from and the blocking twins",
}
assert RENDERED  # the same rendering differences as the Python page's test


@pytest.fixture(scope="module")
def seed() -> Seed:
    return read_seed()


@pytest.fixture(scope="module")
def ours() -> mdscan.Page:
    return mdscan.read(OURS)


def our_method_sections(page: mdscan.Page) -> dict[str, str]:
    return {k: v for k, v in mdscan.sections(page, 1).items() if k != "O Auth"}


def test_the_page_is_the_same_file(seed):
    assert seed.file_name == OURS.name


def test_intro_title_group_access_and_class_name(seed, ours):
    intro = seed.intro
    assert intro.use(0) == "O Auth" and ours.headings[0].text == "O Auth"
    access = intro.find(r"^I\w+ \w+ = client\.\w+;$", "how to reach the group").group(0)
    assert ours.code_blocks[0].info == "csharp" and ours.code_blocks[0].text == access  # the same line
    heading = intro.lines.index("Class Name")
    intro.use(heading)
    class_name = intro.use(next(i for i in range(heading + 1, len(intro.lines)) if intro.lines[i].strip()))
    assert mdscan.sections(ours, 2)["Class Name"].strip() == f"`{class_name}`"
    intro.find(r"^Methods$", "the Methods heading")
    assert not intro.unused(), f"seed lines no check uses: {intro.unused()}"


def test_the_same_methods_in_the_same_order(seed, ours):
    listed = re.findall(r"^\* \[(.+?)\]\(#([\w-]+)\)$", mdscan.sections(ours, 2)["Methods"], re.MULTILINE)
    assert [text for text, _ in listed] == list(seed.methods) == list(our_method_sections(ours))


@pytest.mark.parametrize("method_title", ["Renew Token", "Revoke Token", "Obtain Token"])
def test_method_section_has_every_fact_of_the_seed(method_title, seed, ours):
    section = seed.methods[method_title]
    mine = our_method_sections(ours)[method_title]
    parts = subsections(mine)
    head = mine.split("\n## ")[0]
    section.use(0)

    if any("is deprecated" in line for line in section.lines):
        assert "**This endpoint is deprecated.**" in head.split("\n")
    for fact in REWORDED[method_title]:
        section.find(fact.seed, fact.what)
        assert re.search(fact.ours or fact.seed, squash(head)), f"{method_title}: ours lacks: {fact.what}"
    note = section.find(r"^ℹ️ Note (.+)$", "the authentication note").group(1)
    assert f":information_source: **Note** {note}" in head.split("\n")

    # The signature: the seed's own, its line breaks aside (RENDERED)
    signature = section.find(r"^\w+Async\(.*\)$", "the signature").group(0)
    block = next(b for b in mdscan.parse(head).code_blocks if b.info == "csharp")
    assert squash(block.text).replace("( ", "(") == signature
    assert re.search(r"^HTTP request: `POST /oauth2/", head, re.MULTILINE)  # ADDED["HTTP request"]

    # Parameters: the seed's rows, names, C# types, tags and facts
    section.find(r"^Parameters$", "the Parameters heading")
    section.find(r"^Parameter Type Tags Description$", "the parameter table's header")
    table = mdscan.parse(parts["Parameters"]).tables()[0]
    assert table[0] == ["Parameter", "Type", "Tags", "Description"]
    rows = seed_rows(section)
    assert [mdscan.plain(r[0]) for r in table[1:]] == [name for name, *_ in rows] + ["cancellationToken"]
    for (name, seed_type, tags, description), row in zip(rows, table[1:], strict=False):
        assert mdscan.plain(row[1]) == seed_type
        if seed_type.startswith("Models."):
            model = seed_type.removeprefix("Models.")
            assert row[1] == f"[`{seed_type}`](../models/{kebab(model)}.md)"
        assert row[2] == tags
        facts = PARAMETER_FACTS.get((method_title, name))
        if facts is None:
            assert squash(row[3]) == squash(description)
        for fact in facts or []:
            assert re.search(fact.seed, squash(description)), f"the seed no longer says: {fact.what}"
            assert re.search(fact.ours or fact.seed, squash(row[3])), f"{method_title}/{name}: ours lacks {fact.what}"

    # The response type, linked to the model's page
    section.find(r"^Response Type$", "the Response Type heading")
    response = section.find(r"^Task<Models\.(\w+)>$", "the response type").group(1)
    first = parts["Response Type"].strip().split("\n")[0]
    assert first == f"[`Task<Models.{response}>`](../models/{kebab(response)}.md)"

    # The example: the seed's lines, in order, as they are
    start = section.find(r"^Example Usage$", "the Example Usage heading")
    assert start
    example = mdscan.parse(parts["Example Usage"]).code_blocks[0]
    assert example.info == "csharp"
    begin = section.lines.index("Example Usage") + 1
    seed_lines = [section.use(i).strip() for i in range(begin, len(section.lines))]
    assert [line.strip() for line in example.text.split("\n") if line.strip()] == [line for line in seed_lines if line]

    assert not section.unused(), f"{method_title}: seed lines no check uses: {section.unused()}"
