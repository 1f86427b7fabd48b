"""The command line: validate, group selection, progress output, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
import yaml
from project_paths import SPEC

from sdkforge.progress import Progress

TWO_GROUPS = {
    "openapi": "3.0.3",
    "info": {"title": "Shop", "version": "1"},
    "paths": {
        "/pets": {
            "get": {
                "tags": ["Pets"],
                "operationId": "ListPets",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PetList"}}},
                    }
                },
            }
        },
        "/orders": {
            "get": {
                "tags": ["Orders"],
                "operationId": "ListOrders",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}},
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "PetList": {
                "type": "object",
                "properties": {"pets": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}},
            },
            "Pet": {"type": "object", "properties": {"kind": {"$ref": "#/components/schemas/Kind"}}},
            "Kind": {"type": "string", "enum": ["cat", "dog"]},
            "Order": {"type": "object", "properties": {"id": {"type": "string"}}},
        }
    },
}


def write_spec(tmp_path, spec):
    path = tmp_path / "shop.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def test_validate_says_valid_and_exits_0(run_cli):
    result = run_cli("validate", SPEC)
    assert result.code == 0
    assert "oauth.yaml: valid" in result.err


def test_group_selection_keeps_the_groups_and_the_models_they_reach(tmp_path, run_cli):
    out = tmp_path / "sdk"
    result = run_cli("generate", write_spec(tmp_path, TWO_GROUPS), "--out", out, "--group", "pets", "-q")
    assert result.code == 0, result.err
    assert sorted(p.name for p in (out / "shop" / "api").glob("*.py")) == ["__init__.py", "pets.py"]
    models = sorted(p.stem for p in (out / "shop" / "models").glob("*.py"))
    assert models == ["__init__", "kind", "pet", "pet_list"]  # Pet and Kind through PetList; no Order


def test_an_unknown_group_is_a_usage_error_listing_the_groups(tmp_path, run_cli):
    result = run_cli("generate", write_spec(tmp_path, TWO_GROUPS), "--out", tmp_path / "sdk", "--group", "Cats")
    assert result.code == 2
    assert "no group named 'Cats'" in result.err and "Pets, Orders" in result.err
    assert not (tmp_path / "sdk").exists()


def test_progress_is_one_line_per_stage_when_not_a_terminal(tmp_path, run_cli):
    result = run_cli("generate", write_spec(tmp_path, TWO_GROUPS), "--out", tmp_path / "sdk")
    stages = [line.split()[1] for line in result.err.splitlines() if line.startswith("sdkforge: ") and "[" in line]
    assert stages == ["load", "validate", "model", "render", "write"]
    summary = result.err.splitlines()[-1]
    assert summary.startswith("sdkforge: 2 groups, 2 operations, 3 models, 1 enums, 0 warnings; files: ")


def test_quiet_prints_nothing_on_success(tmp_path, run_cli):
    result = run_cli("generate", write_spec(tmp_path, TWO_GROUPS), "--out", tmp_path / "sdk", "--quiet")
    assert result.code == 0 and result.err == "" and result.out == ""


def test_on_a_terminal_the_stages_share_one_updating_line():
    stream = io.StringIO()
    progress = Progress(stream, live=True)
    progress.stage("load", "spec.yaml")
    progress.stage("validate", "1 file")
    progress.done("2 groups")
    text = stream.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")  # only the summary ends a line
    assert text.count("\r") >= 3 and "validate" in text and "sdkforge: 2 groups in " in text


def test_a_bad_value_inside_a_schema_is_a_warning_and_an_error_with_strict(tmp_path, run_cli):
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "X", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {"A": {"type": "object", "properties": {"p": {"type": "string", "pattern": "\\p{L}+"}}}}
        },
    }
    path = write_spec(tmp_path, spec)
    lenient = run_cli("validate", path)
    assert lenient.code == 0
    found = "'\\\\p{L}+' is not a 'regex' (at /components/schemas/A/properties/p/pattern)"
    assert f"shop.yaml:13:20: warning: {found}\n" in lenient.err  # located at the pattern, not "a schema's"
    strict = run_cli("validate", path, "--strict")
    assert strict.code == 2 and f"shop.yaml:13:20: error: {found}\n" in strict.err


def _command(*args: object) -> subprocess.CompletedProcess[str]:
    """``sdkforge ARGS`` as its own process, the way a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "sdkforge", *map(str, args)], capture_output=True, text=True, timeout=300, check=False
    )


