"""The whole run, stage after stage: load, validate, model, plan, render, format, write.

Data flows one way; each stage is a module of its own. Nothing is written unless every
stage before writing succeeded: a run into a new or empty folder stages each file as it
is made (:class:`generator.output.write.StagedWrite`), which is no output until the write
itself, and is removed if a stage fails. Shortcuts keep to that: a run whose inputs have not
changed stops before parsing (:mod:`generator.cache.incremental`); a run into a folder as the
last run left it keeps each file whose key that run recorded (:mod:`generator.model.subjects`),
and after an edit to prose alone, that run's verdict (:mod:`generator.cache.prose`); and one
after an edit inside a single description of a JSON spec does not parse the spec either,
but puts the new text into the model the last run left (:mod:`generator.cache.carried`,
:func:`_carried_edit`).
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .cache.incremental import (
    FolderRecord,
    Summary,
    file_hash,
    folder_key,
    recall_folder,
    remember,
    remember_folder,
    run_key,
)
from .cache.kept_read import keep_read, read_spec
from .cache.prose import KeptProse, owners, prose_fingerprints, structure_digest
from .cache.store import Cache
from .changes.release import Regeneration, after_prose_edit, bumped, record_text, regenerate, regenerate_keeping
from .changes.surface import SURFACE_FILE, LastRecord, LastSurface, Surface
from .current import leave, no_collections, run, stats_if_current
from .errors import Finding, Severity, SpecError
from .model.build import build_api, build_api_traced, build_recorded
from .model.ir import Api
from .model.origins import Place
from .model.replay import Built, unit_digests
from .model.select import places_read, select_findings, select_groups
from .model.subjects import FIXED, Fingerprints, KeptDigests, affected, owners_only
from .output.journal import FileStat
from .output.write import (
    StagedWrite,
    WriteReport,
    plan_changes,
    staged_write,
    write_files,
)
from .parallel.beside import Pending, beside, beside_pair, beside_then, done, parts
from .parallel.both_cores import FROM, SideWork, both, render_on_both_cores
from .progress import SILENT, Progress
from .render.job import RenderJob
from .request import GenerateRequest, GenerateResult, run_options
from .spec.load import LoadedSpec, Read, display_name, load_spec
from .spec.swagger2 import convert_spec
from .targets import Target
from .targets.registry import get_target

if TYPE_CHECKING:  # imported where a run uses them: a run with no cache uses none
    from .cache.carried import Carried, Origin, SpecFiles, Stamps
    from .cache.text_edit import StringEdit


def check_spec(
    spec_path: Path, strict: bool = False, progress: Progress = SILENT, cache: Cache | None = None
) -> tuple[Api, list[Finding]]:
    """Load, validate and model a spec; raise :class:`SpecError` on fatal findings."""
    with no_collections():
        progress.stage("load", str(spec_path))
        api, verdict = _model(load_spec(spec_path), strict, progress, cache)
        return api, verdict.warnings()


def sdk_surface(spec_path: Path, target: str, cache: Cache | None = None) -> Surface:
    """What users of the ``target`` SDK made from the spec at ``spec_path`` can name and
    call (see :mod:`generator.changes.surface`); :class:`SpecError` for a spec that gives none."""
    api, _ = check_spec(spec_path, cache=cache)
    chosen = get_target(target)
    return chosen.surface(api, chosen.name(api))


VALIDATE_BESIDE_UP_TO = 50_000_000
"""Specs up to this many characters are validated in a child process while this one
models (see :mod:`generator.parallel.beside`); bigger ones first, in this process. The child
reads the whole parsed spec, so it soon holds its own copy of it (Python's reference
counts write to every object read): about seven times the spec's size, 90 MB for
GitHub's 13 MB. That copy is gone before rendering, where a big run's memory peaks (the
render helper starts when validation has ended): Microsoft Graph beta's 47 MB are
validated beside modelling, 8 s of its run on the other core."""


@dataclass
class _Verdict:
    """What validation and modelling found; validation may still be running.

    ``places``: with groups chosen, the places of the spec they are made from (see
    :func:`generator.model.select.places_read`); warnings elsewhere are not theirs, and are
    neither shown nor, with ``strict``, errors. Errors count wherever they are.
    ``built``: the model with the record of its build, when it was recorded.
    """

    validation: Pending[list[Finding]]
    modelling: list[Finding]
    strict: bool
    places: set[Place] | None = None
    built: Built | None = None

    def warnings(self) -> list[Finding]:
        """Every warning, once validation is over; :class:`SpecError` for an invalid spec
        (or, with ``strict``, for any warning)."""
        _raise_errors(self.validation.result())
        warnings = [*self.validation_warnings(), *self.modelling_warnings()]
        if self.strict and warnings:
            raise SpecError([Finding(w.file, w.pointer, w.message, Severity.ERROR, w.line, w.column) for w in warnings])
        return warnings

    def validation_warnings(self) -> list[Finding]:
        """Validation's findings: warnings only, once :meth:`warnings` has passed."""
        return self._chosen(self.validation.result())

    def modelling_warnings(self) -> list[Finding]:
        """Modelling's warnings (about the chosen groups, if any were)."""
        return self._chosen(self.modelling)

    def _chosen(self, findings: list[Finding]) -> list[Finding]:
        return findings if self.places is None else select_findings(findings, self.places)

    def explain(self) -> None:
        """Raise the spec's errors, if it has any: they explain why a later stage failed."""
        _raise_errors(self.validation.result())


