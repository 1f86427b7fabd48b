"""A summary shows a description's first sentence, not its first line: module, class,
method and attribute docstrings and builder setters of the Python SDK, ``<summary>`` of
the C# SDK, the README tables of both. The full description stays where it was shown."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from sdkforge.render.english import first_sentence, summary_and_details

# Real descriptions: spec/oauth.yaml's, GitHub's (api.github.com.json) and Square's
# (APIs.guru squareup.com.json), with the summary each should have.
REAL = [
    (  # oauth.yaml, tag OAuth: hard-wrapped, was cut at "that let an application"
        "Obtain, renew and revoke the OAuth access tokens that let an application\n"
        "call Square APIs on behalf of a seller.\n",
        "Obtain, renew and revoke the OAuth access tokens that let an application call Square APIs on behalf"
        " of a seller.",
    ),
    (  # oauth.yaml, ObtainTokenRequest.grant_type: was cut after "One of:"
        "How the application asks for an OAuth access token. One of:\n\n"
        "- `authorization_code`: exchange the authorization code in `code`;\n"
        "- `refresh_token`: use the refresh token in `refresh_token`;\n",
        "How the application asks for an OAuth access token.",
    ),
    (  # oauth.yaml, RenewToken
        "`RenewToken` is deprecated. To learn how to refresh OAuth access\ntokens instead, see\n"
        "[Renew OAuth Token](https://developer.squareup.com/docs/oauth-api/cookbook/renew-oauth-tokens).\n",
        "`RenewToken` is deprecated.",
    ),
    (  # oauth.yaml, ObtainTokenResponse.access_token: a domain, a link with dots
        "A valid OAuth access token, 64 bytes long. Send it in a header with every request to Connect API "
        "endpoints. See [OAuth API: Walkthrough](https://developer.squareup.com/docs/oauth-api/walkthrough).",
        "A valid OAuth access token, 64 bytes long.",
    ),
    (  # oauth.yaml: a bold label is no sentence of its own
        "**Beta.** The permissions the application asks for, as a JSON list\nof strings, for example\n"
        '`["MERCHANT_PROFILE_READ","PAYMENTS_READ","BANK_ACCOUNTS_READ"]`.\n\nThe returned access token...',
        "**Beta.** The permissions the application asks for, as a JSON list of strings, for example "
        '`["MERCHANT_PROFILE_READ","PAYMENTS_READ","BANK_ACCOUNTS_READ"]`.',
    ),
    (  # oauth.yaml
        "__LEGACY FIELD__. The ID of a subscription plan the merchant signed up for; present only when ...",
        "__LEGACY FIELD__. The ID of a subscription plan the merchant signed up for; present only when ...",
    ),
    (  # GitHub: "e.g." in the first sentence, hard-wrapped
        "Returns all active rules that apply to the specified branch. The branch does not need to exist; rules "
        "that would apply\nto a branch with that name will be returned.",
        "Returns all active rules that apply to the specified branch.",
    ),
    (  # GitHub: e.g. and a code span with dots and slashes
        "The full resource name of the GCP Workload Identity Provider (e.g. "
        "`projects/<NUM>/locations/global/workloadIdentityPools/<POOL>/providers/<PROVIDER>`). Required when "
        "`auth_type` is `oidc_gcp`.",
        "The full resource name of the GCP Workload Identity Provider (e.g. "
        "`projects/<NUM>/locations/global/workloadIdentityPools/<POOL>/providers/<PROVIDER>`).",
    ),
    (  # GitHub: i.e. inside a sentence
        "When set to HEADGREEN, only the commit at the head of the merge group, i.e. the commit containing "
        "changes from all of the PRs in the group, must pass its required checks to merge. More.",
        "When set to HEADGREEN, only the commit at the head of the merge group, i.e. the commit containing "
        "changes from all of the PRs in the group, must pass its required checks to merge.",
    ),
    (  # GitHub: no end mark at all
        'Summary message (e.g. "Validation Failed", "Not Found")',
        'Summary message (e.g. "Validation Failed", "Not Found")',
    ),
    (  # GitHub: a first paragraph that introduces a list
        "The default value for a squash merge commit message:\n\n"
        "- `PR_BODY` - default to the pull request's body.\n"
        "- `COMMIT_MESSAGES` - default to the branch's commit messages.",
        "The default value for a squash merge commit message.",
    ),
    (  # GitHub
        "Lists public gists for the specified user:",
        "Lists public gists for the specified user.",
    ),
    (  # Square: the lead-in of the list is dropped
        "If `true`, the response will include additional objects that are related to the requested object, "
        "as follows:\n\n- a\n- b",
        "If `true`, the response will include additional objects that are related to the requested object.",
    ),
    (  # Square
        "Deletes a loyalty reward by doing the following:\n\n- Returns the loyalty points back to the loyalty account.",
        "Deletes a loyalty reward.",
    ),
    (  # Square: "etc." before a capital ends the sentence
        "Seller-oriented description of the meaning of this Custom Attribute,\nany constraints that the seller "
        "should observe, etc. May be displayed as a tooltip in Square UIs.",
        "Seller-oriented description of the meaning of this Custom Attribute, any constraints that the seller "
        "should observe, etc.",
    ),
]


@pytest.mark.parametrize(("description", "summary"), REAL)
def test_a_summary_is_the_first_sentence_of_a_real_description(description: str, summary: str) -> None:
    assert first_sentence(description) == summary


@pytest.mark.parametrize(
    ("description", "summary"),
    [
        ("Compare A vs. B first. Then C.", "Compare A vs. B first."),
        ("Written by Mr. Smith and Dr. Jones. Next.", "Written by Mr. Smith and Dr. Jones."),
        ("Supports A, B, etc. and more. Next.", "Supports A, B, etc. and more."),
        ("Available in the U.S. market only. Next.", "Available in the U.S. market only."),
        ("Since v1.2 the limit is 2.5 requests. Next.", "Since v1.2 the limit is 2.5 requests."),
        ("Served from api.square.com and config.yaml. Next.", "Served from api.square.com and config.yaml."),
        ("See https://example.com/a.b?c=d. Next.", "See https://example.com/a.b?c=d."),
        ("See <https://example.com/a. b>. Next.", "See <https://example.com/a."),  # no autolink: it holds a space
        ("Call `x. y` or ``a. ` b`` here. Next.", "Call `x. y` or ``a. ` b`` here."),
        (
            "See [the guide. Part 2](https://a.example/x.html) now. Next.",
            "See [the guide. Part 2](https://a.example/x.html) now.",
        ),
        ("See [the guide. Part 2][guide] now. Next.", "See [the guide. Part 2][guide] now."),
        ("Is it ready? Ask first.", "Is it ready?"),
        ("Stop! Now.", "Stop!"),
        ('He said "done." Then left.', 'He said "done."'),
        ("(A whole sentence.) Next.", "(A whole sentence.)"),
        ("No end mark\non two lines\n\nSecond paragraph.", "No end mark on two lines"),
        ("No end mark before a list\n- one.\n- two.", "No end mark before a list"),
        ("1. First step.\n2. Second step.", "1. First step."),
        ("One of:\n\n- a\n- b", "One of:"),  # a lead-in alone is left as written
        ("The state is one of:\n\n- open\n- closed", "The state."),
        ("The field works as follows:\n\n- a", "The field works."),
        ("Text in one line.", "Text in one line."),
        ("  Spaces around.  ", "Spaces around."),
        ("Windows\r\nline breaks. Next.", "Windows line breaks."),
        # An end mark is looked for in the first 2,000 characters: the last one searched, and the first not.
        ("a" * 1999 + ". b", "a" * 1999 + "."),
        ("a" * 2000 + ". b", "a" * 2000 + ". b"),
        ("`x" + "a" * 1997 + ". b", "`x" + "a" * 1997 + "."),  # a backtick with no closing one is no code span
        ("", ""),
    ],
)
def test_a_summary_ends_where_the_sentence_ends(description: str, summary: str) -> None:
    assert first_sentence(description) == summary


def test_the_details_are_the_text_after_the_summary_with_its_line_breaks() -> None:
    description = "Renews a token. Every token\nexpires after 30 days.\n\n- one\n- two\n"
    assert summary_and_details(description) == (
        "Renews a token.",
        "Every token\nexpires after 30 days.\n\n- one\n- two",
    )
    assert summary_and_details("One sentence.") == ("One sentence.", "")


@pytest.mark.parametrize(
    "hostile",
    ["[a](b" * 100_000, "`" * 200_000, "e.g. " * 100_000, "U.S. " * 100_000, "[" * 300_000, "a" * 1_000_000 + ". b"],
)
def test_a_summary_takes_linear_time_whatever_the_text(hostile: str) -> None:
    import time

    start = time.perf_counter()
    first_sentence(hostile)
    assert time.perf_counter() - start < 0.5


SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Summaries", "version": "1"},
    "paths": {
        "/things": {
            "post": {
                "tags": ["Things"],
                "operationId": "makeThing",
                "description": "Makes a thing, e.g. a widget, from\nthe body. It is stored at once.\n\nMore about it.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                },
                "responses": {"204": {"description": "Made."}},
            }
        }
    },
    "tags": [{"name": "Things", "description": 'The things """you"" keep, with\n<b>care</b> & love. Long list.'}],
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "description": "A thing you own. Things last.",
                "properties": {
                    "kind": {
                        "type": "string",
                        "description": "The kind of thing. One of:\n\n- `small`: small;\n- `big`: big.",
                    }
                },
            }
        }
    },
}


