"""Safe YAML loading that remembers where every key and value stood in the file."""
from __future__ import annotations

import re
from typing import Any

import yaml

from .problems import Position, Problems

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.1 reads `NO` (Norway), `on` and `yes` as booleans and bare dates as date objects
# whose invalid values raise inside the parser. Editors get YAML 1.2's booleans and strings
# for dates, which the validator checks with a located message.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class YMap(dict):
    """A mapping with the position of itself, of each key and of each value."""

    pos: tuple[int, int] = (0, 0)
    key_pos: dict
    value_pos: dict


class YList(list):
    """A sequence with the position of itself and of each item."""

    pos: tuple[int, int] = (0, 0)
    item_pos: list


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

    def _where(self, mark: Any) -> tuple[int, int]:
        return (mark.line + 1 + self.line_offset, mark.column + 1)

    def construct_yaml_map(self, node: yaml.MappingNode):  # type: ignore[override]
        data = YMap()
        data.pos = self._where(node.start_mark)
        data.key_pos, data.value_pos = {}, {}
        yield data
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                key = str(key)
            where = self._where(key_node.start_mark)
            if key in data:
                line, column = where
                self.problems.error(
                    self.position.at(line, column), str(key),
                    "key appears twice in the same mapping", "remove one of the two",
                )
            data[key] = self.construct_object(value_node, deep=True)
            data.key_pos[key] = where
            data.value_pos[key] = self._where(value_node.start_mark)

    def construct_yaml_seq(self, node: yaml.SequenceNode):  # type: ignore[override]
        data = YList()
        data.pos = self._where(node.start_mark)
        data.item_pos = [self._where(item.start_mark) for item in node.value]
        yield data
        data.extend(self.construct_object(item, deep=True) for item in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)


def load_yaml(text: str, position: Position, problems: Problems, line_offset: int = 0) -> Any:
    """Parse one YAML document; a syntax error becomes a located problem and None."""
    loader = _Loader(text, position, problems)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        message = f"YAML syntax: {exc.problem or exc.context}"
        problems.error(position.at(line, column), "", message,
                       "check indentation, colons and quotes on this line and the one above")
    except yaml.YAMLError as exc:
        problems.error(position.at(line_offset + 1, 1), "", f"YAML: {exc}")
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. an unconstructible tagged value
        problems.error(position.at(line_offset + 1, 1), "", f"YAML value cannot be read: {exc}")
    finally:
        loader.dispose()
    return None