def _model(
    spec: LoadedSpec,
    strict: bool,
    progress: Progress,
    cache: Cache | None,
    groups: tuple[str, ...] = (),
    target: Target | None = None,
    validation: Pending[list[Finding]] | None = None,
    recording: bool = False,
    last: Built | None = None,
    digests: Pending[dict[str, bytes]] | None = None,
) -> tuple[Api, _Verdict]:
    """The model of ``spec`` and the verdict on it; with ``groups``, the model of those
    groups alone, and a verdict on them alone; with a ``target``, what its language
    cannot express among the warnings. ``validation``: the spec's, if it was started
    already (see :func:`_validation`). With ``recording`` (and no groups), the build is
    recorded, replaying ``last`` where it can (see :mod:`generator.model.replay`), with the
    units' ``digests`` if they are made beside (see :func:`_validation`)."""
    if validation is None:
        validation = _validation(spec, progress, cache)[0]
    try:
        modelled = convert_spec(spec) if spec.version == "2.0" else spec
        replaying = ", replaying the last run's where the spec is as it was" if last is not None and recording else ""
        progress.stage("model", f"{len(modelled.data.get('paths') or {})} paths{replaying}")
        built: Built | None = None
        if recording and not groups and spec.version != "2.0":
            built, warnings = build_recorded(modelled, last, digests.result if digests is not None else None)
            api, places = built.api, None
            warnings += _unsupported(modelled, api, target)
        else:
            api, warnings, places = _build_chosen(modelled, groups, target)
    except Exception:
        _raise_errors(validation.result())  # an invalid spec is reported as such, however modelling failed
        raise
    return api, _Verdict(validation, warnings, strict, places, built)


def _validation(
    spec: LoadedSpec,
    progress: Progress,
    cache: Cache | None,
    last: FolderRecord | None = None,
    digest: bool = False,
    units: bool = False,
) -> tuple[Pending[list[Finding]], Pending[str | None], Pending[dict[str, bytes]] | None]:
    """The verdict on ``spec``, started: in a child beside this process (see
    :data:`VALIDATE_BESIDE_UP_TO`), or made here first. Raises :class:`SpecError` when a
    verdict made here finds errors. With ``digest``, the spec's structure digest too (see
    :func:`generator.cache.prose.structure_digest`; None without), which the validation
    child takes first (0.04 s on GitHub's spec, off this process's path to rendering),
    and ``last``'s verdict instead of one made anew, where ``last`` (the last run into
    the output folder) was made from a spec of the same structure (see :func:`_validated`).
    With ``units`` too, the child first makes the digests of the spec's units, which a
    recorded build needs (see :func:`generator.model.build.build_recorded`): 0.075 s of
    GitHub's, off this process's path (None where there is no child: the build makes them)."""
    alongside = sum(len(spec.text_of(file)) for file in spec.documents) <= VALIDATE_BESIDE_UP_TO
    where = ", beside modelling" if alongside else ""
    progress.stage("validate", f"{len(spec.documents)} file(s), OpenAPI {spec.version}{where}")
    if not alongside:
        found, digest_taken = _validated(spec, cache, last) if digest else (_validate(spec, cache), None)
        _raise_errors(found)
        return done(found), done(digest_taken), None
    # The child validates the spec parsed here; should it give no answer, it is parsed again.
    if digest:  # the verdict is the child's last answer: it ends, with its copy of the spec, as validation does
        again = partial(_validated_again, spec.root, spec.digests, cache, last)
        digests: Pending[dict[str, bytes]] | None = None
        if units:
            digests, pair = beside_then(partial(unit_digests, spec), partial(_validated, spec, cache, last), again)
            validation, structure = parts(pair)
        else:
            validation, structure = beside_pair(partial(_validated, spec, cache, last), again)
        if validation.pid is None:  # no child (no fork): the digest is taken here, and a verdict kept with it
            taken = structure_digest(spec)
            kept = _kept_verdict(spec, last, taken)
            validation, structure, digests = (done(kept) if kept is not None else validation), done(taken), None
        return validation, structure, digests
    validation = beside(partial(_validate, spec, cache), partial(_validate_again, spec.root, spec.digests, cache))
    return validation, done(None), None


def _validated(spec: LoadedSpec, cache: Cache | None, last: FolderRecord | None) -> tuple[list[Finding], str | None]:
    """The spec's verdict (``last``'s, if it holds: see :func:`_kept_verdict`) and its structure digest."""
    structure = structure_digest(spec)
    kept = _kept_verdict(spec, last, structure)
    return kept if kept is not None else _validate(spec, cache), structure


def _kept_verdict(spec: LoadedSpec, last: FolderRecord | None, structure: str | None) -> list[Finding] | None:
    """``last``'s verdict, each finding where it stands now, if it was made from a spec of
    the same ``structure`` (a prose edit cannot change whether a spec is valid, see
    :mod:`generator.cache.prose`); None otherwise."""
    if last is None or structure is None or structure != last.structure:
        return None
    files_by_name = {spec.display_name(file): file for file in spec.documents}
    return [_relocated(spec, files_by_name, w, last.root) for w in last.validation]


def _validated_again(
    root: Path, digests: dict[Path, str], cache: Cache | None, last: FolderRecord | None, digest: bool = True
) -> tuple[list[Finding], str | None]:
    """:func:`_validated` (the verdict alone, without ``digest``) where the child gave no
    answer: on the spec parsed anew from its files, which must not have changed."""
    spec = load_spec(root)
    if spec.digests != digests:
        message = "the spec changed while sdkforge was running: run it again"
        return [Finding(Path(spec.display_name(root)), None, message, Severity.ERROR)], None
    return _validated(spec, cache, last) if digest else (_validate(spec, cache), None)


