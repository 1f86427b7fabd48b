"""The versions in cache keys are importlib.metadata's, read without importing it."""

from __future__ import annotations

import sys
from importlib import metadata

import pytest

from sdkforge.cache.versions import installed_version


@pytest.fixture(autouse=True)
def _fresh():
    installed_version.cache_clear()
    yield
    installed_version.cache_clear()


def _distribution(folder, name, version, kind="dist-info"):
    info = folder / (f"{name}-{version}.{kind}" if version else f"{name}.{kind}")
    info.mkdir(parents=True)
    (info / ("METADATA" if kind == "dist-info" else "PKG-INFO")).write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version or '9.9'}\n"
    )


def test_every_installed_distribution_has_importlib_metadatas_version():
    names = {distribution.metadata["Name"] for distribution in metadata.distributions()}
    assert {"black", "Jinja2", "openapi-spec-validator", "PyYAML"} <= names
    assert {name: installed_version(name) for name in names} == {name: metadata.version(name) for name in names}


def test_the_first_folder_of_the_path_that_has_the_distribution_gives_its_version(tmp_path, monkeypatch):
    _distribution(tmp_path / "first", "Foo_Bar", "3.1")
    _distribution(tmp_path / "second", "foo_bar", "4.0")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "empty"), str(tmp_path / "first"), str(tmp_path / "second")])
    assert installed_version("foo-bar") == installed_version("Foo.Bar") == metadata.version("foo-bar") == "3.1"


def test_an_egg_first_on_the_path_is_read_by_importlib_metadata(tmp_path, monkeypatch):
    _distribution(tmp_path / "first", "foo", None, kind="egg-info")  # no version in its name
    _distribution(tmp_path / "second", "foo", "4.0")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "first"), str(tmp_path / "second")])
    assert installed_version("foo") == metadata.version("foo") == "9.9"


def test_a_distribution_not_installed_is_importlib_metadatas_error(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    with pytest.raises(metadata.PackageNotFoundError):
        installed_version("not-installed")
