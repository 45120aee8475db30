"""YAML text to plain data, remembering the line of every field.

``yaml.safe_load`` forgets where a value came from, so the text is composed
into nodes (``yaml.compose``) and walked here: each mapping key and list
element gets its 1-based line, recorded under its field path, so a problem
found later can point the author at the right line.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from questionnaires.problems import FieldPath, ProblemLog

_MERGE_TAG = "tag:yaml.org,2002:merge"

_SYNTAX_HINTS = {
    # The two mistakes authors make most, in the words PyYAML reports them.
    "mapping values are not allowed here": " (a text containing ': ' needs quotes)",
    "sequence entries are not allowed here": ' (an item key is written key: "-" with quotes)',
}


def compose(text: str, log: ProblemLog) -> Any:
    """The plain data in ``text``; fills ``log.lines`` and reports problems.

    YAML syntax errors and duplicate keys are reported in ``log``; the
    returned value is ``None`` when the text could not be parsed at all.
    """
    lines: dict[FieldPath, int] = {}
    log.lines = lines
    try:
        root = _compose_safely(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        lines[("(yaml)",)] = mark.line + 1 if mark else 1
        problem = error.problem or error.context
        log.report(("(yaml)",), f"not valid YAML: {problem}{_SYNTAX_HINTS.get(problem, '')}")
        return None
    except yaml.YAMLError as error:  # e.g. a reader error for a control character
        log.report(("(yaml)",), f"not valid YAML: {error}")
        return None
    if root is None:
        log.report((), "the file is empty")
        return None
    lines[()] = root.start_mark.line + 1
    return _Walker(log, lines).value(root, ())


def _compose_safely(text: str) -> Node | None:
    """Nodes of ``text`` by a safe loader: no tag can run Python code.

    libyaml is about ten times faster; on a syntax error the pure-Python
    loader runs again so that messages (and the hints for them) do not depend
    on which one is installed.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


class _Walker:
    def __init__(self, log: ProblemLog, lines: dict[FieldPath, int]) -> None:
        self.log = log
        self.lines = lines
        self.constructor = SafeConstructor()

    def value(self, node: Node, path: FieldPath) -> Any:
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            result = []
            for index, element in enumerate(node.value):
                self.lines[(*path, index)] = element.start_mark.line + 1
                result.append(self.value(element, (*path, index)))
            return result
        return self.scalar(node, path)

    def mapping(self, node: MappingNode, path: FieldPath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
                # "<<" merge keys hide where a field came from; keep files literal.
                self.lines[(*path, "<<")] = key_line
                self.log.report((*path, "<<"), "merge keys (<<) are not supported")
                continue
            if not isinstance(key_node, ScalarNode):
                self.lines[(*path, "?")] = key_line
                self.log.report((*path, "?"), "a key must be a plain word or number")
                continue
            key = self.scalar(key_node, path)
            if not isinstance(key, str | int) or isinstance(key, bool):
                key = str(key_node.value)
            child = (*path, key)
            if key in result:
                first = self.lines.get(child)
                self.lines[child] = key_line
                self.log.report(child, f"duplicate key '{key}' (first on line {first})")
                continue
            self.lines[child] = key_line
            result[key] = self.value(value_node, child)
        return result

    def scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except ConstructorError as error:
            self.log.report(path, f"cannot read value: {error.problem}")
            return None
