"""The render stage's Jinja environment answers as Jinja's own does, only faster: the
target's functions called straight from a template, the templates' globals in a dict."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import jinja2
import pytest

from sdkforge.render.engine import make_environment, render_all
from sdkforge.render.job import Deferred, RenderJob


def _called_from() -> str:
    """The name of the code that called the function calling this."""
    return sys._getframe(2).f_code.co_name


def _plain(*args: Any, **kwargs: Any) -> str:
    return f"plain{args}{sorted(kwargs.items())}"


def _where(*args: Any) -> str:
    return _called_from()


@jinja2.pass_context
def _with_context(context: jinja2.runtime.Context, name: str) -> str:
    return f"{name}={context.get(name)}"


GLOBALS: dict[str, Any] = {"plain": _plain, "where": _where, "with_context": _with_context, "lengths": len}

TEMPLATES = {
    "loop.j2": "{% for x in items %}{{ plain(x, 1, key=x) }};{% endfor %}",
    "nested.j2": "{{ plain(plain(plain(1)), k=plain(2)) }}",
    "context.j2": "{% set here = 'top' %}{{ with_context('here') }}{% for x in [1] %}{% set inner = x %}"
    "{{ with_context('inner') }}{% endfor %}",
    "builtin.j2": "{{ lengths(items) }}",
    "macro.j2": "{% macro m(a) %}[{{ plain(a) }}]{% endmacro %}{% macro c(a) %}<{{ caller(a) }}>{% endmacro %}"
    "{{ m(1) }}{% call(x) c(2) %}{{ plain(x, m(3)) }}{% endcall %}",
    "shadowed.j2": "{% set plain = with_context %}{% set x = 'shadow' %}{{ plain('x') }}",
    "keyword.j2": "{{ plain(1, class=2) }}",
    "spread.j2": "{{ plain(*items, **{'a': 1}) }}",
    "undefined.j2": "{{ missing_function(1) }}",
    "not_callable.j2": "{{ items(1) }}",
    "attributes.j2": "{% set d = {'k': 1, 'count': 2} %}{{ items.count('a') }},{{ d.k }},{{ d.count }},"
    "{{ items.nothing is defined }},{{ d.nothing is undefined }}"
    "{% macro m(x) %}{{ x.k }}{% endmacro %},{{ m(d) }},{% for x in [d] %}{{ x.k }}{% endfor %}",
    "missing_attribute.j2": "{{ items.nothing }}",
    "attribute_of_undefined.j2": "{{ nothing.at_all }}",
}


def _environments(tmp_path: Path) -> tuple[jinja2.Environment, jinja2.Environment]:
    """Ours and Jinja's own, with the same templates, settings and globals."""
    folder = tmp_path / "python"
    folder.mkdir()
    for name, text in TEMPLATES.items():
        (folder / name).write_text(text, encoding="utf-8")
    ours = make_environment(tmp_path, None, {}, GLOBALS)
    theirs = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(tmp_path)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    theirs.globals.update(GLOBALS)
    return ours, theirs


def _rendered(env: jinja2.Environment, name: str) -> str:
    try:
        return env.get_template(f"python/{name}").render(items=["a", "b"])
    except Exception as exc:  # noqa: BLE001 - the failure itself is compared
        return f"{type(exc).__name__}: {exc}"


FAILING = {"undefined.j2", "not_callable.j2", "missing_attribute.j2", "attribute_of_undefined.j2"}


@pytest.mark.parametrize("name", sorted(set(TEMPLATES) - FAILING))
def test_a_template_says_what_jinja_says(tmp_path: Path, name: str) -> None:
    ours, theirs = _environments(tmp_path)
    assert _rendered(ours, name) == _rendered(theirs, name)
    assert "Error" not in _rendered(ours, name)


@pytest.mark.parametrize("name", sorted(FAILING))
def test_calling_or_reading_what_is_not_there_fails_as_in_jinja(tmp_path: Path, name: str) -> None:
    ours, theirs = _environments(tmp_path)
    said = _rendered(ours, name)
    assert said == _rendered(theirs, name)
    assert said.startswith(("UndefinedError", "TypeError"))


def test_the_targets_functions_are_called_straight_from_the_template(tmp_path: Path) -> None:
    """Not through Jinja's ``Context.call``, which looks at the function each time."""
    ours, _ = _environments(tmp_path)
    template = ours.from_string("{{ where() }},{% for x in [1] %}{{ where(x) }}{% endfor %}")
    assert template.render() == "root,root"


def test_templates_hold_their_globals_in_a_dict(tmp_path: Path) -> None:
    """Jinja's ChainMap was copied key by key into every file's context."""
    ours, _ = _environments(tmp_path)
    template = ours.get_template("python/builtin.j2")
    assert type(template.globals) is dict
    assert ours.get_template("python/builtin.j2", globals={"extra": 1}).globals["extra"] == 1
    assert ours.from_string("{{ extra }}", globals={"extra": 2}).render() == "2"


def test_an_attribute_is_read_straight_from_the_template(tmp_path: Path) -> None:
    """Not through ``Environment.getattr`` (a call of a Python function for each of the
    million attributes a big API's files read), but for what an object lacks: a dict's
    key, then an undefined value, as Jinja reads them."""
    ours, _ = _environments(tmp_path)
    asked: list[str] = []
    jinja_getattr = ours.getattr

    def getattr_(obj: Any, attribute: str) -> Any:
        asked.append(attribute)
        return jinja_getattr(obj, attribute)

    ours.getattr = getattr_  # type: ignore[method-assign]
    template = ours.from_string("{{ items.count('a') }},{% for x in [d] %}{{ x.k }}{{ x.get('k') }}{% endfor %}")
    assert template.render(items=["a", "b"], d={"k": 1}) == "1,11"
    assert asked == ["k"]


def test_each_template_is_looked_up_once_and_deferred_values_are_read_whole(tmp_path: Path) -> None:
    """render_all keeps the templates it got from Jinja (a look-up for each of 14,000
    files was 2 µs), and gives Jinja a Deferred's values themselves (Jinja copies them
    into the template's context: from a Deferred, a call for each key)."""
    ours, _ = _environments(tmp_path)
    looked_up: list[str] = []
    get_template = ours.get_template

    def counted(name: str) -> jinja2.Template:
        looked_up.append(name)
        return get_template(name)

    ours.get_template = counted  # type: ignore[assignment,method-assign]
    made: list[str] = []

    def values(x: str) -> dict[str, Any]:
        made.append(x)
        return {"items": [x, "b"]}

    jobs = [RenderJob(f"{x}.txt", "loop.j2", Deferred(lambda x=x: values(x)), frozenset()) for x in "pq"]
    jobs.append(RenderJob("plain.txt", "loop.j2", {"items": ["r"]}, frozenset()))
    rendered = render_all(jobs, "python", ours)
    assert rendered == {
        "p.txt": "plain('p', 1)[('key', 'p')];plain('b', 1)[('key', 'b')];",
        "q.txt": "plain('q', 1)[('key', 'q')];plain('b', 1)[('key', 'b')];",
        "plain.txt": "plain('r', 1)[('key', 'r')];",
    }
    assert looked_up == ["python/loop.j2"]
    assert made == ["p", "q"]
