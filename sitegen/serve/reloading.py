"""Live reload for served pages: livereload's browser script, and the WebSocket that tells it to reload."""
from __future__ import annotations

import json
from pathlib import Path

import livereload
from tornado import web, websocket

LIVERELOAD_JS = Path(livereload.__file__).parent / "vendors" / "livereload.js"
PROTOCOL = "http://livereload.com/protocols/official-7"


class ReloadSocket(websocket.WebSocketHandler):
    """The LiveReload protocol (livereload.js in the page connects here): hello, then reload commands."""

    clients: set["ReloadSocket"] = set()

    def on_message(self, message: str | bytes) -> None:
        try:
            command = json.loads(message).get("command")
        except (ValueError, AttributeError):
            return
        if command == "hello":
            self.write_message({"command": "hello", "protocols": [PROTOCOL], "serverName": "sitegen"})
            ReloadSocket.clients.add(self)

    def on_close(self) -> None:
        ReloadSocket.clients.discard(self)

    @classmethod
    def broadcast(cls, path: str) -> None:
        for client in list(cls.clients):
            try:
                client.write_message({"command": "reload", "path": path, "liveCSS": True, "liveImg": True})
            except websocket.WebSocketClosedError:
                cls.clients.discard(client)


class ScriptHandler(web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.write(LIVERELOAD_JS.read_bytes())


RELOAD_ROUTES = [(r"/livereload", ReloadSocket), (r"/livereload\.js", ScriptHandler)]


def script_tag(port: int) -> str:
    """What each served HTML page gets, so that it reloads when the site changes."""
    return f'<script src="/livereload.js?port={port}"></script>\n'
