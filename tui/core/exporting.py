"""The export formats, chosen in one place, and exports from inside the app.

``FORMATS`` names each format and its file suffix, and ``render`` is the one switch
from a format's name to its writer, for the ``export`` command and the app alike.
``write_export`` is the app's export: a new, never-overwritten file in the data folder.
A ClaimReview export from the app names the reviewer set in the config file's
``[claimreview]`` table (read again at each export, so an edit needs no restart) and
says what the result lacks, as the ``export`` command does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from tui.core.problems import Problem

if TYPE_CHECKING:
    from tui.core.claimreview import Reviewer
    from tui.core.corpus import Corpus
    from tui.core.userdata import Take

FORMATS: Mapping[str, str] = MappingProxyType(
    {"markdown": "md", "json": "json", "claimreview": "jsonld"})
"""Each export format's name → the suffix of its files."""


def render(
    corpus: Corpus, takes: Mapping[str, Take], form: str, reviewer: Reviewer | None = None
) -> str:
    """``corpus`` and the user's ``takes`` in the export format ``form``."""
    from tui.core import export

    if form == "markdown":
        return export.to_markdown(corpus, takes)
    if form == "json":
        return export.to_json(corpus, takes)
    if form == "claimreview":
        from tui.core.claimreview import NO_REVIEWER, to_claimreview

        return to_claimreview(corpus, takes, reviewer=reviewer or NO_REVIEWER)
    raise ValueError(f"unknown export format {form!r}")


class Exported(NamedTuple):
    """The file written, and what the user should know about it (config problems,
    properties the reviews lack)."""

    path: Path
    warnings: tuple[str, ...] = ()


def _configured_reviewer() -> tuple[Reviewer, tuple[str, ...]]:
    """The reviewer the config file names, and what to tell the user about it."""
    from tui.core.claimreview import choose_reviewer, missing
    from tui.core.config import load_config

    config, problems = load_config()
    reviewer = choose_reviewer(config.claimreview)
    lacks = tuple(lack.advice(flags=False) for lack in missing(reviewer))
    notes = tuple(f"config file ignored: {problem}" for problem in problems)
    return reviewer, notes + lacks


def write_export(
    corpus: Corpus, takes: Mapping[str, Take], form: str, data_dir: Path | None
) -> Exported | Problem:
    """Render ``corpus`` as ``form`` into ``<data dir>/exports/<story>-<UTC time>.<ext>``."""
    from tui.core import export
    from tui.core.userdata import data_dir as default_data_dir

    reviewer, warnings = _configured_reviewer() if form == "claimreview" else (None, ())
    text = render(corpus, takes, form, reviewer)
    folder = (data_dir or default_data_dir()) / "exports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return Problem(folder, f"export failed: {error.strerror or error}")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"{corpus.story.id}-{stamp}.{FORMATS[form]}"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"{corpus.story.id}-{stamp}-{counter}.{FORMATS[form]}"
    problem = export.write_output(text, str(path), force=False)
    return problem if problem is not None else Exported(path, warnings)
