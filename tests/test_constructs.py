"""Constructs real specs use, each on a small spec of our own, checked on the wire.

The generated SDK talks to a real HTTP server on 127.0.0.1 that records what it
receives and answers what each test tells it to.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml
from project_paths import ROOT

SPEC = yaml.safe_load((ROOT / "spec" / "constructs.yaml").read_text())
"""The spec of these tests, and of the golden record ``generated/constructs/``."""


class Recorder(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict] = []
        self.reply: tuple[int, str, bytes] = (200, "application/json", b"{}")


class _Handler(BaseHTTPRequestHandler):
    server: Recorder

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        parts = urlsplit(self.path)
        self.server.requests.append(
            {
                "method": self.command,
                "path": parts.path,
                "query": parse_qsl(parts.query),
                "headers": dict(self.headers),
                "body": body,
            }
        )
        status, content_type, payload = self.server.reply
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_DELETE = _handle

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("shop")
    (root / "shop.yaml").write_text((ROOT / "spec" / "constructs.yaml").read_text())
    subprocess.run(
        [sys.executable, "-m", "sdkforge", "generate", str(root / "shop.yaml"), "--out", str(root / "out"), "-q"],
        check=True,
    )
    sys.path.insert(0, str(root / "out"))
    try:
        yield importlib.import_module("shop")
    finally:
        sys.path.remove(str(root / "out"))
        for name in [m for m in sys.modules if m == "shop" or m.startswith("shop.")]:
            del sys.modules[name]


@pytest.fixture
def server() -> Iterator[Recorder]:
    recorder = Recorder()
    thread = threading.Thread(target=recorder.serve_forever, daemon=True)
    thread.start()
    yield recorder
    recorder.shutdown()
    recorder.server_close()


def client(shop: ModuleType, server: Recorder):
    return shop.Client(base_url=f"http://127.0.0.1:{server.server_address[1]}")


def test_untagged_operations_are_grouped_by_their_first_path_segment(shop):
    c = shop.Client()
    assert {"customers", "files", "search", "animals"} <= set(dir(c))


def test_form_bodies_are_urlencoded_with_brackets_for_nested_values(shop, server):
    models = importlib.import_module("shop.models")
    body = models.PostCustomersRequest(
        email="a@b.c",
        address=models.PostCustomersRequestAddress(city="Paris", lines=["1 rue", "2e"]),
        expand=["x", "y"],
    )
    server.reply = (200, "application/json", b'{"id": "p1", "label": ["a", "b"]}')
    result = client(shop, server).customers.post_customers(body)
    sent = server.requests[0]
    assert sent["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(sent["body"].decode()) == [
        ("email", "a@b.c"),
        ("address[city]", "Paris"),
        ("address[lines][0]", "1 rue"),
        ("address[lines][1]", "2e"),
        ("expand", "x"),
        ("expand", "y"),
    ]
    assert result.label == ("a", "b")  # a list field is stored as a tuple


def test_multipart_bodies_send_bytes_as_files_and_text_responses_come_back_as_str(shop, server):
    models = importlib.import_module("shop.models")
    server.reply = (200, "text/plain; charset=utf-8", "stored ✓".encode())
    result = client(shop, server).files.post_file(body=models.PostFileRequest(file=b"\x00PNG", purpose="avatar"))
    sent = server.requests[0]
    assert sent["headers"]["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="purpose"\r\n\r\navatar' in sent["body"]
    assert b'name="file"; filename="file"' in sent["body"] and b"\x00PNG" in sent["body"]
    assert result == "stored ✓"


def test_query_arrays_objects_and_binary_responses(shop, server):
    models = importlib.import_module("shop.models")
    server.reply = (200, "application/pdf", b"%PDF-1.7 \xff")
    result = client(shop, server).search.search(tags=["a", "b"], ids=[1, 2], created=models.CreatedParam(gte=5))
    assert server.requests[0]["query"] == [("tags", "a,b"), ("ids", "1"), ("ids", "2"), ("created[gte]", "5")]
    assert result == b"%PDF-1.7 \xff"


def test_no_content_responses_return_none(shop, server):
    server.reply = (204, "application/json", b"")
    assert client(shop, server).animals.delete_animal("a/b") is None
    assert server.requests[0]["method"] == "DELETE" and server.requests[0]["path"] == "/v1/animals/a%2Fb"


def test_raw_responses_of_text_binary_and_no_content_parse_as_the_plain_methods(shop, server):
    models = importlib.import_module("shop.models")
    c = client(shop, server)
    server.reply = (200, "text/plain; charset=utf-8", "stored ✓".encode())
    raw = c.files.with_raw_response.post_file(body=models.PostFileRequest(file=b"x", purpose="avatar"))
    assert raw.headers["content-type"].startswith("text/plain") and raw.parse() == "stored ✓"
    server.reply = (200, "application/pdf", b"%PDF-1.7 \xff")
    assert c.search.with_raw_response.search(tags=["a"]).parse() == b"%PDF-1.7 \xff"
    server.reply = (204, "application/json", b"")
    raw = c.animals.with_raw_response.delete_animal("a/b")
    assert raw.status_code == 204 and raw.parse() is None


def test_an_optional_body_sent_as_it_is_may_be_left_out(shop, server):
    server.reply = (204, "text/plain", b"")
    c = client(shop, server)
    c.notes.post_note(body="remember the milk")  # an optional body is a keyword argument
    c.notes.post_note()
    sent, left_out = server.requests
    assert sent["body"] == b"remember the milk" and sent["headers"]["Content-Type"] == "text/plain"
    assert left_out["body"] == b"" and "Content-Type" not in left_out["headers"]


def test_a_discriminator_picks_the_union_member(shop):
    models = importlib.import_module("shop.models")
    pen = models.Pen.from_dict({"id": "p1", "occupant": {"kind": "dog", "good": True}})
    assert isinstance(pen.occupant, models.Dog) and pen.occupant.good is True
    assert pen.to_dict() == {"id": "p1", "occupant": {"kind": "dog", "good": True}}
    assert isinstance(models.Pen.from_dict({"occupant": {"kind": "cat"}}).occupant, models.Cat)


def test_an_unknown_discriminator_value_keeps_the_raw_object(shop, server):
    # A kind the SDK does not know (the API added "bird") is not read as Cat or Dog: the
    # object is kept as the dict it came as, and sent back as it was.
    models = importlib.import_module("shop.models")
    bird = {"kind": "bird", "lives": 1, "wings": 2}  # "lives" would make it fit Cat
    server.reply = (201, "application/json", json.dumps({"id": "p2", "occupant": bird}).encode())
    made = client(shop, server).pens.create_pen(models.Pen())
    assert made.occupant == bird and type(made.occupant) is dict
    assert made.to_dict() == {"id": "p2", "occupant": bird}
    assert models.Pen.from_dict({"occupant": {"kind": 7}}).occupant == {"kind": 7}
    assert models.Pen(occupant=bird).to_dict() == {"occupant": bird}  # the hint says so: Cat | Dog | dict[str, Any]
    assert models.Pen.__annotations__["occupant"] == "Cat | Dog | dict[str, Any] | Unset"
    readme = (Path(shop.__file__).parent.parent / "README.md").read_text()
    assert "is kept as the `dict` it came as, never read as another member" in readme


def test_read_only_fields_are_optional_and_never_sent_and_dates_are_parsed(shop, server):
    import datetime

    models = importlib.import_module("shop.models")
    pen = models.Pen(opened=datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC))  # no id: read-only
    server.reply = (
        201,
        "application/json",
        b'{"id": "p9", "opened": "2024-01-02T03:04:05Z", "inspected_on": "2024-02-29"}',
    )
    made = client(shop, server).pens.create_pen(pen.to_builder().build())
    assert json.loads(server.requests[0]["body"]) == {"opened": "2024-01-02T03:04:05+00:00"}
    assert made.id == "p9"
    assert made.opened == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    assert made.inspected_on == datetime.date(2024, 2, 29)
    assert made.to_dict()["inspected_on"] == "2024-02-29"
    sneaky = models.Pen(id="client-made")  # set anyway: still not sent
    client(shop, server).pens.create_pen(sneaky)
    assert json.loads(server.requests[1]["body"]) == {}


def test_without_a_discriminator_the_best_fitting_member_wins(shop):
    models = importlib.import_module("shop.models")
    assert models.Pen.from_dict({"size": 3}).size == 3
    dims = models.Pen.from_dict({"size": {"width": 1.5, "depth": 2}}).size
    assert isinstance(dims, models.Dimensions) and dims.width == 1.5
    assert models.Pen.from_dict({"size": {"depth": 2}}).size == {"depth": 2}  # fits no member: kept as is
    assert models.Pen.from_dict({"label": None}).label is None
    assert models.Pen.from_dict({"label": "x"}).label == "x"


def test_the_package_type_checks(shop, tmp_path):
    out = Path(shop.__file__).parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), "shop"],
        cwd=out,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_the_package_is_black_formatted_as_written(shop):
    """The templates write black's layout themselves (black is not run on them)."""
    out = Path(shop.__file__).parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--diff", "--quiet", "shop"], cwd=out, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]