def _build_chosen(
    spec: LoadedSpec, groups: tuple[str, ...], target: Target | None = None
) -> tuple[Api, list[Finding], set[Place] | None]:
    """The model of ``spec``'s ``groups`` (all, if none), its warnings (with what
    ``target`` cannot express), and, with groups chosen, the places of the spec they are
    made from."""
    if not groups:
        api, warnings = build_api(spec)
        return api, warnings + _unsupported(spec, api, target), None
    api, warnings, origins = build_api_traced(spec)
    api = select_groups(api, groups)
    return api, warnings + _unsupported(spec, api, target), places_read(api, origins)


def _unsupported(spec: LoadedSpec, api: Api, target: Target | None) -> list[Finding]:
    """What ``target``'s language can only approximate in ``api``, as located warnings."""
    if target is None or target.unsupported is None:
        return []
    files = {spec.display_name(file): file for file in spec.documents} | {"": spec.root}
    return [
        spec.finding(files[source.file], source.pointer, message, Severity.WARNING)
        for source, message in target.unsupported(api)
        if source.file in files
    ]


def _validate(spec: LoadedSpec, cache: Cache | None) -> list[Finding]:
    from .spec.validate import (
        validate_spec,
    )  # here: its validator takes 0.3 s to import, which a current output never needs

    return validate_spec(spec, cache)


def _validate_again(root: Path, digests: dict[Path, str], cache: Cache | None) -> list[Finding]:
    """Validation of the spec parsed anew from its files, which must not have changed."""
    return _validated_again(root, digests, cache, None, digest=False)[0]


def _raise_errors(findings: list[Finding]) -> None:
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        raise SpecError(errors)


def _render(
    jobs: list[RenderJob],
    request: GenerateRequest,
    cache: Cache | None,
    wait_for: Pending[Any] | None = None,
    side: SideWork[Any] | None = None,
    keep: Callable[[dict[str, str]], dict[str, str]] | None = None,
) -> dict[str, str]:
    """The jobs' files, rendered and formatted, in the jobs' order; ``jobs`` is emptied.
    ``keep``: what is done with each batch of files once formatted, by the process that
    made it (see :func:`_staging`); what it gives comes back instead of the files."""
    # Jinja is imported by the runs that render: not by ``validate``, nor by a run whose output is current.
    from .render.engine import make_environment, render_all

    target = get_target(request.target)
    env = make_environment(request.templates, cache, target.filters, target.globals)
    check = target.check_rendered if request.templates is not None else None
    render = partial(render_all, target=request.target, env=env, check=check)

    def finish(files: dict[str, str]) -> dict[str, str]:
        formatted = target.format(files, cache)
        return keep(formatted) if keep is not None else formatted

    return render_on_both_cores(jobs, render, finish, wait_for, side)


def _staging(staged: StagedWrite, hashed: bool) -> Callable[[dict[str, str]], dict[str, str]]:
    """What each process does with each batch of files it made, for a ``staged`` write:
    stage them, and give their hashes for the run's record (only ``hashed``: with no
    cache there is no record, and each hash is ``""``)."""

    def keep(files: dict[str, str]) -> dict[str, str]:
        staged.put(files)
        return _hashes(files) if hashed else dict.fromkeys(files, "")

    return keep


def _hashes(files: dict[str, str]) -> dict[str, str]:
    """Each file's hash, for the run's record (see :func:`generator.cache.incremental.file_hash`)."""
    return {path: file_hash(text) for path, text in files.items()}


def generate(request: GenerateRequest, progress: Progress = SILENT, *, leave_to_exit: bool = False) -> GenerateResult:
    """Run every stage; write (or, with ``check``, compare) only when all succeeded.

    With a cache, a run whose inputs are those of the run that made the output folder
    as it is now stops before parsing the spec (see :mod:`generator.cache.incremental`); any
    other renders only the files made from what changed (see :mod:`generator.model.subjects`),
    skips validation after an edit to the spec's prose alone (see :mod:`generator.cache.prose`),
    and starts from the last run's model when the edit lies inside one string of a JSON
    file (see :mod:`generator.cache.carried`).

    The run holds the output folder (see :func:`generator.output.write.output_folder`) from
    before anything reads it to the end of its write; another run on the folder waits.

    ``leave_to_exit``: for a caller whose process ends right after the run without freeing
    anything (the command, see :func:`generator.cli.run`): what the run made (its model, the
    names, the records) is not freed when it returns, which is Python releasing millions of
    objects one by one (0.04 s after an edit of GitHub's spec, 0.09 s after a cold run), but
    left to the process's exit, out of reach of the cycle collector (:func:`gc.freeze`). A
    process that goes on must not ask for it: it keeps them all.
    """
    return run(request, progress, in_full, leave_to_exit=leave_to_exit)


