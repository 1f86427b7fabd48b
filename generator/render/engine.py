"""Render templates into text: the Jinja environment and the loop over a target's jobs.

Templates hold layout only. Any string that came from a spec reaches output through an
escaping filter chosen for where it lands: the Markdown ones every target shares
(:mod:`.markdown`) or the target's own (a :class:`~generator.targets.Target` brings the
filters of its language: Python string literals and docstrings, C# string literals and
XML doc comments...); a description shown as a summary is first shaped by one of
:data:`.english.SUMMARY_FILTERS`. Jinja's own ``{{ }}`` in spec text is never evaluated: spec
strings are values, never template source.
"""

from __future__ import annotations

import hashlib
import io
import keyword
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from pathlib import Path
from types import BuiltinFunctionType, FunctionType
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.compiler
import jinja2.nodes
import jinja2.runtime
import jinja2.utils

from ..cache.store import Cache
from ..errors import UsageError
from .english import SUMMARY_FILTERS
from .job import Deferred, RenderJob
from .markdown import MARKDOWN_FILTERS
from .package_files import TEMPLATES

BUILTIN_TEMPLATES = TEMPLATES

BUILTIN_COMPILED = BUILTIN_TEMPLATES / "__pycache__"
"""Where our own templates are kept compiled, beside them, as Python keeps a module's
bytecode beside it (when the folder can be written, and only for runs with a cache):
compiling them took 0.09 s of every run with a new cache, such as a user's first."""


