"""Load one YAML file into a catalog model, with every problem located at `file:line:col`.

YAML is parsed once into a node tree (which carries positions) and the Python data built
from it; pydantic's error `loc` is then walked down the node tree to the offending key or
value, so a user sees exactly where to look.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)

MAX_FILE_BYTES = 2_000_000

try:  # the C loader is ~10x faster; fall back to pure Python where it is missing
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, located as precisely as the YAML allows."""

    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.field}: {self.message}"

    @property
    def short(self) -> str:
        """`PATH:LINE: field: message`, for one-line warnings."""
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass
class Loaded(Generic[T]):
    """A parsed document: its model (when valid), its raw data and node tree, its problems."""

    path: str
    model: T | None
    data: Any
    root: yaml.Node | None
    problems: list[Problem]

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the node at `loc` (the key itself when `key`)."""
        return locate(self.root, loc, key=key)


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.tag == "tag:yaml.org,2002:merge":  # follow `<<: *anchor`
                merged = v.value if isinstance(v, yaml.SequenceNode) else [v]
                for m in merged:
                    if (hit := _child(m, part)) is not None:
                        return hit
            elif isinstance(k, yaml.ScalarNode) and k.value == str(part):
                return k, v
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part], node.value[part]
    return None


def locate(root: yaml.Node | None, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """Walk `loc` down the node tree; return 1-based (line, col) of the deepest node found."""
    if root is None:
        return 1, 1
    node = root
    for i, part in enumerate(loc):
        hit = _child(node, part)
        if hit is None:
            continue  # e.g. a union tag or dict-key marker that is not in the YAML
        k, v = hit
        node = k if (key and i == len(loc) - 1) else v
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _duplicate_keys(node: yaml.Node | None, path: tuple[str | int, ...] = ()) -> list[tuple]:
    """Keys given twice in one mapping (YAML would silently keep the last)."""
    found: list[tuple] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                if k.value in seen:
                    found.append((path + (k.value,), k.start_mark))
                seen.add(k.value)
                found += _duplicate_keys(v, path + (k.value,))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found += _duplicate_keys(item, path + (i,))
    return found


def _field_name(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(document)"


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside list[...], Annotated[...], X | None, or the model itself."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        if (found := _inner_model(arg)) is not None:
            return found
    return None


def _model_at(model: type[BaseModel], parts: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `parts` (list indexes skipped)."""
    current: type[BaseModel] | None = model
    for part in parts:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _inner_model(field.annotation) if field is not None else None
    return current


def _message(err: dict[str, Any], model: type[BaseModel]) -> str:
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        loc = tuple(err["loc"])
        owner = _model_at(model, loc[:-1])
        known = list(owner.model_fields) if owner is not None else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        if close:
            return f"unknown key (did you mean {close[0]!r}?)"
        return "unknown key (not allowed here; check the spelling)"
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "literal_error":
        choices = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        close = difflib.get_close_matches(str(err.get("input")), choices, n=1, cutoff=0.6)
        if close:
            return f"{msg} (did you mean {close[0]!r}?)"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if err["type"] == "string_type" and isinstance(err.get("input"), bool | int | float):
        # YAML 1.1 reads 429, 100:1, yes/no and on/off as numbers or booleans.
        kind = "boolean" if isinstance(err["input"], bool) else "number"
        msg += f" (YAML read {err['input']!r} as a {kind}; put it in quotes)"
    return msg


# Aliases (`*name`) are expanded by everything that walks the data, so a few lines can stand
# for billions of values (an "alias bomb"); an anchor used inside itself never ends.
MAX_ALIASES = 200  # a hand-written file uses a handful
MAX_EXPANDED_NODES = 100_000  # values once every alias is expanded (a built-in scenario: ~1,000)
MAX_DEPTH = 64  # nesting levels
_ALIAS_HINT = re.compile(r"\*[^\s,\[\]{}]")  # most files have no alias: skip the scan
_SCAN_ANYWAY_BYTES = 100_000  # ... unless they are big (deep nesting needs size)


def alias_problem(text: str, path: str) -> Problem | None:
    """A located problem when aliases are too many, expand too far, or an anchor is recursive.

    One pass over the parse events (C speed), before anything builds the node tree or data;
    counts what each anchor would expand to, so the work is linear in the file's size.
    """
    if len(text) < _SCAN_ANYWAY_BYTES and not _ALIAS_HINT.search(text):
        return None
    sizes: dict[str, int] = {}  # anchor -> values it stands for
    stack: list[list[Any]] = []  # open collections: [anchor, values so far]
    total = aliases = 0

    def problem(event: yaml.Event, message: str) -> Problem:
        mark = event.start_mark
        return Problem(path, mark.line + 1, mark.column + 1, "yaml", message)

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([event.anchor, 1])
                total += 1
                if len(stack) > MAX_DEPTH:
                    return problem(event, f"nested more than {MAX_DEPTH} levels deep")
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = stack.pop()
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if any(frame[0] == event.anchor for frame in stack):
                    name = event.anchor
                    return problem(event, f"alias *{name} is used inside its own anchor &{name} (recursive)")
                if aliases > MAX_ALIASES:
                    return problem(event, f"more than {MAX_ALIASES} aliases (*name); write the values out")
                anchor, size = None, sizes.get(event.anchor or "", 1)
                total += size
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, 1
                total += 1
            else:
                continue
            if total > MAX_EXPANDED_NODES:
                return problem(
                    event, f"aliases expand to more than {MAX_EXPANDED_NODES:,} values (an alias bomb?)"
                )
            if anchor:
                sizes[anchor] = size
            if stack:
                stack[-1][1] += size
    except yaml.YAMLError:
        return None  # the real parse reports it, located
    return None


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _expects_text(annotation: Any) -> bool:
    """Whether a field takes free text (str, constrained str, or an optional one)."""
    annotation = _unwrap(annotation)
    if annotation is str:
        return True
    origin = get_origin(annotation)
    if origin is Union or type(annotation).__name__ == "UnionType":
        return any(_expects_text(a) for a in get_args(annotation) if a is not type(None))
    return False


