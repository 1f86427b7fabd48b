"""sdkforge as its users get it: an sdist and a wheel built from this checkout, installed
into fresh virtual environments outside it, generate the golden SDK byte for byte from
any folder, as ``sdkforge`` and as ``python -m sdkforge``.

``python -m build`` makes the sdist first and the wheel from the sdist, so the wheel
proves the sdist holds everything too. The installs take sdkforge's dependencies from
the package index, as a user's would. The wheel holds sdkforge's templates and
validation checks compiled (setup.py): the first run after installing it compiles none.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
from project_paths import GOLDEN, ROOT, SPEC

pytestmark = pytest.mark.slow

TEMPLATES = sorted(p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*.j2"))
MODULES = sorted(p.relative_to(ROOT / "generator").as_posix() for p in (ROOT / "generator").rglob("*.py"))


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel, built into a folder outside the checkout."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=out)
    (sdist,) = out.glob("sdkforge-*.tar.gz")
    (wheel,) = out.glob("sdkforge-*.whl")
    return sdist, wheel


def _differences(left: Path, right: Path) -> list[str]:
    """Files that differ, or are in one tree only, between two folders (whole trees)."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return sorted(found)


def _fresh_venv(where: Path) -> Path:
    venv.create(where, with_pip=True, clear=True)
    return where / "bin"


def _settings() -> dict[str, str]:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["sdkforge"]


def _generate_in(bin_dir: Path, work: Path, command: list[str], cache: Path) -> Path:
    """Generate the OAuth spec with an installed sdkforge, from ``work`` (not the checkout)."""
    settings = _settings()
    work.mkdir()
    spec = work / "oauth.yaml"
    spec.write_bytes(SPEC.read_bytes())
    env = {**os.environ, "SDKFORGE_CACHE_DIR": str(cache), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    args = [*command, "generate", "oauth.yaml", "--out", "out", "--package-name", settings["package-name"]]
    _run(*args, "--package-version", settings["package-version"], "--quiet", cwd=work, env=env)
    return work / "out"


def test_the_sdist_holds_the_sources_and_every_template(dists: tuple[Path, Path]) -> None:
    sdist, _ = dists
    with tarfile.open(sdist) as archive:
        names = {"/".join(n.split("/")[1:]) for n in archive.getnames()}
    missing = [f"templates/{t}" for t in TEMPLATES if f"templates/{t}" not in names]
    missing += [f"generator/{m}" for m in MODULES if f"generator/{m}" not in names]
    assert not missing, f"the sdist lacks {missing}"


def test_the_wheel_is_the_sdkforge_package_with_its_templates(dists: tuple[Path, Path]) -> None:
    _, wheel = dists
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f"sdkforge/templates/{t}" for t in TEMPLATES if f"sdkforge/templates/{t}" not in names]
    missing += [f"sdkforge/{m}" for m in MODULES if f"sdkforge/{m}" not in names]
    assert not missing, f"the wheel lacks {missing}"
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"sdkforge"}, f"the wheel installs {tops}: only the sdkforge package belongs in site-packages"
    assert "sdkforge/py.typed" in names
    for compiled in ("sdkforge/templates/__pycache__/jinja/", "sdkforge/spec/__pycache__/validate-compiled/"):
        assert any(n.startswith(compiled) for n in names), f"the wheel holds nothing compiled in {compiled}"


def test_the_installed_wheel_generates_the_golden_sdk_from_any_folder(dists: tuple[Path, Path], tmp_path: Path) -> None:
    _, wheel = dists
    bin_dir = _fresh_venv(tmp_path / "venv")
    _run(bin_dir / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=tmp_path)
    site = _run(bin_dir / "python", "-c", "import sdkforge; print(sdkforge.__file__)", cwd=tmp_path).stdout
    assert Path(site.strip()).is_relative_to(tmp_path / "venv"), f"sdkforge was imported from {site}"

    for name, command in {
        "script": [str(bin_dir / "sdkforge")],
        "module": [str(bin_dir / "python"), "-m", "sdkforge"],
    }.items():
        for cache in ("cold", "warm"):  # the second run reads the cache the first filled
            out = _generate_in(bin_dir, tmp_path / f"{name}-{cache}", command, tmp_path / f"cache-{name}")
            assert _differences(out, GOLDEN) == [], f"{name}, {cache} cache: the output differs from generated/python"


SHOP = """\
openapi: 3.0.3
info: {title: Shop, version: "1"}
paths:
  /pets/{petId}:
    get:
      tags: [Pets]
      operationId: GetPet
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: The pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string, description: What the pet answers to.}
        tag: {type: string, nullable: true}
"""
"""An OpenAPI 3.0 spec: its validation uses the checks kept compiled (3.1's are compiled each run)."""


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("target", ["python", "csharp"])
def test_the_first_run_after_installing_the_wheel_compiles_nothing(
    dists: tuple[Path, Path], tmp_path: Path, target: str
) -> None:
    _, wheel = dists
    bin_dir = _fresh_venv(tmp_path / "venv")
    _run(bin_dir / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=tmp_path)
    site = _run(bin_dir / "python", "-c", "import sdkforge; print(sdkforge.__file__)", cwd=tmp_path).stdout
    package = Path(site.strip()).parent
    installed = _files(package)
    (tmp_path / "shop.yaml").write_text(SHOP)

    outputs = {}
    for name, python in {"wheel": bin_dir / "python", "editable": Path(sys.executable)}.items():
        env = {**os.environ, "SDKFORGE_CACHE_DIR": str(tmp_path / f"cache-{name}")}
        env.pop("PYTHONPATH", None)
        args = ["-m", "sdkforge", "generate", "shop.yaml", "--target", target, "--out", f"out-{name}", "--quiet"]
        _run(python, *args, cwd=tmp_path, env=env)
        outputs[name] = tmp_path / f"out-{name}"
        if name == "wheel":  # a run that compiles keeps what it compiled beside the package: this one kept nothing
            assert _files(package) == installed, "the first run compiled what the wheel should have held"
            kept = _files(tmp_path / "cache-wheel")
            jinja = {k: v for k, v in kept.items() if k.startswith("jinja/")}
            checks = {k: v for k, v in kept.items() if k.startswith("validate-compiled/")}
            assert jinja and checks, "the run used no compiled templates or checks"
            assert all(installed.get(f"templates/__pycache__/{k}") == v for k, v in jinja.items())
            assert all(installed.get(f"spec/__pycache__/{k}") == v for k, v in checks.items())
    assert _differences(outputs["wheel"], outputs["editable"]) == [], "the wheel's output differs from the editable's"


def test_pipx_installs_a_working_sdkforge_from_the_checkout(tmp_path: Path) -> None:
    bin_dir = _fresh_venv(tmp_path / "tools")
    _run(bin_dir / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pipx", cwd=tmp_path)
    env = {
        **os.environ,
        "PIPX_HOME": str(tmp_path / "pipx"),
        "PIPX_BIN_DIR": str(tmp_path / "bin"),
        "PIPX_MAN_DIR": str(tmp_path / "man"),
    }
    _run(bin_dir / "pipx", "install", ROOT, cwd=tmp_path, env=env)
    out = _generate_in(tmp_path / "bin", tmp_path / "work", [str(tmp_path / "bin" / "sdkforge")], tmp_path / "cache")
    assert _differences(out, GOLDEN) == [], "pipx's sdkforge generates other output than generated/python"
