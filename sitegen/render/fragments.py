"""`{% cached key, ... %}…{% endcached %}`: a part of a page rendered once per key and reused (Hugo's partialCached).

Most of a page's HTML is the same on every page of its language (the header, the footer, the UI messages) or on
every page with the same few values (the menu with its current section marked). A theme marks such a part with
`cached` and the values it depends on; the renderer of a language keeps what each part rendered to for each key
and hands it to every later page that asks with the same key. The block's place (template and line) is part of
the key, so two blocks never share an entry, and each renderer has its own store (one per language, per build).
"""
from __future__ import annotations

from typing import Any, Callable

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup


class Fragments:
    """What the `cached` blocks of one renderer rendered, by block and key."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[Any, ...], Markup] = {}

    def get(self, key: tuple[Any, ...], render: Callable[[], str]) -> Markup:
        found = self.rendered.get(key)
        if found is None:
            found = self.rendered[key] = Markup(render())
        return found


class CachedFragments(Extension):
    """The `cached` tag; the environment's `fragments` (set by the renderer) keeps what it rendered."""

    tags = frozenset({"cached"})

    def __init__(self, environment: Any) -> None:
        super().__init__(environment)
        environment.extend(fragments=Fragments())

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        keys: list[nodes.Expr] = []
        while parser.stream.current.type != "block_end":
            if keys:
                parser.stream.expect("comma")
            keys.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcached",), drop_needle=True)
        # The block's place: its template and which of the template's `cached` blocks it is (the parser reads
        # one template, so the count lives on it). A template made from a string has no name: never reused.
        index = parser.cached_blocks = getattr(parser, "cached_blocks", 0) + 1  # type: ignore[attr-defined]
        place = nodes.Const(None if parser.name is None else (parser.name, index))
        call = self.call_method("_fragment", [place, nodes.Tuple(keys, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, place: tuple[str, int] | None, keys: tuple[Any, ...], caller: Callable[[], str]) -> Markup:
        if place is None:
            return Markup(caller())
        # Each key with its type: 1 and True, or a text and the same text as markup, render differently.
        key = (place, *((type(value), value) for value in keys))
        fragments: Fragments = self.environment.fragments  # type: ignore[attr-defined]
        return fragments.get(key, caller)
