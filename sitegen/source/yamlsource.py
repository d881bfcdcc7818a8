"""Safe YAML loading that remembers where every key and value stood in the file."""
from __future__ import annotations

import re
from typing import Any

import yaml

from ..foundation.limits import ALIAS_BUDGET, MAX_DEPTH, MAX_DIGITS
from ..foundation.problems import Position, Problems

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.1 reads `NO` (Norway), `on` and `yes` as booleans and bare dates as date objects
# whose invalid values raise inside the parser. Editors get YAML 1.2's booleans and strings
# for dates, which the validator checks with a located message.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_ANCHOR = re.compile(r"&[^\s\[\]{},]")  # an alias needs an anchor; without one there is nothing to count
_OPENS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSES = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class YMap(dict):
    """A mapping with the position of itself, of each key and of each value."""

    pos: tuple[int, int] = (0, 0)
    key_pos: dict
    value_pos: dict


class YList(list):
    """A sequence with the position of itself and of each item."""

    pos: tuple[int, int] = (0, 0)
    item_pos: list


class _Refused(yaml.YAMLError):
    """A value the loader will not build, with what to tell the editor."""

    def __init__(self, mark: Any, message: str, hint: str) -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


class _Loader(_Base):
    yaml_implicit_resolvers = {
        first: [
            (tag, _BOOL if tag == "tag:yaml.org,2002:bool" else regexp)
            for tag, regexp in resolvers
            if tag != "tag:yaml.org,2002:timestamp"
        ]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str, position: Position, problems: Problems) -> None:
        super().__init__(stream)
        self.position = position
        self.problems = problems
        self.line_offset = 0
        self.depth = 0

    def _enter(self, node: yaml.Node) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(node.start_mark, message=f"lists and mappings are nested more than {MAX_DEPTH} levels deep here",
                           hint="fields need a few levels at most: check the indentation and the brackets")

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:  # type: ignore[override]
        digits = sum(character.isdigit() for character in node.value)
        if digits > MAX_DIGITS:
            raise _Refused(node.start_mark, message=f"the number has {digits:,} digits; a number may have at most "
                           f"{MAX_DIGITS}", hint="check the number; a typo may have added digits")
        return super().construct_yaml_int(node)

    def _where(self, mark: Any) -> tuple[int, int]:
        return (mark.line + 1 + self.line_offset, mark.column + 1)

    def construct_yaml_map(self, node: yaml.MappingNode):  # type: ignore[override]
        data = YMap()
        data.pos = self._where(node.start_mark)
        data.key_pos, data.value_pos = {}, {}
        yield data
        self._enter(node)
        try:
            self._construct_pairs(data, node)
        finally:
            self.depth -= 1

    def _construct_pairs(self, data: YMap, node: yaml.MappingNode) -> None:
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                key = str(key)
            where = self._where(key_node.start_mark)
            if key in data:
                line, column = where
                self.problems.error(
                    self.position.at(line, column), str(key),
                    f"appears twice in the same mapping (first on line {data.key_pos[key][0]})",
                    "remove one of the two; only the last one would count",
                )
            data[key] = self.construct_object(value_node, deep=True)
            data.key_pos[key] = where
            data.value_pos[key] = self._where(value_node.start_mark)

    def construct_yaml_seq(self, node: yaml.SequenceNode):  # type: ignore[override]
        data = YList()
        data.pos = self._where(node.start_mark)
        data.item_pos = [self._where(item.start_mark) for item in node.value]
        yield data
        self._enter(node)
        try:
            data.extend(self.construct_object(item, deep=True) for item in node.value)
        finally:
            self.depth -= 1


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def load_yaml(text: str, position: Position, problems: Problems, line_offset: int = 0) -> Any:
    """Parse one YAML document; a syntax error becomes a located problem and None."""
    if _refuses_aliases(text, position, problems, line_offset):
        return None
    loader = _Loader(text, position, problems)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except _Refused as exc:
        problems.error(position.at(*_line_column(exc.mark, line_offset)), "", exc.message, exc.hint)
    except yaml.constructor.ConstructorError as exc:
        line, column = _line_column(exc.problem_mark or exc.context_mark, line_offset)
        problems.error(position.at(line, column), "", _constructor_message(exc.problem), _constructor_hint(exc.problem))
    except yaml.MarkedYAMLError as exc:
        mark = _syntax_mark(exc, text)
        line, column = _line_column(mark, line_offset)
        problems.error(position.at(line, column), "", f"YAML syntax: {_syntax_message(exc, mark, line_offset)}",
                       _syntax_hint(text, line - line_offset, exc.context if mark is exc.context_mark else None))
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        problems.error(position.at(line + line_offset, column), "",
                       f"the file contains a control character (#x{exc.character:04x}) that YAML does not allow",
                       "delete it; such characters often come from copying out of a PDF or a word processor")
    except yaml.YAMLError as exc:
        problems.error(position.at(line_offset + 1, 1), "", f"YAML: {exc}")
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. '!!int abc' or '!!timestamp 2026-02-30'
        problems.error(position.at(line_offset + 1, 1), "", _unreadable_message(exc),
                       "remove the '!!' tag and write the value as plain text")
    finally:
        loader.dispose()
    return None


