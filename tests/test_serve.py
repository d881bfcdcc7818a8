"""`build.py serve` for real: a subprocess on a copy of the sample site, driven over HTTP while files change."""
from __future__ import annotations

import contextlib
import http.client
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from conftest import REPO

PROGRAM = "programs/usst-technological-entrepreneurship.yaml"
PAGE = "en/programs/usst-technological-entrepreneurship/"
OVERLAY = 'id="sitegen-overlay"'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition, seconds: float = 30.0):
    """Poll until `condition()` is truthy; returns its value, or None after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    return None


class Served:
    def __init__(self, root: Path, process: subprocess.Popen, base: str, log: Path) -> None:
        self.root, self.process, self.base, self.log = root, process, base, log

    def page(self, path: str = PAGE) -> str:
        return fetch(self.base + path) or ""

    def edit(self, path: str, text: str) -> None:
        (self.root / path).write_text(text, encoding="utf-8")

    def output(self) -> str:
        """Stop the server (as a service manager would) and return what it printed."""
        self.process.terminate()
        self.process.wait(timeout=10)
        output = self.log.read_text(encoding="utf-8")
        assert self.process.returncode == 0, output
        return output


@contextlib.contextmanager
def serving(root: Path) -> Iterator[Served]:
    """The sample content (the repository's theme and UI catalogs are the defaults) served on a free port."""
    for name in ("programs", "partners", "content"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    port = free_port()
    log = root.parent / "serve.log"  # a file, not a pipe: a pipe nobody reads would block the server when full
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(root),
                                    "--port", str(port), "--today", "2026-11-24"], stdout=output, stderr=subprocess.STDOUT)
    site = Served(root, process, f"http://127.0.0.1:{port}/", log)
    try:
        assert wait_for(lambda: "Technological Entrepreneurship" in site.page()), "the first build was not served"
        yield site
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def served(tmp_path):
    with serving(tmp_path / "site") as site:
        yield site


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One server for the tests that leave the content valid."""
    with serving(tmp_path_factory.mktemp("serve") / "site") as site:
        yield site


def test_serve_rebuilds_on_change_shows_problems_in_the_page_and_recovers(served):
    original = (served.root / PROGRAM).read_text(encoding="utf-8")
    served.edit(PROGRAM, original.replace("Technological Entrepreneurship:", "Tech Entrepreneurship:"))
    assert wait_for(lambda: "Tech Entrepreneurship:" in served.page())
    assert OVERLAY not in served.page()
    assert '<script src="/livereload.js' in served.page()

    served.edit(PROGRAM, original.replace("title:", "title: [oops", 1))  # invalid YAML
    shown = wait_for(lambda: (page := served.page()) and OVERLAY in page and page)
    assert shown and re.search(rf"{re.escape(PROGRAM)}:\d+:\d+", shown), shown[-3000:]
    assert "Tech Entrepreneurship:" in shown  # the last good page stays under the overlay
    assert "Не удалось пересобрать сайт" in served.page("ru/")

    served.edit(PROGRAM, original.replace("status: in-preparation", "status: preparing"))  # an invalid value
    line = next(i for i, text in enumerate(original.splitlines(), 1) if text.startswith("status:"))
    shown = wait_for(lambda: f"{PROGRAM}:{line}:" in served.page() and served.page())
    assert shown and "preparing" in shown
    assert served.process.poll() is None

    served.edit(PROGRAM, original)
    assert wait_for(lambda: OVERLAY not in (page := served.page()) and "Technological Entrepreneurship:" in page)
    log = served.output()
    assert "Traceback" not in log
    rebuilt = re.findall(r"Rebuilt \(content change\): \d+ of \d+ pages rendered in \d+\.\d+ s", log)
    assert len(rebuilt) == 2, log  # one per good edit: what the build writes itself (translations/) starts none
    assert f"{PROGRAM}:{line}:" in log  # the terminal shows the problems too


def test_serve_speaks_livereload_and_answers_missing_pages_with_the_sites_404(shared):
    assert "LiveReload" in (fetch(shared.base + "livereload.js") or "")
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(shared.base + "zh/no-such-page/", timeout=5)
    assert missing.value.code == 404 and 'lang="zh-Hans"' in missing.value.read().decode("utf-8")
    with pytest.raises(urllib.error.HTTPError) as outside:
        urllib.request.urlopen(shared.base + "..%2f..%2fsite.yaml", timeout=5)
    assert outside.value.code == 404


def test_serve_brings_the_editors_schemas_up_to_date_when_it_starts(shared):
    program = json.loads((shared.root / ".sitegen/schemas/program.json").read_text(encoding="utf-8"))
    assert "usst" in program["properties"]["partners"]["items"]["enum"]


def test_serve_listens_only_on_loopback_by_default(shared):
    outward = [address for *_, (address, *_) in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
               if not address.startswith("127.")]
    for address in outward:
        assert fetch(shared.base.replace("127.0.0.1", address)) is None


def test_livereload_clients_are_told_to_reload_when_a_file_changes(shared):
    websocket = pytest.importorskip("tornado.websocket")
    from tornado.ioloop import IOLoop

    async def listen() -> dict:
        connection = await websocket.websocket_connect(shared.base.replace("http", "ws") + "livereload")
        await connection.write_message(json.dumps({"command": "hello", "protocols": [
            "http://livereload.com/protocols/official-7"]}))
        hello = json.loads(await connection.read_message())
        assert hello["command"] == "hello"
        text = (shared.root / "content/pages/about.en.md").read_text(encoding="utf-8")
        shared.edit("content/pages/about.en.md", text + "\nOne more line.\n")
        return json.loads(await connection.read_message())

    message = IOLoop.current().run_sync(listen, timeout=30)
    assert message["command"] == "reload"


def status_of(base: str, path: str) -> int:
    """The status for a path sent exactly as written (urllib would normalise it)."""
    host, port = base.split("//")[1].strip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.parametrize("path, status", [
    ("/" + "a" * 300, 404),  # longer than a file name may be
    ("/en/" + "a" * 300 + "/", 404),
    ("/" + "/".join(["abcdefgh"] * 600), 404),  # longer than a path may be
    ("/%00", 404), ("/en/%00/", 404), ("/index.html%00", 404),
    ("/en/../site.yaml", 404), ("/en/%2e%2e/%2e%2e/site.yaml", 404),
    ("/en/index.html/x", 404), ("/robots.txt/", 404),
    ("/%zz", 404), ("/%e0%a4", 400),  # not percent-encoding; not UTF-8
])
def test_serve_answers_odd_paths_without_a_server_error(shared, path, status):
    before = len(shared.log.read_text(encoding="utf-8"))
    assert status_of(shared.base, path) == status
    logged = shared.log.read_text(encoding="utf-8")[before:]
    assert "HTTP 5" not in logged and "Traceback" not in logged
