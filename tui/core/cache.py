"""An on-disk cache of checked stories, so unchanged seeds skip TOML and pydantic.

The cache is data, never code: JSON written by ``tui.core.codec.to_jsonable`` and read
back by ``story_from_jsonable``, which rebuilds only the model's own types. An entry is
keyed by a hash of the seed file's bytes and the tool's version, so any edit to the
seed (or an upgrade) misses the cache; an entry that does not parse is ignored and
rewritten. It lives in the platform cache folder (``DEEPSEEK_TUI_CACHE_DIR`` overrides
it), and a cache that cannot be written only costs speed.
"""

from __future__ import annotations

import contextlib
import json
import os
from hashlib import blake2b
from pathlib import Path
from typing import Any

from tui.core.codec import story_from_jsonable, to_jsonable
from tui.core.model import StoryData
from tui.core.version import __version__

ENV_CACHE_DIR = "DEEPSEEK_TUI_CACHE_DIR"
CACHE_FORMAT = 4  # 2: a run is made of stages; 3: a source has a kind, not a primary flag;
# 4: a source may name an archived snapshot


def cache_dir() -> Path:
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("deepseek-tui", appauthor=False)


def key_of(raw: bytes) -> str:
    """The cache key of a seed file's bytes (with the versions that shape the entry)."""
    digest = blake2b(raw, digest_size=20)
    digest.update(f"|{__version__}|{CACHE_FORMAT}".encode())
    return digest.hexdigest()


def _entry(key: str) -> Path:
    return cache_dir() / f"story-{key}.json"


def has(key: str) -> bool:
    """Whether an entry for ``key`` is there (it may still fail to read: ``get`` says)."""
    try:
        return _entry(key).is_file()
    except OSError:
        return False


def get(key: str) -> StoryData | None:
    """The cached story for ``key``, or ``None`` (missing, unreadable or malformed)."""
    data = _read(key)
    try:
        return None if data is None else story_from_jsonable(data)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def put(key: str, story: StoryData) -> None:
    """Store ``story`` under ``key``; failures are ignored (the cache is only a speed-up)."""
    _write(key, to_jsonable(story))


def _read(key: str) -> Any:
    try:
        entry = json.loads(_entry(key).read_bytes())
        if entry.get("format") != CACHE_FORMAT or entry.get("key") != key:
            return None
        return entry["story"]
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _write(key: str, payload: Any) -> None:
    from tui.core.atomic import atomic_write_text

    try:
        text = json.dumps({"format": CACHE_FORMAT, "key": key, "story": payload},
                          ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return
    with contextlib.suppress(OSError):
        cache_dir().mkdir(parents=True, exist_ok=True)
        # Not synced to disk: an entry lost or cut short in a power cut fails its JSON
        # or key check and is rewritten. The two syncs were 0.9 of 1.3 ms per story.
        atomic_write_text(_entry(key), text, mode=0o600, sync=False)
