"""The names the generated runtime defines (the error classes, ``RawResponse``, each group's
``with_raw_response`` and its class) never clash with what a spec names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from sdkforge.pipeline import GenerateRequest, generate
from sdkforge.targets import TargetOptions

ERROR_NAMES = [
    "NotFoundError",
    "RateLimitError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "ConflictError",
    "UnprocessableEntityError",
    "InternalServerError",
    "RawResponse",
    "ThingsApiWithRawResponse",
]

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Clash", "version": "1"},
    "paths": {
        "/things": {
            "get": {
                "tags": ["Things"],
                "operationId": "with_raw_response",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotFoundError"}}},
                    },
                    "default": {
                        "description": "error",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RateLimitError"}}},
                    },
                },
            }
        }
    },
    "components": {
        "schemas": {
            name: {
                "type": "object",
                "properties": {
                    "errors": {"type": "array", "items": {"$ref": "#/components/schemas/RawResponse"}},
                    "detail": {"type": "string"},
                },
            }
            for name in ERROR_NAMES
        }
    },
}


def test_spec_names_that_are_runtime_names_are_renamed(tmp_path: Path) -> None:
    (tmp_path / "clash.yaml").write_text(yaml.safe_dump(SPEC, sort_keys=False))
    out = tmp_path / "out"
    generate(GenerateRequest(spec=tmp_path / "clash.yaml", out=out, options=TargetOptions(package_name="clash")))
    models = (out / "clash" / "models" / "__init__.py").read_text()
    for name in ERROR_NAMES[:-1]:
        assert f'"{name}"' not in models  # each model took another name
    # models are named first: this one keeps its name and the group's raw class takes another
    assert '"ThingsApiWithRawResponse"' in models
    script = (
        "import clash, clash.api, clash.models\n"
        "assert issubclass(clash.NotFoundError, clash.ApiError)\n"
        "client = clash.Client(base_url='http://127.0.0.1:9')\n"
        "assert callable(client.things.with_raw_response.with_raw_response_)\n"
        "raw_class = type(client.things.with_raw_response)\n"
        "assert raw_class.__name__.startswith('ThingsApiWithRawResponse')\n"
        "assert raw_class is not clash.models.ThingsApiWithRawResponse\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=out, check=True)
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), "clash"],
        cwd=out,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout
