"""Our ``doc/api/o-auth.md`` carries every fact of the page we started from.

The seed, ``../shared/seeds/o-auth.md``, is a rendered copy of the .NET SDK's page for
this API (no Markdown left: headings, code and table rows are plain lines). It is read
at run time, never copied here. Section by section, the test finds each fact on the seed
(so the seed itself proves the fact is real) and then looks for it on our page, in the
same section. Every line of the seed's page body must be used by some check: a sentence
or a row that nobody checks fails the test, so nothing on the seed can go missing
unnoticed.

Where our page says a thing differently on purpose, the test says so:

- ``PYTHON_FOR_CSHARP``: our page documents the Python SDK, not the .NET one (names,
  types, method names, the example's syntax);
- ``REWORDED``: our descriptions come from our own spec, which states the same facts
  in its own words; each such fact is a (seed pattern, our pattern) pair;
- ``RENDERED``: the seed is rendered HTML, our page is the Markdown source.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import mdscan
import pytest

from sdkforge.model.naming import kebab, snake, title

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "generated" / "python" / "doc" / "api" / "o-auth.md"


def _shared_path(*parts: str) -> Path:
    # tests/conftest.py's shared_path (skips without ../shared, fails in CI). Loaded by
    # path: several test folders have a conftest.py, and the module name "conftest"
    # belongs to whichever pytest loaded last.
    name = "sdkforge_tests_conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "conftest.py")
        assert spec is not None and spec.loader is not None
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name].shared_path(*parts)


# ---- the declared differences ----------------------------------------------------------

PYTHON_FOR_CSHARP = {
    "parameter and variable names": "camelCase -> snake_case (clientId -> client_id)",
    "types": "string -> str; Models.X -> X, linked to the model's page",
    "response type": "Task<Models.X> -> X: the blocking Client returns the model itself",
    "method names": "RenewTokenAsync -> renew_token; AsyncClient's coroutine has the same name",
    "signature": "one parameter per line as `name: type`, plus the keyword-only request_options",
    "group access": "IOAuthApi oAuthApi = client.OAuthApi; -> o_auth_api = client.o_auth",
    "builders": 'new X.Builder(args) -> X.builder(args); .AccessToken("v") -> .access_token("v"); .Build() -> .build()',
    "string literals": '"v" stays "v" (Python literal, same value)',
    "try/catch": "try { ... } catch (ApiException e){}; -> try: ... except ApiError as e:",
    "call": "R result = await api.MAsync(a, b); -> result = api.m(a, b)",
}
TYPES = {"string": "str", "int": "int", "long": "int", "bool": "bool", "double": "float", "object": "Any"}

RENDERED = {
    "page chrome": "the lines before the title (Skip to content, Latest commit, History...) are GitHub's",
    "note icon": "the rendered emoji ℹ️ is the :information_source: shortcode in Markdown",
    "method list": "the seed's rendering lost the Methods list's links; ours is a list of anchor links",
}


@dataclass(frozen=True)
class Fact:
    """One fact: a pattern that finds it on the seed, and one that finds it on our page.

    Both are matched against the text with whitespace collapsed to single spaces. When
    ``ours`` is None the same words are on both pages.
    """

    what: str
    seed: str
    ours: str | None = None


AUTH_HEADER_FACTS = [
    Fact("it is important", r"Important:", r"__Important:__"),
    Fact(
        "the header must have a fixed format",
        r"The Authorization header for this endpoint must have the following format",
        r"this endpoint expects the `Authorization` header in exactly this form",
    ),
    Fact(
        "the format, as a code block",
        r"^Authorization: Client APPLICATION_SECRET$",
        r"``` Authorization: Client APPLICATION_SECRET ```",
    ),
    Fact(
        "APPLICATION_SECRET stands for the application secret",
        r"Replace APPLICATION_SECRET with the application secret",
        r"`APPLICATION_SECRET` is replaced by your application secret",
    ),
    Fact("found on the Credentials page", r"on the Credentials page", r"on the \*\*Credentials\*\* page"),
    Fact(
        "of the application dashboard (a link on ours)",
        r"in the application dashboard\.",
        r"of the \[application dashboard\]\(https://connect\.squareup\.com/apps\)\.",
    ),
]

REWORDED: dict[str, list[Fact]] = {
    "Renew Token": [
        Fact("RenewToken is deprecated", r"RenewToken is deprecated\.", r"`RenewToken` is deprecated\."),
        Fact(
            "for refreshing tokens instead",
            r"For information about refreshing OAuth access tokens",
            r"To learn how to refresh OAuth access tokens instead",
        ),
        Fact(
            "see the Renew OAuth Token guide (a link on ours)",
            r"see Renew OAuth Token\.",
            r"see \[Renew OAuth Token\]\(https://[^)]+\)\.",
        ),
        Fact(
            "renews a token before it expires",
            r"Renews an OAuth access token before it expires\.",
            r"Renews an OAuth access token before it runs out\.",
        ),
        Fact(
            "tokens expire after 30 days, except the personal access token",
            r"OAuth access tokens besides your application's personal access token expire after 30 days\.",
            r"Every OAuth access token except your application's personal access token expires after \*\*30 days\*\*\.",
        ),
        Fact(
            "expired tokens can be renewed within 15 days",
            r"You can also renew expired tokens within 15 days of their expiration\.",
            r"A token that has already expired can still be renewed within \*\*15 days\*\* of its expiry\.",
        ),
        Fact(
            "not once expired for more than 15 days",
            r"You cannot renew an access token that has been expired for more than 15 days\.",
            r"Once it has been expired for more than 15 days it can no longer be renewed",
        ),
        Fact(
            "then the user must go through the OAuth flow again",
            r"Instead, the associated user must re-complete the OAuth flow from the beginning\.",
            r"the associated user has to go through the OAuth flow again from the start\.",
        ),
        *AUTH_HEADER_FACTS,
    ],
    "Revoke Token": [
        Fact(
            "revokes a token from the OAuth flow",
            r"Revokes an access token generated with the OAuth flow\.",
            r"Revokes an access token that was generated with the OAuth flow\.",
        ),
        Fact(
            "with several tokens for the application, all are revoked, whichever is named",
            r"If an account has more than one OAuth access token for your application, this endpoint revokes all "
            r"of them, regardless of which token you specify\.",
            r"When an account holds several OAuth access tokens for your application, this endpoint revokes every "
            r"one of them, whichever token you name in the request\.",
        ),
        Fact(
            "active subscriptions of the token are cancelled at once",
            r"When an OAuth access token is revoked, all of the active subscriptions associated with that OAuth "
            r"token are canceled immediately\.",
            r"Revoking an OAuth access token also cancels, immediately, all active subscriptions associated with "
            r"that token\.",
        ),
        *AUTH_HEADER_FACTS,
    ],
    "Obtain Token": [
        Fact("returns an OAuth access token", r"Returns an OAuth access token\."),
        Fact(
            "there are several ways to obtain one",
            r"The endpoint supports distinct methods of obtaining OAuth access tokens\.",
            r"There are several ways to obtain an OAuth access token from this endpoint\.",
        ),
        Fact(
            "chosen with grant_type, sending what that way needs",
            r"Applications specify a method by adding the grant_type parameter in the request and also provide "
            r"relevant information\.",
            r"The application picks one by setting the `grant_type` field of the request, and sends the "
            r"information that way needs",
        ),
        Fact(
            "see OAuth access token management (a link on ours)",
            r"For more information, see OAuth access token management\.",
            r"To learn more, see \[OAuth access token management\]\(https://[^)]+\)\.",
        ),
        Fact(
            "always two items: an access token and a refresh token",
            r"Note: Regardless of the method application specified, the endpoint always returns two items; an "
            r"OAuth access token and a refresh token in the response\.",
            r"__Note:__ whichever way the application chooses, the response always carries two items: an OAuth "
            r"access token and a refresh token\.",
        ),
        Fact(
            "tokens live on secure servers only",
            r"OAuth tokens should only live on secure servers\.",
            r"OAuth tokens belong on secure servers only",
        ),
        Fact(
            "application clients never handle tokens directly",
            r"Application clients should never interact directly with OAuth tokens\.",
            r"application clients must never handle OAuth tokens directly\.",
        ),
    ],
}

BODY_FACTS = [
    Fact(
        "an object with the fields to POST",
        r"An object containing the fields to POST for the request\.",
        r"An object holding the fields to send in the POST request\.",
    ),
    Fact(
        "field details are on the object's definition",
        r"See the corresponding object definition for field details\.",
        r"For the details of each field, see the corresponding object definition\.",
    ),
]
PARAMETER_FACTS: dict[tuple[str, str], list[Fact]] = {
    ("Renew Token", "clientId"): [
        Fact("the application ID", r"Your application ID,", r"Your application ID,"),
        Fact(
            "from the application dashboard (a link on ours)",
            r"available from the application dashboard\.",
            r"available from the \[application dashboard\]\(https://connect\.squareup\.com/apps\)",
        ),
    ],
    ("Renew Token", "body"): BODY_FACTS,
    ("Revoke Token", "body"): BODY_FACTS,
    ("Obtain Token", "body"): BODY_FACTS,
}
# Any other parameter's description must be the same words on both pages.


# ---- reading both pages ----------------------------------------------------------------


def squash(text: str) -> str:
    return " ".join(text.split())


@dataclass
class SeedSection:
    """A run of seed lines, and which of them some check has used."""

    lines: list[str]
    used: set[int] = field(default_factory=set)

    def find(self, pattern: str, what: str) -> re.Match[str]:
        """The first match of ``pattern`` on a line (whitespace squashed); marks the line used."""
        for i, line in enumerate(self.lines):
            match = re.search(pattern, squash(line), re.MULTILINE)
            if match:
                self.used.add(i)
                return match
        raise AssertionError(f"the seed no longer says: {what} ({pattern!r}); update the test")

    def use(self, index: int) -> str:
        self.used.add(index)
        return self.lines[index]

    def unused(self) -> list[str]:
        return [line for i, line in enumerate(self.lines) if i not in self.used and line.strip()]


@dataclass
class Seed:
    file_name: str
    intro: SeedSection
    methods: dict[str, SeedSection]  # method title -> its lines, title line first


def read_seed() -> Seed:
    lines = [line.rstrip() for line in _shared_path("seeds", "o-auth.md").read_text(encoding="utf-8").split("\n")]
    start = lines.index("O Auth")  # RENDERED["page chrome"]: what comes before is GitHub's
    file_name = next(line for line in lines[:start] if line.endswith(".md"))
    body = lines[start:]
    signatures = [(i, m.group(1)) for i, line in enumerate(body) if (m := re.fullmatch(r"(\w+)Async\(.*\)", line))]
    titles = [(max(j for j in range(i) if body[j] == title(name)), title(name)) for i, name in signatures]
    intro = SeedSection(body[: titles[0][0]])
    methods = {}
    for k, (begin, method_title) in enumerate(titles):
        end = titles[k + 1][0] if k + 1 < len(titles) else len(body)
        methods[method_title] = SeedSection(body[begin:end])
    return Seed(file_name, intro, methods)


@pytest.fixture(scope="module")
def seed() -> Seed:
    return read_seed()


@pytest.fixture(scope="module")
def ours() -> mdscan.Page:
    return mdscan.read(OURS)


def our_method_sections(page: mdscan.Page) -> dict[str, str]:
    return {k: v for k, v in mdscan.sections(page, 1).items() if k != "O Auth"}


def subsections(text: str) -> dict[str, str]:
    return mdscan.sections(mdscan.parse(text), 2)


# ---- the checks ------------------------------------------------------------------------


def test_the_page_is_the_same_file(seed):
    assert seed.file_name == OURS.name == "o-auth.md"


def test_intro_title_group_access_and_class_name(seed, ours):
    intro = seed.intro
    assert intro.use(0) == "O Auth" and ours.headings[0].level == 1 and ours.headings[0].text == "O Auth"

    access = intro.find(r"^I(\w+) (\w+) = client\.(\w+);$", "how to reach the group")
    interface, variable, prop = access.groups()
    # PYTHON_FOR_CSHARP["group access"]: the variable in snake_case, the attribute without "Api"
    assert ours.code_blocks[0].info == "python"
    assert ours.code_blocks[0].text == f"{snake(variable)} = client.{snake(prop.removesuffix('Api'))}"

    heading = intro.lines.index("Class Name")
    intro.use(heading)
    class_name = intro.use(next(i for i in range(heading + 1, len(intro.lines)) if intro.lines[i].strip()))
    assert class_name == interface  # the class behind the seed's IOAuthApi
    assert mdscan.sections(ours, 2)["Class Name"].strip() == f"`{class_name}`"

    intro.find(r"^Methods$", "the Methods heading")
    assert not intro.unused(), f"seed lines no check uses: {intro.unused()}"


def test_the_same_methods_in_the_same_order(seed, ours):
    # RENDERED["method list"]: the seed's list is lost in rendering; its method headings remain.
    listed = re.findall(r"^\* \[(.+?)\]\(#([\w-]+)\)$", mdscan.sections(ours, 2)["Methods"], re.MULTILINE)
    assert [text for text, _ in listed] == list(seed.methods)
    assert list(our_method_sections(ours)) == list(seed.methods)


@pytest.mark.parametrize("method_title", ["Renew Token", "Revoke Token", "Obtain Token"])
def test_method_section_has_every_fact_of_the_seed(method_title, seed, ours):
    section = seed.methods[method_title]
    mine = our_method_sections(ours)[method_title]
    parts = subsections(mine)
    head = mine.split("\n## ")[0]  # the description, notes and signature, before ## Parameters
    section.use(0)  # the title: test_the_same_methods_in_the_same_order

    # Deprecation
    if any("is deprecated" in line for line in section.lines):
        assert "**This endpoint is deprecated.**" in head.split("\n")

    # The description, fact by fact
    for fact in REWORDED[method_title]:
        section.find(fact.seed, fact.what)
        assert re.search(fact.ours or fact.seed, squash(head)), f"{method_title}: ours lacks: {fact.what}"

    # The note (RENDERED["note icon"])
    note = section.find(r"^ℹ️ Note (.+)$", "the authentication note").group(1)
    assert f":information_source: **Note** {note}" in head.split("\n")

    # The signature (PYTHON_FOR_CSHARP["method names"], ["signature"], ["types"])
    signature = section.find(r"^(\w+)Async\((.*)\)$", "the signature")
    seed_params = [p.rsplit(" ", 1) for p in signature.group(2).split(", ") if p]
    code = next(b.text for b in mdscan.parse(head).code_blocks if b.text.startswith("def "))
    expected_lines = [f"def {snake(signature.group(1))}("] + [
        f"    {snake(n)}: {csharp_type(t)}," for t, n in seed_params
    ]
    assert code.split("\n")[: len(expected_lines)] == expected_lines

    # Parameters: same headings, same rows, same tags, same facts
    section.find(r"^Parameters$", "the Parameters heading")
    section.find(r"^Parameter Type Tags Description$", "the parameter table's header")
    table = mdscan.parse(parts["Parameters"]).tables()[0]
    assert table[0] == ["Parameter", "Type", "Tags", "Description"]
    rows = {mdscan.plain(r[0]): r for r in table[1:]}
    parameters = seed_rows(section)
    assert [n for n, *_ in parameters] == [n for _, n in seed_params]  # the seed's rows follow its signature
    assert [mdscan.plain(r[0]) for r in table[1 : len(parameters) + 1]] == [snake(n) for _, n in seed_params]
    for name, seed_type, tags, description in parameters:
        row = rows.get(snake(name))
        assert row, f"{method_title}: no row for {name} (as {snake(name)})"
        assert mdscan.plain(row[1]) == csharp_type(seed_type)
        if seed_type.startswith("Models."):
            assert re.fullmatch(rf"\[`{csharp_type(seed_type)}`\]\(\.\./models/[\w-]+\.md\)", row[1])
        assert row[2] == tags
        facts = PARAMETER_FACTS.get((method_title, name))
        if facts is None:
            assert squash(row[3]) == squash(description), f"{method_title}: {name}'s description differs"
        for fact in facts or []:
            assert re.search(fact.seed, squash(description)), f"the seed no longer says: {fact.what}"
            assert re.search(fact.ours or fact.seed, squash(row[3])), f"{method_title}/{name}: ours lacks {fact.what}"

    # Response type (PYTHON_FOR_CSHARP["response type"])
    section.find(r"^Response Type$", "the Response Type heading")
    response = section.find(r"^Task<Models\.(\w+)>$", "the response type").group(1)
    assert parts["Response Type"].strip().split("\n")[0] == f"[`{response}`](../models/{kebab(response)}.md)"
    assert code.rstrip().endswith(f") -> {response}")

    # The example
    section.find(r"^Example Usage$", "the Example Usage heading")
    example = mdscan.parse(parts["Example Usage"]).code_blocks[0].text
    check_example(section, example, response)

    assert not section.unused(), f"{method_title}: seed lines no check uses: {section.unused()}"


def csharp_type(seed_type: str) -> str:
    """PYTHON_FOR_CSHARP["types"]."""
    return TYPES.get(seed_type, seed_type.removeprefix("Models."))


def seed_rows(section: SeedSection) -> list[tuple[str, str, str, str]]:
    """(name, type, tags, description) of each parameter row; a description may go on over
    the next lines (a blank line inside it, as in the body's)."""
    start = next(i for i, line in enumerate(section.lines) if line == "Parameter Type Tags Description")
    end = section.lines.index("Response Type")
    rows: list[list[str]] = []
    tags = r"(?:Template|Query|Header|Body|Form|Cookie), (?:Required|Optional)"
    for i in range(start + 1, end):
        line = section.use(i)
        match = re.fullmatch(rf"(\w+) (\S+) ({tags}) (.*)", line)
        if match:
            rows.append(list(match.groups()))
        elif line.strip():
            rows[-1][3] += " " + line
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def check_example(section: SeedSection, example: str, response: str) -> None:
    """The seed's example, line by line, against ours (PYTHON_FOR_CSHARP: builders, call,
    try/catch, literals)."""
    start = section.lines.index("Example Usage")
    literals = {
        n.value for n in ast.walk(ast.parse(example)) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    ours = example.split("\n")
    i = start + 1
    while i < len(section.lines):
        line = section.lines[i].strip()
        section.used.add(i)
        if assign := re.fullmatch(r'(?:string|int|long|bool|double) (\w+) = "(.*)";', line):
            name, value = assign.groups()
            assert f'{snake(name)} = "{value}"' in ours
        elif builder := re.fullmatch(r"var (\w+) = new (\w+)\.Builder\((.*)", line):
            name, model, rest = builder.groups()
            while not rest.endswith(")") and not rest.endswith("()"):
                i += 1
                section.used.add(i)
                rest += section.lines[i].strip()
            args = re.findall(r'"([^"]*)"', rest)
            start_line = next(o for o in ours if f"{model}.builder(" in o)
            assert re.findall(r'"([^"]*)"', start_line) == args, start_line
            assert f"{snake(name)} = (" in ours or any(o.startswith(f"{snake(name)} = {model}.builder(") for o in ours)
        elif setter := re.fullmatch(r'\.(\w+)\("(.*)"\)', line):
            assert f'    .{snake(setter.group(1))}("{setter.group(2)}")' in ours
        elif line == ".Build();":
            assert "    .build()" in ours or any(o.endswith(".build()") for o in ours)
        elif call := re.fullmatch(r"(\w+) result = await (\w+)\.(\w+)Async\((.*)\);", line):
            result_type, variable, method, args = call.groups()
            assert result_type == response
            python_args = ", ".join(snake(a) for a in args.split(", ") if a)
            assert f"    result = {snake(variable)}.{snake(method)}({python_args})" in ours
        elif line in ("try", "{", "}"):
            assert "try:" in ours
        elif line == "catch (ApiException e){};":
            assert "except ApiError as e:" in ours
        elif line:
            raise AssertionError(f"a line of the seed's example no check understands: {line!r}")
        for value in re.findall(r'"([^"]*)"', line):
            assert value in literals, f"the example value {value!r} is not in ours"
        i += 1
