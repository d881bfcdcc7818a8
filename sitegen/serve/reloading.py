"""Live reload for served pages: livereload's browser script, and the WebSocket that tells it to reload."""
from __future__ import annotations

import json
from pathlib import Path

import livereload
from tornado import web, websocket

LIVERELOAD_JS = Path(livereload.__file__).parent / "vendors" / "livereload.js"
PROTOCOL = "http://livereload.com/protocols/official-7"


class Browsers:
    """The pages of one server connected for live reload."""

    def __init__(self) -> None:
        self.sockets: set[ReloadSocket] = set()

    def reload(self, path: str) -> None:
        for socket in list(self.sockets):
            try:
                socket.write_message({"command": "reload", "path": path, "liveCSS": True, "liveImg": True})
            except websocket.WebSocketClosedError:
                self.sockets.discard(socket)


class ReloadSocket(websocket.WebSocketHandler):
    """The LiveReload protocol (livereload.js in the page connects here): hello, then reload commands."""

    def initialize(self, browsers: Browsers) -> None:
        self.browsers = browsers

    def on_message(self, message: str | bytes) -> None:
        try:
            command = json.loads(message).get("command")
        except (ValueError, AttributeError):
            return
        if command == "hello":
            self.write_message({"command": "hello", "protocols": [PROTOCOL], "serverName": "sitegen"})
            self.browsers.sockets.add(self)

    def on_close(self) -> None:
        self.browsers.sockets.discard(self)


class ScriptHandler(web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.write(LIVERELOAD_JS.read_bytes())


def reload_routes(browsers: Browsers) -> list[tuple]:
    return [(r"/livereload", ReloadSocket, {"browsers": browsers}), (r"/livereload\.js", ScriptHandler)]


def script_tag(port: int) -> str:
    """What each served HTML page gets, so that it reloads when the site changes."""
    return f'<script src="/livereload.js?port={port}"></script>\n'
