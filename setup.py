"""One build step beside pyproject.toml (which holds the project's configuration): a wheel
holds sdkforge's own templates and validation checks compiled, as pip compiles the
modules when it installs it, so that the first run after an install compiles nothing.

They are compiled by ``sdkforge.prepare`` run on the package as the wheel will hold it
(``build/lib``), in a fresh interpreter that writes no ``.pyc`` there (pip compiles
those at install, for the Python that runs them). An editable install has no such
copy: its first run compiles them beside the source, as before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithCompiled(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        build_lib = str(Path(self.build_lib).resolve())
        package = Path(build_lib) / "sdkforge"
        # before the build environment's own path (pip's isolation passes it in PYTHONPATH)
        path = os.pathsep.join(filter(None, (build_lib, os.environ.get("PYTHONPATH"))))
        env = {**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}
        subprocess.run([sys.executable, "-B", "-m", "sdkforge.prepare"], env=env, cwd=build_lib, check=True)
        for made in (package / "templates" / "__pycache__" / "jinja", package / "spec" / "__pycache__"):
            if not any(made.rglob("*")):
                raise SystemExit(f"setup.py: sdkforge.prepare compiled nothing into {made}")


setup(cmdclass={"build_py": BuildPyWithCompiled})
