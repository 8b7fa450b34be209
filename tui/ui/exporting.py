"""Exports from inside the app: a new, never-overwritten file in the data folder.

A ClaimReview export names the reviewer set in the config file's ``[claimreview]``
table (read again at each export, so an edit needs no restart) and says what the
result lacks, as the ``export`` command does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tui.core.corpus import Corpus
from tui.core.problems import Problem

if TYPE_CHECKING:
    from tui.core.userdata import Take

SUFFIX = {"markdown": "md", "json": "json", "claimreview": "jsonld"}


class Exported(NamedTuple):
    """The file written, and what the user should know about it (config problems,
    properties the reviews lack)."""

    path: Path
    warnings: tuple[str, ...] = ()


def _claimreview(corpus: Corpus, takes: Mapping[str, Take]) -> tuple[str, tuple[str, ...]]:
    from tui.core.claimreview import choose_reviewer, missing, to_claimreview
    from tui.core.config import load_config

    config, problems = load_config()
    reviewer = choose_reviewer(config.claimreview)
    lacks = tuple(lack.advice(flags=False) for lack in missing(reviewer))
    notes = tuple(f"config file ignored: {problem}" for problem in problems)
    return to_claimreview(corpus, takes, reviewer=reviewer), notes + lacks


def write_export(
    corpus: Corpus, takes: Mapping[str, Take], form: str, data_dir: Path | None
) -> Exported | Problem:
    """Render ``corpus`` as ``form`` into ``<data dir>/exports/<story>-<UTC time>.<ext>``."""
    from tui.core import export
    from tui.core.userdata import data_dir as default_data_dir

    warnings: tuple[str, ...] = ()
    if form == "markdown":
        text = export.to_markdown(corpus, takes)
    elif form == "json":
        text = export.to_json(corpus, takes)
    else:
        text, warnings = _claimreview(corpus, takes)
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
    return problem if problem is not None else Exported(path, warnings)
