"""The user's own take on a story: a verdict and a note per claim, kept safe on disk.

Takes live in ``takes.json`` in the platform data folder (``DEEPSEEK_TUI_DATA_DIR``
overrides it)::

    {"format": 1, "takes": {"<story id>": {"<claim id>":
        {"verdict": "doubt", "note": "…", "updated": "2025-01-28T09:30:00Z"}}}}

Every change is saved at once, and saving never loses anything:

- the write is atomic (``tui.core.atomic``): a crash leaves the old file or the new one;
- saves take an exclusive lock on ``takes.json.lock``, re-read the file and merge it per
  claim, the newest ``updated`` winning, so two running copies of the app lose nothing
  ("last write wins per claim, never per file"). Clearing a take keeps an empty entry
  with its time, so a removal merges like any other change;
- a file that cannot be read is never overwritten: it is renamed aside to
  ``takes.json.corrupt-<UTC time>`` and reported. If even that fails, the store is
  read-only for the session and says so instead of writing;
- takes on claims a story no longer has stay in the file (see ``UserStore.orphans``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from tui.core.atomic import TEMP_SUFFIX, atomic_write_text, fsync_dir, temp_prefix
from tui.core.model import Verdict
from tui.core.problems import Problem, item_path
from tui.core.schema_types import Id
from tui.core.text import clean_text

if sys.platform != "win32":
    import fcntl

ENV_DATA_DIR = "DEEPSEEK_TUI_DATA_DIR"
FILE_NAME = "takes.json"
MAX_NOTE = 5000
MAX_FILE_BYTES = 64 * 1024 * 1024
LOCK_TIMEOUT_S = 10.0


# --------------------------------------------------------------------------- the file


def _clean_note(value: object) -> object:
    return clean_text(value).strip() if isinstance(value, str) else value


class Take(BaseModel):
    """One claim's verdict and note, and when they last changed (UTC)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    verdict: Verdict | None = None
    note: Annotated[str, BeforeValidator(_clean_note)] = Field(default="", max_length=MAX_NOTE)
    updated: AwareDatetime

    @field_validator("updated")
    @classmethod
    def _in_utc(cls, value: dt.datetime) -> dt.datetime:
        return value.astimezone(dt.UTC)

    @property
    def empty(self) -> bool:
        """No verdict and no note: a cleared take, kept only so the removal merges."""
        return self.verdict is None and not self.note


class UserFile(BaseModel):
    """What ``takes.json`` may hold: story id → claim id → take."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal[1]
    takes: dict[Id, dict[Id, Take]] = Field(default_factory=dict)


Takes = dict[str, dict[str, Take]]

_ID = TypeAdapter(Id)


def data_dir() -> Path:
    """Where the user's data lives."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("deepseek-tui", appauthor=False)


def data_file(directory: Path) -> Path:
    return directory / FILE_NAME


@dataclass(frozen=True, slots=True)
class _Unusable:
    """Why the file on disk cannot be used; ``newer`` when a later version wrote it."""

    reason: str
    newer: bool = False


def _read_file(path: Path) -> Takes | _Unusable:
    """The takes in ``path`` (none when it is missing), or why it cannot be used."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return _Unusable(f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        return _Unusable(f"cannot read it: {error.strerror or error}")
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        return _Unusable("it is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _Unusable(f"it is not UTF-8 text (byte 0x{raw[error.start]:02x} at {error.start})")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return _Unusable(f"it is not valid JSON ({error.msg}, line {error.lineno})")
    except RecursionError:
        return _Unusable("it is not valid JSON (nested too deeply)")
    version = data.get("format") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > 1:
        return _Unusable(f"it was written by a newer deepseek-tui (format {version})", newer=True)
    try:
        loaded = UserFile.model_validate(data)
    except ValidationError as error:
        details = error.errors(include_url=False)
        first = details[0]
        where = item_path(tuple(first["loc"])) or "file"
        more = f" and {len(details) - 1} more" if len(details) > 1 else ""
        return _Unusable(f"it is not a takes file ({where}: {first['msg']}{more})")
    except RecursionError:
        return _Unusable("it is not a takes file (nested too deeply)")
    return {story: dict(claims) for story, claims in loaded.takes.items()}


def _dump(takes: Takes) -> str:
    """The file's text: sorted by id, so it diffs well."""
    body = {
        story: {claim: claims[claim].model_dump(mode="json") for claim in sorted(claims)}
        for story, claims in sorted(takes.items())
        if claims
    }
    return json.dumps({"format": 1, "takes": body}, indent=2, ensure_ascii=False) + "\n"