def in_full(
    request: GenerateRequest,
    progress: Progress,
    cache: Cache | None,
    handed: list[Read | None],
    left: list[object] | None = None,
) -> GenerateResult:
    """A run past its start (see :func:`generator.current.run`): its output folder is not current."""
    leave(left)
    read = handed.pop()  # the spec's root file, if read to see whether the output is current
    # The last run into the output folder, when a prose edit could start from it.
    can_edit = cache is not None and _can_edit_prose(request)
    key = folder_key(request.out, run_options(request), request.templates) if can_edit else None
    last = recall_folder(cache, key) if cache is not None and key is not None else None
    # Whether the folder is as the last run left it matters only after a prose-only
    # edit, which parsing tells; reading every file to see goes on beside parsing.
    as_left: Pending[dict[str, FileStat] | None] = done(None)
    if last is not None:
        as_left = beside(partial(stats_if_current, request.out, last))
    if cache is not None and key is not None and last is not None and last.carried:
        edited = _carried_edit(request, cache, key, last, as_left, progress, read, left)
        if edited is not None:
            return edited
    spec = read_spec(request.spec, cache, request.out, read)
    read = None  # the bytes: the spec holds its text
    # Validation starts at once, beside what this process does before modelling (importing
    # the target: 0.1 s on Square's spec); after a prose-only edit, it keeps the last run's
    # verdict (see _validated).
    recorded_run = cache is not None and key is not None
    # A model kept for the next run is recorded as it is built, and built from the last
    # one kept where the spec's parts are as they were (see generator.model.replay).
    # (Not with groups chosen, which model part of the spec; nor a Swagger 2.0 spec,
    # modelled as converted.)
    recording = recorded_run and not request.groups and spec.version != "2.0"
    validation, structure, digests = _validation(spec, progress, cache, last, digest=recorded_run, units=recording)
    try:
        root, sources = spec.root, dict(spec.digests)
        folder = _FolderRun(cache, key, spec, structure) if cache is not None and key is not None else None
        target = get_target(request.target)
    except BaseException:
        validation.cancel()
        raise
    keeping = keep_read(cache, spec, request.out)  # the read, for the next run's (see generator.cache.kept_read)
    try:
        replayed = folder.replayable(last, target) if folder is not None and recording else None
        api, verdict = _model(
            spec, request.strict, progress, cache, request.groups, target, validation, recording, replayed, digests
        )
        if folder is not None:
            folder.built = verdict.built
    except BaseException:
        keeping.cancel()
        raise
    del spec  # the model holds what it needs: the parsed spec's memory goes to rendering
    side_child: tuple[Pending[Regeneration], Pending[bool]] | None = None
    staged: StagedWrite | None = None
    try:
        last_run = folder.last_run(api) if folder is not None else None
        names = _names(target, api, last_run)
        surface = SideWork(partial(_regeneration, request, target, api, names, last_run))
        if request.bump and not request.check:  # the new version is in the files: known before they are made
            request = _bumped(request, surface.result())
        # After an edit (the last run's record has keys: files can be kept), the side work
        # (the surface record, keeping the model) needs only the model and the names: it
        # starts now in a child, beside planning, the keys and rendering the few files
        # an edit remakes, not after them (on GitHub's spec this process waited 0.6 s for it).
        # The record first: it is written with the files; the model kept is needed only
        # for this run's record in the cache, after the write.
        early = folder is not None and last is not None and bool(last.keys)
        if early and folder is not None:
            side_child = beside_then(surface.result, folder.carrying(api, names))
        # A file whose key is the one the last run gave it is as it would be made now,
        # if the folder is as that run left it (see generator.model.subjects). Without
        # such a run nothing is kept, and the keys, needed only for this run's record,
        # are taken on the other core (see _FolderRun.bookkeeping).
        left_as = as_left.result() if folder is not None and last is not None and bool(last.keys) else None
        same = left_as is not None
        # After a replayed build, only the files made from what may have changed are
        # planned and keyed; the last run's others are kept with their keys.
        narrowed = folder.affected(api, names, request, target, last) if folder is not None and same else None
        untouched: set[str] = set()
        keys: dict[str, str] | None
        if narrowed is not None:
            jobs, keys, untouched = narrowed
        else:
            jobs = target.plan(api, request.options, names, None)
            keys = folder.keys(api, names, request, jobs) if folder is not None and (same or early) else None
        kept = untouched | {
            job.path
            for job in jobs
            if same and keys is not None and last is not None and last.keys.get(job.path) == keys[job.path]
            if job.path in last.files
        }
        as_left.discard()
        chosen = [job for job in jobs if job.path not in kept]
        progress.stage("render", f"{len(chosen)} of {len(jobs) + len(untouched)} files")
        # Into a new or empty folder, each file is staged for the write as soon as it is
        # made, by whichever process made it (see generator.output.write.StagedWrite):
        # only its hash comes back, and the write at the end is the journal's renames.
        if not request.check and not kept:
            staged = staged_write(request.out, [*(job.path for job in chosen), SURFACE_FILE], request.force)
        keep = _staging(staged, hashed=cache is not None) if staged is not None else None
        if early:
            files = _render(chosen, request, cache, verdict.validation, keep=keep)
            assert side_child is not None and keys is not None  # both made above for an edit
            regeneration = side_child[0].result()
            recorded: tuple[dict[str, str], Pending[bool]] | None = (keys, side_child[1])
        else:
            bookkeeping = folder.bookkeeping(api, names, request, jobs, keys) if folder is not None else None
            side = both(SideWork(bookkeeping) if bookkeeping is not None else None, surface)
            if len(chosen) < FROM:  # too few files for a render helper to take the side work: a child does it
                aside = beside(side.result)
                files = _render(chosen, request, cache, keep=keep)
                booked, regeneration = aside.result()
            else:
                files = _render(chosen, request, cache, verdict.validation, side, keep=keep)
                booked, regeneration = side.result()
            recorded = (booked[0], done(booked[1])) if booked is not None else None
        extra = {SURFACE_FILE: regeneration.record}
        if folder is not None and last is not None and folder.structure == last.structure:
            progress.stage("validate", "only prose changed since the last run: its verdict holds")
        warnings = verdict.warnings()  # nothing is written for a spec that is not valid
        progress.stage("compare" if request.check else "write", str(request.out))
        if request.check:
            report = plan_changes(request.out, files | extra, request.force, with_diff=True)
            if recorded is not None:
                recorded[1].discard()  # the child keeping the model is waited for: none is left behind
            keeping.discard()
            return GenerateResult(_summary(api), warnings, report)
        if staged is not None:  # ``files`` holds the hashes of the files staged
            report = staged.commit(extra)
            hashes = files | _hashes(extra)
        else:
            files |= extra
            report = write_files(
                request.out,
                files,
                request.force,
                kept=sorted(kept),
                known=last.stats | (left_as or {}) if last else None,
            )
            hashes = _hashes(files) if cache is not None else {}
    except BaseException as failure:
        if staged is not None:  # what was staged is no output
            staged.abandon()
        for pending in side_child or ():  # its work is not needed: stopped, not left behind
            pending.cancel()
        keeping.cancel()
        if folder is not None:
            folder.cancel()
        if isinstance(failure, Exception):  # not after Ctrl-C: validation would be done again here
            verdict.explain()
        raise
    keeping.discard()
    summary = _summary(api)
    result = GenerateResult(summary, warnings, report, regeneration.changes, request.options.package_version)
    if cache is not None:
        carried = recorded is not None and recorded[1].result()
        if last is not None:
            hashes |= {path: last.files[path] for path in kept}
        run = _run_key(request, root, sources)
        remember(cache, run, sources, hashes, warnings, summary, report.stats)
        if folder is not None and recorded is not None:
            keys = recorded[0]
            stamps = folder.stamps if carried else None
            folder.remember(
                verdict.validation_warnings(), verdict.modelling_warnings(), regeneration.prose, run, stamps, keys
            )
    return result