def make_environment(
    user_templates: Path | None = None,
    cache: Cache | None = None,
    filters: Mapping[str, Any] | None = None,
    globals: Mapping[str, Any] | None = None,
) -> jinja2.Environment:
    """The Jinja environment: strict about undefined values, no autoescape, our filters.

    Templates in ``user_templates`` (same relative paths) take precedence over ours.
    ``filters`` and ``globals``: a target's own, for its language (see
    :class:`generator.targets.Target`).
    With a ``cache``, compiled templates are kept in its ``jinja`` namespace, keyed by
    each template's name and these settings and checked against its source (Jinja does
    that), so a run after the first does not compile them again; ours are kept beside
    them too (:data:`BUILTIN_COMPILED`), so that a run with a new cache does not either.
    """
    paths = [str(user_templates)] if user_templates else []
    env = _Environment(
        loader=jinja2.FileSystemLoader([*paths, str(BUILTIN_TEMPLATES)]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # output is code and Markdown: our filters escape per context
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # a template does not change during a run: not looked at again for each file
    )
    env.context_class = _Context
    env.filters.update(MARKDOWN_FILTERS)
    env.filters.update(SUMMARY_FILTERS)
    env.filters.update(filters or {})
    env.globals.update(globals or {})
    env.plain_calls = frozenset(id(f) for f in (globals or {}).values() if _is_plain(f))
    if cache is not None:
        env.bytecode_cache = _CompiledTemplates(cache, Cache(BUILTIN_COMPILED), _settings(env))
    return env


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator, which writes a call of one of the target's own functions
    (``py_bracket(...)``) as a Python call, and an attribute read (``model.fields``) as
    Python's ``getattr``.

    Jinja writes every call as ``context.call(f, ...)`` (see :class:`_Context`), which
    looks at ``f`` each time (does it take the context?) and then calls it, with the
    loop's variables as an argument to remove again: two thirds of the time a big
    SDK's model modules took went to calls, a fifth of it to that. Here a call is
    ``(t(...) if id(t := f) in plain_calls else context.call(t, ...))``: straight to the
    function when it is one of the target's globals known to take its arguments alone
    (:attr:`_Environment.plain_calls`, none of which raises ``StopIteration``, which
    Jinja's call would turn into an undefined value); anything else as Jinja calls it.
    A call whose arguments hold another call is written as Jinja writes it (the inner
    one is not), so that no call's arguments are written out more than twice."""

    VERSION = "plain calls 2, attributes 1"
    """Part of the compiled templates' cache key: changed whenever the code written changes."""

    def visit_Template(self, node: jinja2.nodes.Template, frame: jinja2.compiler.Frame | None = None) -> None:
        super().visit_Template(node, frame)
        self.writeline("plain_calls = environment.plain_calls")  # read when the calls run, after this

    def visit_Call(self, node: jinja2.nodes.Call, frame: jinja2.compiler.Frame, forward_caller: bool = False) -> None:
        if (
            forward_caller  # a {% call %} block's
            or self.environment.is_async
            or node.dyn_args is not None
            or node.dyn_kwargs is not None
            or any(keyword.iskeyword(k.key) for k in node.kwargs)
            or any(_holds_call(argument) for argument in (*node.args, *node.kwargs))
        ):
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        if self.optimizer is not None and not frame.eval_ctx.volatile:  # as Jinja's @optimizeconst does
            optimized = self.optimizer.visit(node, frame.eval_ctx)
            if optimized != node:
                self.visit(optimized, frame)
                return
        callee = self._written(lambda: self.visit(node.node, frame))
        arguments = self._written(lambda: self.signature(node, frame))  # ", a, b=c"
        extra = "".join(
            f", {name}={name}"
            for name, there in (("_loop_vars", frame.loop_frame), ("_block_vars", frame.block_frame))
            if there
        )
        function = self.temporary_identifier()
        self.write(
            f"({function}({arguments[2:]}) if id({function} := {callee}) in plain_calls"
            f" else context.call({function}{arguments}{extra}))"
        )

    def visit_Getattr(self, node: jinja2.nodes.Getattr, frame: jinja2.compiler.Frame) -> None:
        """``x.name`` as ``getattr(x, "name", missing)``, and only when that finds nothing
        as Jinja reads it (``environment.getattr``: then ``x["name"]``, then an undefined
        value). Jinja's call of its own ``getattr`` for each read was a Python call more
        for each of the 1.4 million attributes the templates read on GitHub's spec."""
        if self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        value, found = self.temporary_identifier(), self.temporary_identifier()
        self.write(f"({found} if ({found} := getattr(({value} := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing else environment.getattr({value}, {node.attr!r}))")

    def _written(self, write: Callable[[], None]) -> str:
        """The code ``write`` writes, kept from the template's."""
        self.write("")  # the line breaks due before it go to the template's code
        stream, self.stream = self.stream, io.StringIO()
        try:
            write()
            return self.stream.getvalue()
        finally:
            self.stream = stream


def _holds_call(node: jinja2.nodes.Node) -> bool:
    """Whether ``node`` is a call or holds one."""
    return isinstance(node, jinja2.nodes.Call) or next(node.find_all(jinja2.nodes.Call), None) is not None


class _Environment(jinja2.Environment):
    """Jinja's environment, whose templates hold their globals in a plain dict, and call
    the target's own functions straight away (see :class:`_CodeGenerator`).

    Jinja's are a ``ChainMap`` of the template's own (none, here) before the
    environment's, which each rendering copies into the new context, key by key: every
    key not in the first map raised a ``KeyError`` there first. That copy took 6 µs of
    each of the 14,000 files a big API makes; from a dict, 1 µs. Jinja's documentation
    already asks that the environment's globals not change once templates are loaded
    (with a ``ChainMap``, a template would see the change; with a copy, not)."""

    code_generator_class = _CodeGenerator
    plain_calls: frozenset[int] = frozenset()
    """The target's globals that a template calls straight away, by their ``id``: functions
    that take their arguments alone (see :func:`_is_plain`). By ``id``, so that any
    other value called (an undefined one, a list) is not hashed, but called, as Jinja
    calls it, and fails as it does."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


class _Context(jinja2.runtime.Context):
    """Jinja's context, which calls a plain function, a method of a built-in type or a
    macro straight away.

    Every call a template makes (``py_bracket(...)``, a macro) goes through
    :meth:`call`, which looks each time for the marks of ``pass_context`` and its kin
    on the callable and on its ``__call__``: a big SDK's templates make hundreds of
    thousands of calls, and that look took more time than most of the functions
    called. A function is looked at once (see :data:`_PLAIN`); what is not known to be
    plain goes to Jinja's own :meth:`call`."""

    @jinja2.utils.internalcode
    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not (_is_plain(__obj) or type(__obj) is jinja2.runtime.Macro):
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_loop_vars", None)  # what Jinja adds for a callable that takes the context
            kwargs.pop("_block_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja's own call answers it
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


def _is_plain(function: Any) -> bool:
    """Whether ``function`` is a function that takes its arguments alone: a built-in one,
    or one without the mark of ``pass_context`` or its kin (which Jinja reads from its
    attributes; looked at once for each function, see :data:`_PLAIN`)."""
    kind = type(function)
    if kind is FunctionType:
        plain = _PLAIN.get(function)
        if plain is None:
            plain = _PLAIN[function] = not hasattr(function, "jinja_pass_arg")
        return plain
    return kind is BuiltinFunctionType


_PLAIN: dict[Callable[..., Any], bool] = {}
"""Whether each function a template called takes its arguments alone."""


def _settings(env: jinja2.Environment) -> bytes:
    """What, besides a template's source, decides the code Jinja compiles it to."""
    delimiters = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string)
    lines = (env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix)
    shape = (env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized)
    kinds = (env.autoescape, env.undefined.__name__, env.finalize, sorted(env.extensions), jinja2.__version__)
    code = (env.code_generator_class.__name__, getattr(env.code_generator_class, "VERSION", None))
    return repr((delimiters, lines, shape, kinds, code)).encode()


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates as entries of sdkforge's :class:`~generator.cache.store.Cache`.

    Not Jinja's ``FileSystemBytecodeCache``: a cut or altered file of its own raises
    (``EOFError`` from reading the template's checksum) or loads whatever code the bytes
    make, and a full disk raises ``OSError`` out of rendering. Here an entry is read only
    if its checksum holds, anything Jinja cannot load from it counts as a miss, and a
    failure to write one is the cache's note, not an error.

    Our own templates are looked for in ``builtin`` (:data:`BUILTIN_COMPILED`) too, and
    kept there when compiled; one found only there is copied into ``cache``, which so
    holds every template a run used. ``builtin`` failing to be written (an installation
    the user may not write to) is nobody's concern: its note is never read. Ours are
    keyed by their path among ours, not by where sdkforge is installed: a wheel holds
    them compiled when it was built (see :mod:`generator.prepare`)."""

    NAMESPACE = "jinja"

    def __init__(self, cache: Cache, builtin: Cache, settings: bytes) -> None:
        self._cache = cache
        self._builtin = builtin
        self._settings = settings
        self._ours: set[str] = set()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        where, ours = filename or "", False
        if filename is not None and (path := Path(filename).resolve()).is_relative_to(BUILTIN_TEMPLATES):
            where, ours = "sdkforge:" + path.relative_to(BUILTIN_TEMPLATES).as_posix(), True
        key = hashlib.sha256(self._settings + b"\0" + name.encode() + b"\0" + where.encode()).hexdigest()
        if ours:
            self._ours.add(key)
        return key

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._cache.get_bytes(self.NAMESPACE, bucket.key)
        if data is not None and _loaded(bucket, data):
            return
        if bucket.key in self._ours:
            data = self._builtin.get_bytes(self.NAMESPACE, bucket.key)
            if data is not None and _loaded(bucket, data):
                self._cache.put_bytes(self.NAMESPACE, bucket.key, data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = io.BytesIO()
        bucket.write_bytecode(data)
        self._cache.put_bytes(self.NAMESPACE, bucket.key, data.getvalue())
        if bucket.key in self._ours:
            self._builtin.put_bytes(self.NAMESPACE, bucket.key, data.getvalue())


def _loaded(bucket: jinja2.bccache.Bucket, data: bytes) -> bool:
    """Whether ``bucket`` took the compiled template ``data`` holds."""
    try:
        bucket.load_bytecode(io.BytesIO(data))  # checks Jinja's magic and the template's source
    except Exception:  # noqa: BLE001 - an entry of another Jinja or Python: compiled anew
        bucket.reset()
    return bucket.code is not None


class TemplateError(UsageError):
    """A template from the user's ``--templates`` folder failed to load or render."""


def render_all(
    jobs: Iterable[RenderJob],
    target: str,
    env: jinja2.Environment,
    check: Callable[[str, str, str], None] | None = None,
) -> dict[str, str]:
    """Render every job with the templates of ``target`` (a job with its ``text`` is a
    file copied as it is); returns path -> text.

    A user's template that fails raises :class:`TemplateError` naming its file and line
    (bad input); one of ours that fails is a bug and its error goes up as it is. Two jobs
    for one path are a planner bug: refused rather than one file silently lost.
    ``check`` (the target's, when the user's templates take part) is given each file
    rendered, its path and its template: a template writing code the language cannot
    read is reported as bad input; our own templates are held to that by the tests.
    """
    out: dict[str, str] = {}
    templates: dict[str, jinja2.Template] = {}  # by name: Jinja's look-up, for each of 14,000 files, took 2 µs
    for job in jobs:
        if job.path in out:
            raise RuntimeError(f"two output files for one path: {job.path!r}")
        if job.text is not None:  # copied as it is: no template, and none of the user's
            out[job.path] = job.text
            continue
        try:
            template = templates.get(job.template)
            if template is None:
                template = templates[job.template] = env.get_template(f"{target}/{job.template}")
            # Jinja copies the values into the template's context: from a Deferred, key by key
            values = job.context.worked_out() if type(job.context) is Deferred else job.context
            out[job.path] = template.render(values)
        except Exception as exc:  # whatever a user's template raises is bad input: located, exit 2
            where = _user_template_frame(exc)
            if where is None:
                raise
            raise TemplateError(f"{where}: template error: {_said(exc)}") from None
        if check is not None:
            check(out[job.path], job.path, template.filename or job.template)
    return out


def _said(exc: Exception) -> str:
    """What went wrong: Jinja's own message, or the exception's type and text."""
    if isinstance(exc, jinja2.TemplateError) and exc.message:
        return exc.message
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _user_template_frame(exc: Exception) -> str | None:
    """``file:line`` of the innermost template of the user's that was running when
    ``exc`` was raised (a syntax error: of the template that has it); None when none
    of the user's was (the error is ours)."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        candidates = [(exc.filename, exc.lineno)]
    else:  # Jinja rewrites tracebacks so that template lines appear as frames
        import traceback  # here: only a failing template needs it (8 ms of every run's start)

        frames = traceback.extract_tb(exc.__traceback__)
        candidates = [(f.filename, f.lineno or 0) for f in reversed(frames) if f.filename.endswith(".j2")]
    for filename, line in candidates:
        path = Path(filename).resolve()
        if not path.is_relative_to(BUILTIN_TEMPLATES):
            return f"{path}:{line}"
    return None