def test_the_command_ends_with_its_exit_code_and_everything_said_and_written(tmp_path):
    # The command leaves at once when done (os._exit): its output streams must have been
    # flushed and its files written all the same.
    done = _command("generate", SPEC, "--out", tmp_path / "sdk", "--package-name", "oauth", "--no-cache")
    assert done.returncode == 0, done.stderr
    assert done.stderr.rstrip().splitlines()[-1].startswith("sdkforge: 1 groups, 3 operations")
    manifest = json.loads((tmp_path / "sdk" / ".sdkforge-manifest.json").read_text())
    assert all((tmp_path / "sdk" / path).is_file() for path in manifest["files"])
    bad = _command("generate", tmp_path / "missing.yaml", "--out", tmp_path / "other")
    assert bad.returncode == 2
    assert bad.stderr.rstrip().endswith("missing.yaml: error: no such file")
    shown = _command("--version")
    assert shown.returncode == 0 and shown.stdout.startswith("sdkforge ")


_MODELS_LEFT = """
import gc, sys
from sdkforge import cli
from sdkforge.model.ir import Api
code = cli.main(sys.argv[2:], exiting=sys.argv[1] == "exiting")
frozen = gc.get_freeze_count() > 0
gc.unfreeze()
gc.collect()
print(code, sum(isinstance(o, Api) for o in gc.get_objects()), frozen)
"""


def test_the_commands_last_run_leaves_its_objects_to_the_exit_and_a_library_call_frees_them(tmp_path):
    # Python frees a run's model object by object when the run returns (0.04 s after an
    # edit of GitHub's spec, 0.09 s after a cold run); the command's process ends right
    # after without freeing anything, so its last run leaves them to that. main() called
    # by a process that goes on frees them, as generate() does. Those left are out of
    # the cycle collector's reach (gc.freeze): its next full collection would walk them all.
    for how, models in (("exiting", 1), ("going-on", 0)):
        args = ["generate", SPEC, "--out", tmp_path / how, "--package-name", "oauth", "--no-cache", "-q"]
        done = subprocess.run(
            [sys.executable, "-c", _MODELS_LEFT, how, *map(str, args)], capture_output=True, text=True, check=False
        )
        assert done.stdout.split() == ["0", str(models), str(bool(models))], done.stderr


# ---- no command; the user's templates --------------------------------------------


def test_sdkforge_alone_prints_the_help_on_stdout_and_exits_2(run_cli):
    result = run_cli()
    assert result.code == 2
    assert result.out.startswith("usage: sdkforge ") and "generate" in result.out and "validate" in result.out
    assert result.err == ""
    alone = _command()  # the installed command, the way a user types it
    assert alone.returncode == 2 and alone.stdout == result.out and alone.stderr == ""


def override(folder, relative, text):
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_a_templates_folder_that_does_not_exist_is_bad_input(tmp_path, run_cli):
    missing = tmp_path / "does" / "not" / "exist"
    result = run_cli("generate", write_spec(tmp_path, TWO_GROUPS), "--out", tmp_path / "sdk", "--templates", missing)
    assert result.code == 2
    assert result.err == f"sdkforge: error: templates folder {missing}: no such folder\n"
    assert not (tmp_path / "sdk").exists()


def test_an_override_at_a_path_no_template_has_is_named_with_the_path_meant(tmp_path, run_cli):
    templates = tmp_path / "templates"
    stray = override(templates, "doc/model.md.j2", "# {{ page.title }}\n")
    result = run_cli("generate", write_spec(tmp_path, TWO_GROUPS), "--out", tmp_path / "sdk", "--templates", templates)
    assert result.code == 2
    assert f"{stray}: template error: no built-in template is at doc/model.md.j2" in result.err
    assert "did you mean python/doc/model.md.j2?" in result.err
    assert not (tmp_path / "sdk").exists()
    # With nothing close, the message lists the paths there are.
    stray.unlink()
    odd = override(templates, "overrides/frobnicate.j2", "x\n")
    result = run_cli("generate", write_spec(tmp_path, TWO_GROUPS), "--out", tmp_path / "sdk", "--templates", templates)
    assert result.code == 2 and f"{odd}: template error: no built-in template is at overrides/frob" in result.err
    assert "the built-in templates are: python/README.md.j2, python/doc/_macros.j2" in result.err


