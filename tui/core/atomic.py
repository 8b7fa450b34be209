"""Writing a file so that a crash leaves either the old contents or the new, never half.

The text goes to a temporary file in the same folder, is flushed and synced to disk,
and then replaces the target in one ``os.replace``; the folder is synced last so the
rename itself survives a power cut. A failure at any step removes the temporary file
and leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    """The name prefix of the temporary files written next to ``path``."""
    return f".{path.name}."


def atomic_write_text(path: Path, text: str, *, mode: int = 0o600, sync: bool = True) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; raises ``OSError`` on failure.

    A new file gets ``mode``; an existing file keeps its permission bits. ``sync=False``
    skips both syncs, for files that may be lost in a power cut (a cache): other
    processes still see the old text or the new, never half.
    """
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode & 0o7777
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=TEMP_SUFFIX)
    done = False
    try:
        with os.fdopen(fd, "wb") as stream:
            with contextlib.suppress(OSError):
                os.fchmod(stream.fileno(), mode)
            stream.write(text.encode("utf-8"))
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        os.replace(temp_name, path)
        done = True
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    if sync:
        fsync_dir(path.parent)


def new_file_mode() -> int:
    """``0o666`` less the process umask, as ``open`` would create a file.

    Read from ``/proc`` so the umask is never changed (which would race other threads);
    ``0o644`` where that is not available.
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o644


def fsync_dir(folder: Path) -> None:
    """Sync a folder's entries to disk, where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