def _refuses_aliases(text: str, position: Position, problems: Problems, line_offset: int) -> bool:
    alias = _alias_over_budget(text) if "*" in text and _ANCHOR.search(text) else None
    if alias is None:
        return False
    mark, anchor, size = alias
    problems.error(position.at(*_line_column(mark, line_offset)), "",
                   f"aliases repeat more than {ALIAS_BUDGET:,} values in this file ('*{anchor}' here repeats {size:,})",
                   "write the values out; an alias is for reusing a small part a few times")
    return True


def _alias_over_budget(text: str) -> tuple[Any, str, int] | None:
    """(mark, anchor, values it repeats) of the alias that takes the file past the budget, else None."""
    sizes: dict[str, int] = {}  # values under each anchor, counting what aliases inside it repeat
    open_counts: list[list] = []  # [anchor, values so far] of each collection being read
    repeated = 0
    try:
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, _OPENS):
                open_counts.append([event.anchor, 1])
                continue
            if isinstance(event, yaml.AliasEvent):
                size = sizes.get(event.anchor, 1)  # an undefined alias is the composer's to report
                repeated += size
                if repeated > ALIAS_BUDGET:
                    return event.start_mark, event.anchor, size
            elif isinstance(event, _CLOSES):
                anchor, size = open_counts.pop()
                if anchor:
                    sizes[anchor] = size
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor:
                    sizes[event.anchor] = size
            else:
                continue
            if open_counts:
                open_counts[-1][1] += size
    except yaml.YAMLError:  # the real load reports it, with its position
        pass
    return None


def _line_column(mark: Any, line_offset: int) -> tuple[int, int]:
    return (mark.line + 1 + line_offset, mark.column + 1) if mark else (line_offset + 1, 1)


def _syntax_mark(exc: yaml.MarkedYAMLError, text: str) -> Any:
    """Where to point: at the problem, unless it is the end of the text and the unclosed start is known."""
    problem, context = exc.problem_mark, exc.context_mark
    if problem and context and not text[problem.index:].strip():
        return context
    return problem or context


def _syntax_message(exc: yaml.MarkedYAMLError, shown: Any, line_offset: int) -> str:
    """PyYAML's problem, with the construct it was reading when that is not where the problem is shown."""
    if exc.problem == "but found another document":
        return "a second YAML document starts here; a file holds one (remove this '---' and what follows)"
    message = exc.problem or exc.context or "cannot be parsed"
    context = exc.context_mark
    if exc.problem and exc.context and context:
        if shown is context:
            message += f" ({exc.context} that starts here)"
        elif context.line != shown.line:
            message += f" ({exc.context} on line {context.line + 1 + line_offset}, column {context.column + 1})"
    return message


def _syntax_hint(text: str, line: int, unclosed: str | None) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return "indent with spaces: YAML does not allow tabs"
    if unclosed and "quoted" in unclosed:
        return "close the quote that opens here"
    if unclosed and "flow" in unclosed:
        return "close the bracket that opens here"
    return "check indentation, colons, brackets and quotes on this line and the ones above"


def _constructor_message(problem: str | None) -> str:
    """What PyYAML could not construct, from its wording: a tag that is not allowed, an alias inside itself."""
    if "recursive" in (problem or ""):
        return "an alias stands for the list or mapping it is inside"
    match = re.search(r"constructor for the tag '([^']*)'", problem or "")
    if not match:
        return _unreadable_message(problem)
    return f"the YAML tag '{match.group(1).replace('tag:yaml.org,2002:', '!!')}' is not allowed"


def _unreadable_message(detail: object) -> str:
    return f"YAML value cannot be read: {detail}"


def _constructor_hint(problem: str | None) -> str:
    if "recursive" in (problem or ""):
        return "write the values out; an alias can only repeat something that ends before it"
    return "remove the tag; write plain text, numbers, true/false, lists and mappings"
