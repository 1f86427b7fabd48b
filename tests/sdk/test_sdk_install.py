"""The generated package installs into a fresh virtual environment, and the README's
example runs there against a real server (the stateful OAuth server on 127.0.0.1)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

from sdk_helpers import CLIENT_ID, CLIENT_SECRET
from sdk_servers import OAuthServer

SDK = Path(__file__).resolve().parents[2] / "generated" / "python"

EXAMPLE = """
import sys
from square_oauth import ApiError, AsyncClient, Client
from square_oauth.models import ObtainTokenRequest, RevokeTokenRequest

base_url, client_id, client_secret, code = sys.argv[1:]
with Client(base_url=base_url) as client:
    body = (
        ObtainTokenRequest.builder(client_id, client_secret, "authorization_code")
        .code(code)
        .build()
    )
    token = client.o_auth.obtain_token(body)
    print("token", token.expires_at)
    try:
        client.o_auth.obtain_token(body)  # a code is single-use
    except ApiError as e:
        print("reused", e.status_code, [str(err.code) for err in e.errors])
    revoked = client.o_auth.revoke_token(
        RevokeTokenRequest.builder().client_id(client_id).access_token(token.access_token).build(),
        "Client " + client_secret,
    )
    print("revoked", revoked.success)
print("async", AsyncClient.__name__)
"""


def test_the_sdk_installs_in_a_fresh_venv_and_the_readme_example_runs(
    tmp_path: Path, oauth_server: OAuthServer
) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    source = tmp_path / "sdk"  # a copy: building in place would leave build/ in generated/
    shutil.copytree(SDK, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    script = tmp_path / "example.py"
    script.write_text(EXAMPLE)
    code = oauth_server.authorize(CLIENT_ID, "MERCHANT_1")
    result = subprocess.run(
        [str(python), str(script), oauth_server.url, CLIENT_ID, CLIENT_SECRET, code],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the repository: the installed package must be what runs
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("token 20")
    assert lines[1] == "reused 401 ['UNAUTHORIZED']"
    assert lines[2:] == ["revoked True", "async AsyncClient"]
    location = subprocess.run(
        [str(python), "-c", "import square_oauth; print(square_oauth.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert str(env_dir) in location.stdout and sys.prefix not in location.stdout