def _merge(base: Takes, other: Takes) -> Takes:
    """Per claim, the newer take of the two; a tie keeps ``base``'s."""
    merged = {story: dict(claims) for story, claims in base.items()}
    for story, claims in other.items():
        into = merged.setdefault(story, {})
        for claim, take in claims.items():
            current = into.get(claim)
            if current is None or take.updated > current.updated:
                into[claim] = take
    return merged


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _set_aside(path: Path) -> Path:
    """Rename ``path`` to ``<name>.corrupt-<UTC time>[-n]``, never over another file."""
    stamp = _utcnow().strftime("%Y%m%dT%H%M%SZ")
    base = f"{path.name}.corrupt-{stamp}"
    for number in range(1, 1000):
        aside = path.with_name(base if number == 1 else f"{base}-{number}")
        if not os.path.lexists(aside):
            os.rename(path, aside)
            fsync_dir(path.parent)
            return aside
    raise FileExistsError(f"too many files named {base}*")


def _remove_stale_temps(path: Path) -> None:
    """Temporary files left by a save that was killed (call with the lock held)."""
    for stale in path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


class LockTimeout(OSError):
    """Another process held the takes lock for too long."""


@contextlib.contextmanager
def _exclusive_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold ``flock(LOCK_EX)`` on ``path`` (created if need be, never deleted)."""
    if sys.platform == "win32":  # pragma: no cover - no flock; saves are still atomic
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"another deepseek-tui held {path.name} for over {timeout:g} s"
                    ) from None
                time.sleep(0.005)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _why(error: OSError) -> str:
    return str(error.strerror or error)


# --------------------------------------------------------------------------- the store


class UserStore:
    """The user's takes, read from and saved to ``takes.json`` in ``directory``.

    Call ``load`` once; then read with ``take``/``takes``/``orphans`` and change with
    ``set_verdict``/``set_note``, which save at once. Nothing here raises for a bad
    file or a failed save: each returns the problems to show.
    """

    def __init__(
        self, directory: Path | None = None, *, lock_timeout: float = LOCK_TIMEOUT_S
    ) -> None:
        self._dir = directory if directory is not None else data_dir()
        self._path = data_file(self._dir)
        self._lock_path = self._path.with_name(self._path.name + ".lock")
        self._lock_timeout = lock_timeout
        self._takes: Takes = {}
        self._read_only: str | None = None
        self._mutex = threading.Lock()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def lock_path(self) -> Path:
        return self._lock_path

    @property
    def read_only(self) -> bool:
        """True when the file could not be read or moved aside: saving would lose it."""
        return self._read_only is not None

    # -- loading

    def load(self) -> list[Problem]:
        """Read the file; a missing one is no takes, an unusable one is moved aside."""
        with self._mutex:
            self._takes = {}
            self._read_only = None
            first = _read_file(self._path)
            if not isinstance(first, _Unusable):
                self._takes = first
                return []
            # Look again holding the lock: another copy may be mid-way through fixing it.
            try:
                with _exclusive_lock(self._lock_path, self._lock_timeout):
                    found = _read_file(self._path)
                    if not isinstance(found, _Unusable):
                        self._takes = found
                        return []
                    return self._set_aside(found, "your takes start empty")
            except OSError as error:
                return self._go_read_only(first, f"could not lock it: {_why(error)}")

    def _set_aside(self, found: _Unusable, then: str) -> list[Problem]:
        """Move the unusable file aside (lock held), or fall back to read-only."""
        if found.newer:
            return self._go_read_only(found, "it is left as it is")
        try:
            aside = _set_aside(self._path)
        except OSError as error:
            return self._go_read_only(found, f"it could not be moved aside: {_why(error)}")
        return [
            Problem(
                self._path,
                f"could not read your saved takes ({found.reason}); the file was kept as "
                f"{aside}, and {then}",
            )
        ]

    def _go_read_only(self, found: _Unusable, detail: str) -> list[Problem]:
        self._read_only = f"{self._path} could not be read ({found.reason})"
        return [
            Problem(
                self._path,
                f"could not read your saved takes ({found.reason}); {detail}, so nothing "
                "will be saved until the file is fixed or removed",
            )
        ]

    # -- reading

    def take(self, story_id: str, claim_id: str) -> Take | None:
        """The take on one claim, or ``None`` when there is none (or it was cleared)."""
        found = self._takes.get(story_id, {}).get(claim_id)
        return None if found is None or found.empty else found

    def takes(self, story_id: str) -> dict[str, Take]:
        """Every non-empty take on a story, by claim id (including orphans)."""
        return {
            claim: take for claim, take in self._takes.get(story_id, {}).items() if not take.empty
        }

    def orphans(self, story_id: str, claim_ids: set[str] | frozenset[str]) -> dict[str, Take]:
        """Takes on claims the story no longer has. They stay in the file."""
        return {
            claim: take for claim, take in self.takes(story_id).items() if claim not in claim_ids
        }

    # -- changing

    def set_verdict(self, story_id: str, claim_id: str, verdict: Verdict | None) -> list[Problem]:
        """Set (or with ``None`` clear) a claim's verdict, keeping its note; saves at once."""
        verdict = None if verdict is None else Verdict(verdict)

        def change(old: Take | None, when: dt.datetime) -> Take:
            return Take(verdict=verdict, note=old.note if old else "", updated=when)

        return self._change(story_id, claim_id, change)

    def set_note(self, story_id: str, claim_id: str, note: str) -> list[Problem]:
        """Set (or with ``""`` clear) a claim's note, keeping its verdict; saves at once."""
        cleaned = str(_clean_note(note))
        if len(cleaned) > MAX_NOTE:
            return [
                Problem(
                    self._path,
                    f"note not saved: it has {len(cleaned):,} characters; "
                    f"at most {MAX_NOTE:,} are allowed",
                    item=f"{story_id}.{claim_id}",
                )
            ]

        def change(old: Take | None, when: dt.datetime) -> Take:
            return Take(verdict=old.verdict if old else None, note=cleaned, updated=when)

        return self._change(story_id, claim_id, change)

    def _change(
        self,
        story_id: str,
        claim_id: str,
        make: Callable[[Take | None, dt.datetime], Take],
    ) -> list[Problem]:
        """Lock, re-read, merge, apply ``make`` to the claim, write atomically, unlock."""
        for name, value in (("story id", story_id), ("claim id", claim_id)):
            try:
                _ID.validate_python(value)
            except ValidationError:
                return [Problem(self._path, f"not saved: {value!r} is not a valid {name}")]
        with self._mutex:
            if self._read_only is not None:
                return [Problem(self._path, f"not saved: {self._read_only}")]
            problems: list[Problem] = []
            try:
                self._dir.mkdir(parents=True, exist_ok=True)
                with _exclusive_lock(self._lock_path, self._lock_timeout):
                    _remove_stale_temps(self._path)
                    on_disk = _read_file(self._path)
                    if isinstance(on_disk, _Unusable):
                        problems += self._set_aside(
                            on_disk, "this session's takes go to a new file"
                        )
                        if self._read_only is not None:
                            return [*problems, Problem(self._path, "not saved")]
                        on_disk = {}
                    merged = _merge(on_disk, self._takes)
                    old = merged.get(story_id, {}).get(claim_id)
                    merged.setdefault(story_id, {})[claim_id] = make(old, _stamp_after(old))
                    atomic_write_text(self._path, _dump(merged))
            except OSError as error:
                return [*problems, Problem(self._path, f"not saved: {_why(error)}")]
            self._takes = merged
            return problems


def _stamp_after(old: Take | None) -> dt.datetime:
    """Now, or just after ``old`` if the clock says otherwise: a change always wins."""
    now = _utcnow()
    if old is not None and old.updated >= now:
        return old.updated + dt.timedelta(microseconds=1)
    return now