class _LastRun(NamedTuple):
    """The last run into the output folder, for a run whose build replayed its model (see
    :mod:`generator.model.replay`): that model and what reads its names (kept apart: only
    the side work reads them), the models and enums replayed, the prose fingerprints of
    that model as the last run's record holds them, and the hash of the surface record it
    wrote."""

    api: Api
    names: Callable[[], Any]
    reused: frozenset[str]
    prose: KeptProse
    record: str | None


def _regeneration(
    request: GenerateRequest, target: Target, api: Api, names: Any, last: _LastRun | None = None
) -> Regeneration:
    """The surface record of this run's SDK, and what changed since the folder's last.
    After a replayed build (``last``), what the replayed objects hold is taken from the
    last run: their prose fingerprints, and their rows of the record in the folder, if it
    is the one that run wrote."""
    prose = prose_fingerprints(api, kept=last.prose if last is not None else None)
    version = request.options.package_version
    if last is not None and last.record is not None and target.surface_keeping is not None:
        text = record_text(request.out)
        record = LastRecord.read(text) if text is not None and file_hash(text) == last.record else None
        last_names = last.names() if record is not None else None
        if text is not None and record is not None and last_names is not None:
            reused = LastSurface(last.api, last_names, last.reused, record)
            found = regenerate_keeping(*target.surface_keeping(api, names, reused), prose, text, record, version)
            if found is not None:
                return found
    return regenerate(target.surface(api, names), prose, request.out, version)


def _names(target: Target, api: Api, last: _LastRun | None) -> Any:
    """The target's names of ``api``: after a replayed build (``last``), from the last
    run's where the target can tell they hold (see :attr:`Target.name_again`)."""
    if last is not None and target.name_again is not None:
        found = target.name_again(api, last.api, last.names())
        if found is not None:
            return found
    return target.name(api)


def _bumped(request: GenerateRequest, regeneration: Regeneration) -> GenerateRequest:
    """``request`` with its package version raised by the changes since the last run."""
    bump = regeneration.changes.bump if regeneration.changes is not None else "none"
    version = bumped(request.options.package_version, bump)
    return replace(request, options=replace(request.options, package_version=version))


def _summary(api: Api) -> Summary:
    return Summary(
        groups=len(api.groups),
        operations=sum(len(g.operations) for g in api.groups),
        models=len(api.models),
        enums=len(api.enums),
    )


def _run_key(request: GenerateRequest, root: Path, sources: dict[Path, str]) -> str:
    return run_key(root, sources[root], run_options(request), request.templates)