def _expects_text_list(annotation: Any) -> bool:
    annotation = _unwrap(annotation)
    return get_origin(annotation) is list and _expects_text(get_args(annotation)[0])


def _as_written(value: Any, node: yaml.Node | None) -> Any:
    """A number or boolean YAML guessed where text was meant, as the author wrote it (429, yes, 100:1)."""
    if isinstance(value, bool | int | float) and isinstance(node, yaml.ScalarNode):
        return node.value
    return value


def texts_as_written(data: Any, node: yaml.Node | None, model: type[BaseModel] | None) -> Any:
    """Read numbers and booleans as text wherever the model expects text.

    YAML 1.1 turns `phrases: [429, retry-after]` into a number and `yes` into a boolean; an
    author writing a phrase means the characters they typed, so those are kept as written.
    """
    if model is None or not isinstance(data, dict):
        return data
    for key, value in list(data.items()):
        field = model.model_fields.get(str(key))
        hit = _child(node, key) if node is not None else None
        if field is None or hit is None:
            continue
        value_node = hit[1]
        if _expects_text(field.annotation):
            data[key] = _as_written(value, value_node)
        elif _expects_text_list(field.annotation) and isinstance(value, list):
            if isinstance(value_node, yaml.SequenceNode) and len(value_node.value) == len(value):
                data[key] = [_as_written(v, n) for v, n in zip(value, value_node.value, strict=True)]
        else:
            inner = _inner_model(field.annotation)
            if inner is None:
                continue
            if isinstance(value, list) and isinstance(value_node, yaml.SequenceNode):
                for item, item_node in zip(value, value_node.value, strict=False):
                    texts_as_written(item, item_node, inner)
            else:
                texts_as_written(value, value_node, inner)
    return data


def parse_yaml(text: str, path: str) -> tuple[Any, yaml.Node | None, list[Problem]]:
    """Parse YAML text into (data, node tree, problems)."""
    if (bomb := alias_problem(text, path)) is not None:
        return None, None, [bomb]
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        # Before construction: building the data flattens `<<` merges into the node tree,
        # which would make merged keys look like duplicates.
        duplicates = _duplicate_keys(root)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        return None, None, [Problem(path, line, col, "yaml", problem)]
    except yaml.YAMLError as exc:
        return None, None, [Problem(path, 1, 1, "yaml", str(exc).splitlines()[0])]
    finally:
        loader.dispose()
    problems = [
        Problem(path, m.line + 1, m.column + 1, _field_name(loc), "key appears more than once")
        for loc, m in duplicates
    ]
    return data, root, problems


def load_text(text: str, model: type[T], path: str = "<string>") -> Loaded[T]:
    """Validate YAML text against `model`, collecting located problems instead of raising."""
    data, root, problems = parse_yaml(text, path)
    if problems and root is None:
        return Loaded(path, None, None, None, problems)
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        problems.append(Problem(path, 1, 1, "(document)", f"expected a mapping of fields, got {kind}"))
        return Loaded(path, None, data, root, problems)
    data = texts_as_written(data, root, model)
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            line, col = locate(root, loc, key=err["type"] == "extra_forbidden")
            problems.append(Problem(path, line, col, _field_name(loc), _message(err, model)))
        return Loaded(path, None, data, root, problems)
    return Loaded(path, obj if not problems else None, data, root, problems)


def load_file(path: Path, model: type[T]) -> Loaded[T]:
    """Read and validate one YAML file; unreadable files become problems too."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Loaded(
                shown,
                None,
                None,
                None,
                [Problem(shown, 1, 1, "(file)", f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")],
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return Loaded(
            shown,
            None,
            None,
            None,
            [Problem(shown, 1, 1, "(file)", f"not UTF-8 text ({exc.reason} at byte {exc.start})")],
        )
    except OSError as exc:
        return Loaded(shown, None, None, None, [Problem(shown, 1, 1, "(file)", exc.strerror or str(exc))])
    try:
        return load_text(text, model, shown)
    except (RecursionError, MemoryError, ValueError, TypeError) as exc:  # a bad file never stops the app
        problem = Problem(shown, 1, 1, "(file)", f"cannot be read ({type(exc).__name__}: {exc})")
        return Loaded(shown, None, None, None, [problem])
