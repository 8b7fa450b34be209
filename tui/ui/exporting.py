"""Exports from inside the app: a new, never-overwritten file in the data folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.corpus import Corpus
from tui.core.problems import Problem

if TYPE_CHECKING:
    from tui.core.userdata import Take

SUFFIX = {"markdown": "md", "json": "json", "claimreview": "jsonld"}


def write_export(
    corpus: Corpus, takes: Mapping[str, Take], form: str, data_dir: Path | None
) -> Path | Problem:
    """Render ``corpus`` as ``form`` into ``<data dir>/exports/<story>-<UTC time>.<ext>``."""
    from tui.core import export
    from tui.core.userdata import data_dir as default_data_dir

    if form == "markdown":
        text = export.to_markdown(corpus, takes)
    elif form == "json":
        text = export.to_json(corpus, takes)
    else:
        text = export.to_claimreview(corpus, takes)
    folder = (data_dir or default_data_dir()) / "exports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return Problem(folder, f"export failed: {error.strerror or error}")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"{corpus.story.id}-{stamp}.{SUFFIX[form]}"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"{corpus.story.id}-{stamp}-{counter}.{SUFFIX[form]}"
    problem = export.write_output(text, str(path), force=False)
    return problem if problem is not None else path
