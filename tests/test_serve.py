"""`build.py serve` for real: a subprocess on a free loopback port that rebuilds on change."""
from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request

import pytest

from conftest import MINIMAL_SITE, REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return None


@pytest.fixture
def server(make_site):
    root = make_site()
    port = free_port()
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port),
                                "--today", "2026-11-24"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    yield root, f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=10)


def test_serve_rebuilds_on_change_and_survives_a_broken_edit(server):
    root, base = server
    page = f"{base}en/programs/summer/"
    assert "Summer school" in wait_for(lambda: fetch(page))
    program = root / "programs/summer.yaml"
    program.write_text(program.read_text(encoding="utf-8").replace("Summer school", "Winter school"), encoding="utf-8")
    assert wait_for(lambda: "Winter school" in (fetch(page) or ""))
    program.write_text("title: [broken\n", encoding="utf-8")
    time.sleep(1.5)
    assert "Winter school" in (fetch(page) or "")  # the last good site is still served
    program.write_text(textwrap.dedent(MINIMAL_SITE["programs/summer.yaml"]).replace("Summer school", "Autumn school"),
                       encoding="utf-8")
    assert wait_for(lambda: "Autumn school" in (fetch(page) or ""))


def test_serve_listens_only_on_loopback_by_default(server):
    _, base = server
    assert wait_for(lambda: fetch(base))
    outward = [address for *_, (address, *_) in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
               if not address.startswith("127.")]
    for address in outward:
        assert fetch(base.replace("127.0.0.1", address)) is None