class _FolderRun:
    """The record of the last run into the output folder, and this run's: the files a
    run keeps (see :mod:`generator.model.subjects`), the verdict a run after a prose-only edit
    keeps (see :mod:`generator.cache.prose`), the model it may start from (see
    :mod:`generator.cache.carried`)."""

    def __init__(self, cache: Cache, key: str, spec: LoadedSpec, structure: Pending[str | None]) -> None:
        """``structure``: the spec's structure digest, as validation takes it (see :func:`_validation`)."""
        self.cache = cache
        self.key = key
        self.root = spec.display_name(spec.root)
        self._structure = structure
        # What carrying the model needs of the parsed spec: the next run replays it after any
        # edit (see generator.model.replay), and puts an edit of one prose string of a JSON
        # file into it (see generator.cache.text_edit: a YAML file's text is not kept).
        from .cache import carried

        self._carried: tuple[SpecFiles, dict[int, Origin | None], Stamps] = (
            carried.SpecFiles.of(spec),
            carried.prose_origins(spec),
            carried.new_stamps(),
        )
        self.built: Built | None = None
        """This run's model with the record of its build, once made (if it was recorded)."""
        self._replayed: list[Origin] = []  # where the prose strings of the model replayed from stand
        self._replayed_stamp = ""  # the stamp of the model replayed from
        self._replayed_from: _LastRun | None = None  # that model, with what the last run made of it
        self._keeping_digests: Pending[bool] = done(False)

    def replayable(self, last: FolderRecord | None, target: Target) -> Built | None:
        """The model the last run kept, with the record of its build, to replay (see
        :mod:`generator.model.replay`); None if there is none, or if ``target`` reads
        where in the spec things were described (a kept model does not know)."""
        if last is None or not last.carried or target.unsupported is not None:
            return None
        from .cache.carried import recall_built

        found = recall_built(self.cache, self.key, last.carried)
        if found is None:
            return None
        built, self._replayed, names = found
        self._replayed_stamp = last.carried
        # The record's fingerprints are that model's, but for the subjects of the prose
        # edits put into it since (see _carried_edit), taken again from what it holds.
        kept = KeptProse(built.api, last.prose, frozenset(last.prose_edited))
        # The names are read once, by this process for its own (see _names) or by the side work.
        once = functools.cache(names)
        self._replayed_from = _LastRun(built.api, once, frozenset(), kept, last.files.get(SURFACE_FILE))
        return built

    def last_run(self, api: Api) -> _LastRun | None:
        """What this run's surface record can take from the last run's (see
        :func:`_regeneration`): only if ``api`` was built replaying that run's model."""
        built, found = self.built, self._replayed_from
        if built is None or built.api is not api or not built.replayed or found is None:
            return None
        return found._replace(reused=built.replayed_types())

    @property
    def structure(self) -> str | None:
        """The spec's structure digest (see :func:`generator.cache.prose.structure_digest`)."""
        return self._structure.result()

    @property
    def stamps(self) -> Stamps:
        """The stamps the model is carried under (see :meth:`carrying`)."""
        return self._carried[2]

    def bookkeeping(
        self, api: Api, names: Any, request: GenerateRequest, jobs: list[RenderJob], keys: dict[str, str] | None
    ) -> Callable[[], tuple[dict[str, str], bool]]:
        """What this run's record needs besides its files, as work for the helper that
        renders beside this process (see :mod:`generator.parallel.both_cores`): each
        file's key (unless ``keys`` holds them already), and whether the model was kept
        for the next run (see :func:`generator.cache.carried.carry`).
        What it needs of ``jobs`` is taken now, as one pickled string: rendering lets go
        of the jobs, and the helper reads it without writing to the pages of this
        process's objects (reading an object writes its reference count: each page
        read would be copied, 10 MB more memory for GitHub's spec's subjects)."""
        made_from = _pickled(_made_from(jobs)) if keys is None else b""
        carrying = self.carrying(api, names)
        base = _files_base(request)
        stamp = None if request.check else self.stamps.model  # a check records nothing

        def work() -> tuple[dict[str, str], bool]:
            if keys is not None:
                found = keys
            else:
                found, fingerprints = _keys(api, names, base, pickle.loads(made_from))  # noqa: S301 - ours
                if stamp is not None:
                    from .cache.kept_digests import keep_digests

                    keep_digests(self.cache, self.key, stamp, fingerprints)
            return found, carrying()

        return work

    def carrying(self, api: Api, names: Any) -> Callable[[], bool]:
        """Keeping the model for the next run (see :func:`generator.cache.carried.carry`),
        as work to do."""
        from .cache.carried import carry

        files, origins, stamps = self._carried
        built = self.built
        record = built.record if built is not None and built.api is api else None
        replayed = self._replayed if built is not None and built.replayed else None
        last = self._replayed_stamp
        return partial(carry, self.cache, self.key, stamps, files, api, names, origins, record, replayed, last)

    def remember(
        self,
        validation: list[Finding],
        modelling: list[Finding],
        prose: dict[str, str],
        run: str,
        carried: Stamps | None,
        keys: dict[str, str],
    ) -> None:
        """Record this run: the warnings of validation and modelling, the model's prose
        fingerprints, the key of the run's record (which holds the output files' hashes),
        the stamps of the carried model, and the output files' keys."""
        self._keeping_digests.result()
        structure = self.structure
        if structure is not None:
            stamps = ("", "") if carried is None else (carried.model, carried.text)
            record = FolderRecord(self.root, structure, validation, prose, {}, modelling, *stamps, keys=keys, run=run)
            remember_folder(self.cache, self.key, record)

    def keys(self, api: Api, names: Any, request: GenerateRequest, jobs: list[RenderJob]) -> dict[str, str]:
        """Each file's key (see :mod:`generator.model.subjects`): the digests of the types
        replayed from the last run's model are that run's (see
        :mod:`generator.cache.kept_digests`); this run's are kept, beside, for the next."""
        made_from: list[tuple[str, str, Iterable[str]]] = [(job.path, job.template, job.subjects) for job in jobs]
        built, last = self.built, self._replayed_from
        kept, reused, operations, kept_names = None, frozenset[str](), frozenset[int](), None
        if built is not None and built.api is api and built.replayed and self._replayed_stamp:
            from .cache.kept_digests import recall_digests

            kept, reused = recall_digests(self.cache, self.key, self._replayed_stamp), built.replayed_types()
            operations = built.replayed_operations()
            kept_names = last.names() if last is not None else None  # carried with the model: the kept digests'
        base = _files_base(request)
        keys, fingerprints = _keys(api, names, base, made_from, kept, reused, operations, kept_names)
        if not request.check:  # a check records nothing
            self._keeping_digests = _keeping(self.cache, self.key, self.stamps.model, fingerprints)
        return keys

    def affected(
        self, api: Api, names: Any, request: GenerateRequest, target: Target, last: FolderRecord | None
    ) -> tuple[list[RenderJob], dict[str, str], set[str]] | None:
        """After a build that replayed the last run's model, into a folder as that run
        left it (``last``): the jobs of the files made from a subject that may have
        changed (see :meth:`generator.model.subjects.Fingerprints.changed`) or from none,
        every file's key, and the last run's other files, which are kept as they are with
        the keys it recorded. A file made from unchanged subjects alone is one this run
        makes too: its subjects are the very objects they were, named as they were, and
        which files a plan makes, and from what, follows from those (gone types and
        groups, and renamed types, are changed). The last run's files made from a changed
        subject are found by planning them from that run's model. None where this cannot
        tell (no replayed build, no kept digests, a check, keys made with other
        options): plan and key every file. A file of the last run without a key (one a
        prose edit made again, see :func:`_carried_edit`) is made again too, if this
        run makes it: from the whole plan, which is then made (but not keyed) whole."""
        built, before = self.built, self._replayed_from
        if request.check or last is None or built is None or built.api is not api or before is None:
            return None
        if not built.replayed or not self._replayed_stamp:
            return None
        from .cache.kept_digests import recall_digests

        kept = recall_digests(self.cache, self.key, self._replayed_stamp)
        if kept is None:
            return None
        reused, operations = built.replayed_types(), built.replayed_operations()
        fingerprints = Fingerprints(api, names, _files_base(request), kept, reused, operations, before.names())
        changed = fingerprints.changed(before.api, before.names())
        if changed is None:
            return None
        jobs = target.plan(api, request.options, names, changed | {FIXED})
        keyless = last.files.keys() - last.keys.keys() - {SURFACE_FILE} - {job.path for job in jobs}
        if keyless:
            jobs += [job for job in target.plan(api, request.options, names, None) if job.path in keyless]
        # The last run's files made from a changed subject that this run does not make
        # are those of a changed (gone, renamed) model, enum or group, and of sdkforge alone.
        owners = {subject for subject in changed if owners_only((subject,))} | {FIXED}
        remade = {job.path for job in target.plan(before.api, request.options, before.names(), owners)}
        remade.update(job.path for job in jobs)
        untouched = {path for path in last.keys if path in last.files and path not in remade}
        keys = {path: last.keys[path] for path in untouched}
        for job in jobs:
            keys[job.path] = fingerprints.key(job.path, job.template, job.subjects)
        # The key of a file made from no subject is sdkforge's, its template's and the
        # options' alone: it is the one the last run recorded only if the other keys were
        # made with what this run's are (not after a version bumped, by this run or that one).
        fixed = [job.path for job in jobs if not job.subjects]
        if not fixed or any(keys[path] != last.keys.get(path) for path in fixed):
            return None
        self._keeping_digests = _keeping(self.cache, self.key, self.stamps.model, fingerprints)
        return jobs, keys, untouched

    def cancel(self) -> None:
        """Stop what this run started beside for its record (this run failed)."""
        self._keeping_digests.cancel()


