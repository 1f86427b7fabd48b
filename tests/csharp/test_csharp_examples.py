"""Every Example Usage block of the C# docs compiles and runs, against a real HTTP server,
and sends what the Python SDK's example for the same call sends.

The rule a reader follows, and so does this test: a block runs inside an ``async``
method, after its page's intro line (``IOAuthApi oAuthApi = client.OAuthApi;``), where
``client`` is a client made as the README shows, bound here to a local server; the SDK's
namespaces are imported (``Square.OAuth``, its ``Models`` and ``Exceptions``). Nothing is
added to, removed from or edited in the blocks. Each is compiled on its own with mcs
against the SDK (a deprecated operation's example must give the obsolete warning, as
Python's gives a DeprecationWarning) and run with mono.

The server is the one the Python doc examples run against (tests/docs/test_doc_examples.py):
it answers each operation of spec/oauth.yaml with the spec's example response when the
request has what the spec requires, 400 otherwise, and records every request. The
examples catch ``ApiException`` (as the seed's do), so success is read at the server:
one request, to the block's own operation, with nothing missing, answered 200. The
request (path, body, the operation's headers) must be the one the Python example for
the same operation sends.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mdscan
import pytest
from csharp_tools import compile_cs, run_exe, sources_of
from project_paths import GOLDEN, GOLDEN_CSHARP
from test_doc_examples import CLIENT_TOKEN, EXAMPLES, Received, SpecServer, run
from test_doc_examples import server as server

NAMESPACE = "Square.OAuth"
CLIENT = "SquareOAuthClient"
PAGES = sorted((GOLDEN_CSHARP / "doc" / "api").glob("*.md"))

HARNESS = """\
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using {ns};
using {ns}.Apis;
using {ns}.Exceptions;
using {ns}.Models;

public static class Program
{{
    public static int Main(string[] args)
    {{
        var client = new {client}.Builder().BaseUrl(args[0]).AccessToken(args[1]).MaxRetries(0).Build();
        Example(client).GetAwaiter().GetResult();
        Console.WriteLine("example finished");
        return 0;
    }}

    private static async Task Example({client} client)
    {{
{intro}

{code}
    }}
}}
"""


@dataclass(frozen=True)
class CSharpExample:
    page: Path
    method_title: str
    intro: str
    code: str

    def __str__(self) -> str:
        return f"{self.page.name}::{self.method_title}"


def csharp_examples() -> list[CSharpExample]:
    found = []
    for page_path in PAGES:
        page = mdscan.read(page_path)
        intro = next(b for b in page.code_blocks if b.info == "csharp")
        for i, heading in enumerate(page.headings):
            if heading.level == 2 and heading.text == "Example Usage":
                method = next(h for h in reversed(page.headings[:i]) if h.level == 1)
                end = next((h.line for h in page.headings[i + 1 :]), 10**9)
                blocks = [b for b in page.code_blocks if heading.line < b.line < end]
                assert len(blocks) == 1 and blocks[0].info == "csharp", f"{page_path.name}: {method.text}"
                found.append(CSharpExample(page_path, method.text, intro.text, blocks[0].text))
    return found


CS_EXAMPLES = csharp_examples()


def test_every_method_has_a_csharp_example():
    assert {e.method_title for e in CS_EXAMPLES} == {e.method_title for e in EXAMPLES}


@pytest.fixture(scope="module")
def sdk_dll(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csharp") / f"{NAMESPACE}.dll"
    compile_cs(sources_of(GOLDEN_CSHARP), out)
    return out


def indent(text: str, by: int) -> str:
    return "\n".join(" " * by + line if line else line for line in text.split("\n"))


def build(example: CSharpExample, code: str, sdk_dll: Path, name: str) -> tuple[Path, str]:
    source = sdk_dll.parent / f"{name}.cs"
    source.write_text(HARNESS.format(ns=NAMESPACE, client=CLIENT, intro=indent(example.intro, 8), code=indent(code, 8)))
    exe = sdk_dll.parent / f"{name}.exe"
    warnings = compile_cs([source], exe, library=False, references=(sdk_dll,), warn_as_error=False)
    return exe, warnings


def run_csharp(exe: Path, server: SpecServer) -> tuple[str, list[Received]]:
    before = len(server.received)
    result = run_exe(exe, server.url, CLIENT_TOKEN)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout, server.received[before:]


def python_request(title: str, server: SpecServer) -> Received:
    example = next(e for e in EXAMPLES if e.method_title == title)
    if str(GOLDEN) not in sys.path:
        sys.path.insert(0, str(GOLDEN))
    outcome = run(example, example.code, server)
    assert len(outcome.requests) == 1
    return outcome.requests[0]


def wire(request: Received, server: SpecServer) -> dict[str, Any]:
    """What a request says to the operation: its path, its JSON body, the headers the
    operation declares, and its credentials."""
    op = next(o for o in server.operations() if o.operation_id == request.operation)
    declared = {p.name.lower() for p in op.parameters if p.location.value == "header"} | {"authorization"}
    headers = {k: v for k, v in request.headers.items() if k in declared}
    return {"operation": request.operation, "path": request.path, "body": request.body, "headers": headers}


@pytest.mark.parametrize("example", CS_EXAMPLES, ids=str)
def test_example_usage_compiles_runs_and_sends_what_python_sends(example, server, sdk_dll):
    op = next(o for o in server.operations() if o.operation_id.lower() == example.method_title.replace(" ", "").lower())
    exe, warnings = build(example, example.code, sdk_dll, f"example_{op.operation_id}")
    assert ("CS0618" in warnings) == op.deprecated, warnings  # [Obsolete] shows where the operation is deprecated

    printed, requests = run_csharp(exe, server)
    assert printed == "example finished\n"
    assert [r.operation for r in requests] == [op.operation_id]
    request = requests[0]
    assert server.problems(op, request.headers, request.body) == [], "the server answered 400"
    if op.body is not None and op.body.has_example:
        assert request.body == op.body.example
    assert wire(request, server) == wire(python_request(example.method_title, server), server)


def test_a_broken_example_is_caught(server, sdk_dll):
    # The harness sees a request the server refuses: a required field sent as null.
    example = next(e for e in CS_EXAMPLES if e.method_title == "Obtain Token")
    broken = example.code.replace('"authorization_code")', "null)")
    assert broken != example.code
    exe, _ = build(example, broken, sdk_dll, "example_broken")
    _, requests = run_csharp(exe, server)
    assert server.problems(
        next(o for o in server.operations() if o.operation_id == "ObtainToken"), requests[0].headers, requests[0].body
    ) == ["missing body field grant_type"]
