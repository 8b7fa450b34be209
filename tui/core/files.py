"""Reading one seed file into a plain document: bytes → text → TOML or JSON.

Every way a file can be unreadable becomes a ``Problem``; nothing here raises. A UTF-8
byte-order mark and CRLF line endings are accepted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, NamedTuple

from tui.core.problems import Problem

SEED_SUFFIXES = (".toml", ".json")
SCHEMA_SUFFIX = ".schema.json"
"""A JSON Schema beside the stories (``deepseek-tui new`` writes one), not a story."""
MAX_FILE_BYTES = 64 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class Document(NamedTuple):
    """A parsed file: its path, its text (for line lookups) and its data."""

    path: Path
    text: str
    data: dict[str, Any]


def read_document(path: Path) -> Document | Problem:
    """Read, decode and parse ``path``; a ``Problem`` says why it could not be."""
    raw = read_bytes(path)
    return raw if isinstance(raw, Problem) else parse_document(path, raw)


def read_bytes(path: Path) -> bytes | Problem:
    """The file's bytes, or why they cannot be had (unreadable, too large)."""
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError as error:
        return Problem(path, f"cannot read the file: {error.strerror or error}")
    if raw is None:
        return Problem(path, f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    return raw


def parse_document(path: Path, raw: bytes) -> Document | Problem:
    """Decode and parse a seed file's bytes (TOML, or JSON by suffix)."""
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        return Problem(path, "file is empty")
    bom = len(_BOM) if raw.startswith(_BOM) else 0
    body = raw[bom:]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        line = body.count(b"\n", 0, error.start) + 1
        line_start = body.rfind(b"\n", 0, error.start) + 1
        # The column in characters, like every other: the line's text up to the bad byte.
        column = len(body[line_start:error.start].decode("utf-8", "replace")) + 1
        return Problem(
            path,
            f"not UTF-8 text: byte 0x{body[error.start]:02x} at offset {error.start + bom}",
            line=line,
            column=column,
        )
    if path.suffix.lower() == ".json":
        return _parse_json(path, text)
    return parse_toml(path, text)


def parse_toml(path: Path, text: str) -> Document | Problem:
    """Parse with ``rtoml`` (compiled), and with ``tomllib`` whenever ``rtoml`` refuses.

    ``rtoml`` parsed a seed in 3.0 ms where ``tomllib`` took 17.3 (the bundled story,
    87 KB, 2026-12-04): over half of a cold load of a folder of stories. It gives the
    same data on every seed and fixture (``tests/core/test_toml_parsers.py``). Its
    error messages differ, and the standard library is the reference for what TOML
    is: a file ``rtoml`` rejects goes to ``tomllib``, which accepts it (the same
    data as ever) or says where it is wrong, in the words the project's messages use.
    """
    try:
        import rtoml  # here, not at the top: a launch that finds its story cached needs none
    except ImportError:  # pragma: no cover - a dependency; tomllib is the reference anyway
        pass
    else:
        try:
            # tomllib reads a CRLF inside a multi-line string as one newline; rtoml
            # keeps the CR, so the line ends are made plain first.
            return Document(path, text, rtoml.loads(text.replace("\r\n", "\n")))
        except BaseException as refusal:  # a Rust panic is a BaseException, not an Exception
            if isinstance(refusal, KeyboardInterrupt | SystemExit):
                raise
            # any refusal: tomllib has the final word
    return parse_toml_reference(path, text)


def parse_toml_reference(path: Path, text: str) -> Document | Problem:
    import tomllib  # here, not at the top: a launch that finds its story cached needs none

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        line = int(match.group(1)) if match else None
        column = int(match.group(2)) if match else None
        message = _TOML_POSITION.sub("", message).strip()
        return Problem(path, f"invalid TOML: {message}", line=line, column=column)
    except (RecursionError, ValueError) as error:  # pathological nesting
        return Problem(path, f"invalid TOML: {type(error).__name__}")
    return Document(path, text, data)


def _parse_json(path: Path, text: str) -> Document | Problem:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return Problem(path, f"invalid JSON: {error.msg}", line=error.lineno, column=error.colno)
    except (RecursionError, ValueError) as error:
        return Problem(path, f"invalid JSON: {type(error).__name__}")
    if not isinstance(data, dict):
        return Problem(path, f"expected a JSON object at the top, found {type(data).__name__}")
    return Document(path, text, data)