def _keeping(cache: Cache, key: str, stamp: str, fingerprints: Fingerprints) -> Pending[bool]:
    """The digests of ``fingerprints`` being kept for the next run, by a child in the
    background (see :func:`generator.cache.kept_digests.keep_digests`)."""
    from .cache.kept_digests import keep_digests

    return beside(partial(keep_digests, cache, key, stamp, fingerprints), background=True)


def _made_from(jobs: list[RenderJob]) -> list[tuple[str, str, tuple[str, ...]]]:
    """Each job's path, template and subjects, each subject one string for every job that
    names it (pickled, each is written once: a third fewer strings for GitHub's spec)."""
    one: dict[str, str] = {}
    return [(job.path, job.template, tuple([one.setdefault(s, s) for s in job.subjects])) for job in jobs]


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _files_base(request: GenerateRequest) -> str:
    """What decides every file besides its subjects: sdkforge, its templates, the options."""
    return run_key(Path(), "files", run_options(request), request.templates)


def _keys(
    api: Api,
    names: Any,
    base: str,
    made_from: list[tuple[str, str, Iterable[str]]],
    kept: KeptDigests | None = None,
    reused: frozenset[str] = frozenset(),
    operations: frozenset[int] = frozenset(),
    kept_names: Any = None,
) -> tuple[dict[str, str], Fingerprints]:
    """The key of each file, from its path, template and subjects (the types ``reused``
    from the last run's model, and the groups of its ``operations``, take its ``kept``
    digests, made with ``kept_names``); ``made_from`` is emptied (each file's part let go
    of as its key is made). With the digests they were made of."""
    fingerprints = Fingerprints(api, names, base, kept, reused, operations, kept_names)
    made_from.reverse()
    keys: dict[str, str] = {}
    while made_from:
        path, template, subjects = made_from.pop()
        keys[path] = fingerprints.key(path, template, subjects)
    return keys, fingerprints