def test_files_that_are_not_templates_and_the_users_own_partials_are_accepted(tmp_path, run_cli):
    templates = tmp_path / "templates"
    override(templates, "README.md", "My overrides.\n")
    override(templates, "python/.DS_Store", "\0\1")
    override(templates, "python/doc/_mine.j2", "{% macro shout(text) %}{{ text | upper }}{% endmacro %}")
    override(
        templates,
        "python/doc/model.md.j2",
        '{% from "python/doc/_mine.j2" import shout %}# {{ shout(page.title) | md_heading }}\n',
    )
    out = tmp_path / "sdk"
    result = run_cli("generate", write_spec(tmp_path, TWO_GROUPS), "--out", out, "--templates", templates, "-q")
    assert result.code == 0, result.err
    assert (out / "doc" / "models" / "pet.md").read_text().startswith("# PET")


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("{{ 1/0 }}", "ZeroDivisionError: division by zero"),
        ("{{ page.title + 1 }}", 'TypeError: can only concatenate str (not "int") to str'),
        ("{{ page.no_such_thing }}", "'sdkforge.targets.python.docs.ModelDoc object' has no attribute 'no_such_thing'"),
        ("{{ [] | py_value(7) }}", "TypeError: py_value() takes 1 positional argument but 2 were given"),
    ],
    ids=["zero-division", "type-error", "undefined", "filter-misused"],
)
def test_anything_a_users_template_raises_is_bad_input_with_its_file_and_line(tmp_path, run_cli, line, said):
    templates = tmp_path / "templates"
    model_doc = override(templates, "python/doc/model.md.j2", f"# {{{{ page.title }}}}\n\n{line}\n")
    result = run_cli("generate", write_spec(tmp_path, TWO_GROUPS), "--out", tmp_path / "sdk", "--templates", templates)
    assert result.code == 2, result.err
    assert result.err.strip().splitlines()[-1] == f"sdkforge: error: {model_doc}:3: template error: {said}"
    assert not (tmp_path / "sdk").exists()


def many_models(count):
    """A spec with ``count`` models: enough files that a helper process renders some."""
    schemas = {f"M{n:03d}": {"type": "object", "properties": {"n": {"type": "integer"}}} for n in range(count)}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Many", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }


def test_a_users_template_failing_in_the_helper_process_is_the_same_located_error(tmp_path, run_cli):
    # 250 models: more than both_cores.FROM files, so a forked helper renders a share.
    # The model that fails is the last: whichever process renders it, the error is said
    # with the user's file and line.
    templates = tmp_path / "templates"
    model_doc = override(
        templates, "python/doc/model.md.j2", '# {{ page.title }}\n{% if page.title == "M 249" %}{{ 1/0 }}{% endif %}\n'
    )
    spec = write_spec(tmp_path, many_models(250))
    result = run_cli("generate", spec, "--out", tmp_path / "sdk", "--templates", templates)
    assert result.code == 2, result.err
    assert f"sdkforge: error: {model_doc}:2: template error: ZeroDivisionError: division by zero" in result.err


def test_pyproject_templates_that_do_not_exist_or_misplace_a_file_are_bad_input(tmp_path, run_cli, monkeypatch):
    write_spec(tmp_path, TWO_GROUPS)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.sdkforge]\nspec = "shop.yaml"\nout = "sdk"\ntemplates = "mine"\n')
    monkeypatch.chdir(tmp_path)
    result = run_cli("generate")
    assert result.code == 2
    assert result.err == f"sdkforge: error: {pyproject}: [tool.sdkforge] templates = 'mine': no such folder\n"
    stray = override(tmp_path / "mine", "package/models/model.py.j2", "x = 1\n")
    result = run_cli("generate")
    assert result.code == 2 and f"{stray}: template error: " in result.err
    assert "did you mean python/package/models/model.py.j2?" in result.err
    assert not (tmp_path / "sdk").exists()


@pytest.mark.parametrize("args", [["generate", str(SPEC), "--out", "OUT"], ["generate"], ["validate", str(SPEC)]])
def test_a_deleted_working_folder_is_bad_input_said_before_any_work(tmp_path, args):
    gone, out = tmp_path / "gone", tmp_path / "out"
    gone.mkdir()
    script = (
        "import os, sys\n"
        "from sdkforge.cli import main\n"
        f"os.chdir({str(gone)!r}); os.rmdir({str(gone)!r})\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    argv = [str(out) if a == "OUT" else a for a in args]
    result = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "the current folder no longer exists" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
