"""Every link in the generated docs leads somewhere: files exist, anchors are real headings.

Walks ``generated/python/README.md`` and every page under ``generated/python/doc/``;
anchors are computed the way GitHub computes them (see ``mdscan.Slugger``).
"""

from __future__ import annotations

from pathlib import Path

import mdscan
import pytest

from sdkforge.pipeline import check_spec
from sdkforge.targets.python.docs import Slugger as GeneratorSlugger
from sdkforge.targets.python.naming import name_api

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "generated" / "python"
SPEC = ROOT / "spec" / "oauth.yaml"
PAGES = [GOLDEN / "README.md", *sorted((GOLDEN / "doc").rglob("*.md"))]


def test_every_relative_link_and_anchor_resolves():
    problems = mdscan.broken_links(GOLDEN, PAGES)
    assert not problems, "broken links:\n" + "\n".join(problems)


def test_the_walk_sees_the_links_it_should():
    # Guards the test above against a reader that finds nothing to check.
    links = [link for page in PAGES for link in mdscan.read(page).links()]
    destinations = {d for _, _, d in links}
    assert "#renew-token" in destinations
    assert "../models/obtain-token-request.md" in destinations
    assert "../../README.md#client-set-up" in destinations
    assert "doc/api/o-auth.md" in destinations
    assert len(links) > 30


def test_there_is_a_page_per_group_model_and_enum_and_nothing_else():
    api, _ = check_spec(SPEC)
    names = name_api(api)
    expected = {f"api/{names.groups[g.name].doc_file}" for g in api.groups}
    expected |= {f"models/{names.of_type(n).doc_file}" for n in [*api.models, *api.enums]}
    actual = {p.relative_to(GOLDEN / "doc").as_posix() for p in PAGES[1:]}
    assert actual == expected
    assert "api/o-auth.md" in actual and "models/obtain-token-request.md" in actual


def test_every_page_can_be_reached_from_the_readme():
    seen, todo = set(), [GOLDEN / "README.md"]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        for _, _, destination in mdscan.read(page).links():
            path = destination.partition("#")[0]
            if path and not path.startswith(("http://", "https://")):
                todo.append((page.parent / path).resolve())
    assert {p.resolve() for p in PAGES} <= seen


@pytest.mark.parametrize(
    ("headings", "anchors"),
    [
        (["O Auth", "Renew Token"], ["o-auth", "renew-token"]),
        (["Parameters", "Parameters", "Parameters"], ["parameters", "parameters-1", "parameters-2"]),
        (["Foo", "Foo-1", "Foo"], ["foo", "foo-1", "foo-2"]),
        (["Client set-up", "Request options"], ["client-set-up", "request-options"]),
        (["`ApiError` & co.", "Ünïcode Title"], ["apierror--co", "ünïcode-title"]),
    ],
)
def test_anchors_are_numbered_like_github_and_the_generator_agrees(headings, anchors):
    ours, generators = mdscan.Slugger(), GeneratorSlugger()
    assert [ours.slug(mdscan.plain(h)) for h in headings] == anchors
    assert [generators.slug(mdscan.plain(h)) for h in headings] == anchors