def _generate(tmp_path: Path, run_cli: Callable[..., Any], target: str) -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(SPEC))
    out = tmp_path / target
    result = run_cli("generate", spec, "--out", out, "--target", target, "-q")
    assert result.code == 0, result.err
    return out


def test_python_summary_lines_are_first_sentences(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    out = _generate(tmp_path, run_cli, "python")
    group = (out / "summaries" / "api" / "things.py").read_text()
    module = ast.parse(group)
    # the module docstring, the group class's and the method's: the first sentence on the
    # first line (hard-wrapped lines joined), then the rest of the description in full
    assert (
        ast.get_docstring(module)
        == 'The ThingsApi and AsyncThingsApi classes: The things """you"" keep, with <b>care</b> & love.'
    )
    classes = {node.name: node for node in module.body if isinstance(node, ast.ClassDef)}
    doc = ast.get_docstring(classes["ThingsApi"])
    assert doc is not None and doc.startswith('The things """you"" keep, with <b>care</b> & love.\n\nLong list.\n')
    method = next(n for n in classes["ThingsApi"].body if isinstance(n, ast.FunctionDef) and n.name == "make_thing")
    doc = ast.get_docstring(method)
    assert doc is not None and doc.startswith(
        "Makes a thing, e.g. a widget, from the body.\n\nIt is stored at once.\n\nMore about it.\n"
    )
    client = ast.parse((out / "summaries" / "_client.py").read_text())
    assert 'The things """you"" keep, with <b>care</b> & love.' in [
        ast.get_docstring(n) for n in ast.walk(client) if isinstance(n, ast.FunctionDef) and n.name == "things"
    ]
    model = ast.parse((out / "summaries" / "models" / "thing.py").read_text())
    classes = {node.name: node for node in model.body if isinstance(node, ast.ClassDef)}
    assert ast.get_docstring(classes["Thing"]) == "A thing you own.\n\nThings last."
    setter = next(n for n in classes["ThingBuilder"].body if isinstance(n, ast.FunctionDef) and n.name == "kind")
    assert ast.get_docstring(setter) == "Set ``kind``: The kind of thing."
    # the field's own docstring keeps the list
    field_doc = re.search(
        r'kind: str \| Unset = UNSET\n    """(.*?)"""', (out / "summaries" / "models" / "thing.py").read_text(), re.S
    )
    assert field_doc is not None
    assert field_doc.group(1) == "The kind of thing.\n\n    One of:\n\n    - `small`: small;\n    - `big`: big."
    readme = (out / "README.md").read_text()
    assert "| A thing you own. |" in readme


def test_csharp_summaries_are_first_sentences_and_remarks_the_rest(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    out = _generate(tmp_path, run_cli, "csharp")
    api = next(out.rglob("ThingsApi.cs")).read_text()
    assert (
        "    /// <summary>\n"
        '    /// The things """you"" keep, with &lt;b&gt;care&lt;/b&gt; &amp; love.\n'
        "    /// </summary>\n"
        "    /// <remarks>\n"
        "    /// Long list.\n"
        "    /// </remarks>\n"
        "    public sealed class ThingsApi"
    ) in api
    assert (
        "        /// <summary>\n"
        "        /// Makes a thing, e.g. a widget, from the body.\n"
        "        /// </summary>\n"
        "        /// <remarks>\n"
        "        /// It is stored at once.\n"
        "        ///\n"
        "        /// More about it.\n"
        "        /// </remarks>\n"
    ) in api
    model = next(out.rglob("Thing.cs")).read_text()
    assert (
        "        /// <summary>\n"
        "        /// The kind of thing.\n"
        "        /// </summary>\n"
        "        /// <remarks>\n"
        "        /// One of:\n"
        "        ///\n"
        "        /// - `small`: small;\n"
        "        /// - `big`: big.\n"
        "        /// </remarks>\n"
    ) in model
    assert (
        "/// <summary>\n    /// A thing you own.\n    /// </summary>\n    /// <remarks>\n    /// Things last.\n"
        in model
    )