def _carried_edit(
    request: GenerateRequest,
    cache: Cache,
    key: str,
    last: FolderRecord,
    as_left: Pending[dict[str, FileStat] | None],
    progress: Progress,
    read: Read | None = None,
    left: list[object] | None = None,
) -> GenerateResult | None:
    """The run after an edit inside one prose string (of each edited file), into an
    output folder as the last run left it: the last run's model, with the new strings
    put in (see :mod:`generator.cache.carried`), makes the files that show them. None when the
    edit is not of that kind: run the longer way. ``read``: the root's bytes and digest,
    if read already."""
    from .cache.carried import RecordedEdit, Stamps, keep_text, new_stamps, recall_carried

    try:
        recorded = [RecordedEdit.from_data(data) for data in last.edits]
    except (TypeError, ValueError):  # a record of another shape
        return None
    try:
        root = request.spec.resolve()
    except (OSError, ValueError, RuntimeError):
        return None  # loading says what is wrong with the path
    carried = recall_carried(cache, key, Stamps(last.carried, last.carried_text), root, recorded, read)
    if carried is None:  # not waiting for the folder's stats: the longer way reads them later
        return None
    read_stats = as_left.result()
    if read_stats is None:
        return None
    strings = len(carried.edits)
    progress.stage("validate", f"only prose changed since the last run ({strings} string(s)): its verdict holds")
    api = carried.api
    validation = [_moved(root, last.root, carried, f) for f in last.validation]
    modelling = [_moved(root, last.root, carried, f) for f in last.modelling]
    fresh = prose_fingerprints(api, carried.touched)
    if not fresh.keys() <= last.prose.keys():
        return None
    changed = {subject for subject, fingerprint in fresh.items() if last.prose[subject] != fingerprint}
    prose = {**last.prose, **fresh}
    wanted = affected(api, owners(api, changed))
    chosen = get_target(request.target).plan(api, request.options, carried.names, wanted)
    if not all(job.path in last.files for job in chosen):
        return None  # a file the last run did not make: the structure is not what it was
    version = request.options.package_version
    record, changes = after_prose_edit(request.out, prose, len(changed), version)
    if record is None:
        return None  # no surface record to carry the new fingerprints into: a full run makes one
    extra = {SURFACE_FILE: record}
    remade = {job.path for job in chosen}  # the jobs are let go of as they are rendered
    kept = sorted(last.files.keys() - remade - extra.keys())
    progress.stage("render", f"{len(chosen)} of {len(last.files)} files show changed prose")
    # The spec's text, which the next edit is found in, is kept beside the rendering and
    # the write (GitHub's: 13 MB to write, and the old copy's blocks to free).
    text = new_stamps().text
    keeping = beside(partial(keep_text, cache, key, text, carried.text), background=True)
    try:
        report, hashes, warnings = _write_edited(
            request, cache, progress, chosen, kept, last, validation, modelling, extra, last.stats | read_stats
        )
    except BaseException:
        keeping.cancel()
        raise
    summary = _summary(api)
    sources = carried.digests
    run = _run_key(request, root, sources)
    remember(cache, run, sources, hashes, warnings, summary, report.stats)
    edits = [*last.edits, *(edit.to_data() for edit in carried.recorded())]
    stamps = (last.carried, text) if keeping.result() else ("", "")
    # The files made again have no key: a later spec that gives the key they had would
    # not make them as they are now.
    keys = {path: key for path, key in last.keys.items() if path not in remade}
    folder_record = FolderRecord(
        display_name(root, root),
        last.structure,
        validation,
        prose,
        hashes,
        modelling,
        *stamps,
        edits,
        keys,
        run=run,
        prose_edited=sorted({*last.prose_edited, *fresh}),
    )
    remember_folder(cache, key, folder_record)
    leave(left)  # here only: an edit of another kind frees what this tried, for the longer way
    return GenerateResult(summary, warnings, report, changes, version)


def _write_edited(
    request: GenerateRequest,
    cache: Cache,
    progress: Progress,
    chosen: list[RenderJob],
    kept: list[str],
    last: FolderRecord,
    validation: list[Finding],
    modelling: list[Finding],
    extra: dict[str, str],
    known: dict[str, FileStat],
) -> tuple[WriteReport, dict[str, str], list[Finding]]:
    """After a prose edit: the ``chosen`` files made and written (and the ``extra`` ones,
    made already), the ``kept`` ones left as they are (``known``: their stats); the report, every output file's
    hash, and the warnings (the last run's verdict, which an invalid spec cannot have:
    :class:`SpecError` with ``strict``)."""
    files = _render(chosen, request, cache)
    files.update(extra)
    warnings = _Verdict(done(validation), modelling, request.strict).warnings()
    progress.stage("write", str(request.out))
    report = write_files(request.out, files, request.force, kept=kept, known=known)
    return report, {**last.files, **{path: file_hash(text) for path, text in files.items()}}, warnings


def _moved(root: Path, last_root: str, carried: Carried, finding: Finding) -> Finding:
    """A finding of the last run, where it stands after this run's edits: on the line of
    an edit, what stands after the edit moves along it; in the root, under the root's
    name now (``last_root``: the name it had)."""
    in_root = str(finding.file) == last_root
    if in_root:
        finding = replace(finding, file=Path(display_name(root, root)))
    for file, edit in carried.edits:
        edited = not file if in_root else display_name(root, Path(file)) == str(finding.file)
        if edited and _after(edit, finding):
            return replace(finding, column=(finding.column or 0) + edit.column_shift)
    return finding


def _after(edit: StringEdit, finding: Finding) -> bool:
    return finding.line == edit.line and finding.column is not None and finding.column > edit.column


def _relocated(spec: LoadedSpec, files_by_name: dict[str, Path], finding: Finding, last_root: str) -> Finding:
    """A finding of the last run, as this run would make it: in this run's root file (the
    structure digest leaves the root's name out), at the line and column its value has
    now (an edit to prose may have moved it). ``files_by_name``: the spec's files by the
    names findings show."""
    name = spec.display_name(spec.root) if str(finding.file) == last_root else str(finding.file)
    file = files_by_name.get(name)
    where = spec.locate(file, finding.pointer) if file is not None and finding.pointer is not None else None
    line, column = where if where else (None, None)
    return Finding(Path(name), finding.pointer, finding.message, finding.severity, line, column)


def _can_edit_prose(request: GenerateRequest) -> bool:
    """Whether a run after a prose-only edit may make only the files that show it (and so
    whether the last run into the folder is worth recalling): not with ``check`` (which
    compares everything), nor with the user's templates (which may show any prose in any
    file)."""
    return not request.check and request.templates is None
