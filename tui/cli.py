"""The ``deepseek-tui`` command: open the dashboard, validate seeds, print a summary.

Kept free of Textual imports so ``validate`` and ``summary`` start fast; the app is
imported only when it is launched.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__
from tui.core.problems import did_you_mean

if TYPE_CHECKING:
    import argparse

    from tui.core.claimreview import Reviewer
    from tui.core.corpus import Corpus

EXIT_OK = 0
EXIT_BAD_INPUT = 2

NO_TERMINAL = (
    "deepseek-tui: the dashboard needs a terminal, and stdin or stdout is not one.\n"
    "Without a terminal, use `deepseek-tui summary`, `export`, `compute` or `serve` "
    "(the dashboard in a browser); `deepseek-tui --help` lists them."
)
"""What a bare launch says in a script, a pipe or a cron job, instead of drawing a screen."""


def _parser() -> argparse.ArgumentParser:
    import argparse

    from tui.core.exporting import FORMATS

    parser = argparse.ArgumentParser(
        prog="deepseek-tui",
        description=(
            "A terminal dashboard for one disputed tech story: who claimed what, "
            "what the GPU numbers mean, and who reacted how."
        ),
    )
    parser.add_argument("--version", action="version", version=f"deepseek-tui {__version__}")
    parser.add_argument(
        "--seeds",
        type=Path,
        metavar="PATH",
        help="a story file or a folder of them (default: the bundled stories)",
    )
    parser.add_argument(
        "--story",
        dest="open_story",
        metavar="ID",
        help="the story to open first (default: the most recent); the others load behind it",
    )
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="colour theme (see `deepseek-tui themes`); remembered for next time",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="reload the dashboard when a story file is saved; a broken save lists its "
        "problems on screen and keeps the last good story",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="where your verdicts and notes live (default: DEEPSEEK_TUI_DATA_DIR or the "
        "platform data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("themes", help="list every theme and where it comes from")
    export = commands.add_parser(
        "export", help="write the story and your verdicts as Markdown, JSON or ClaimReview"
    )
    export.add_argument("--format", choices=tuple(FORMATS), default="markdown")
    export.add_argument("-o", "--output", default=None, metavar="FILE",
                        help="file to write, or - for stdout (the default); with --all, "
                        "the folder to write one file per story into")
    export.add_argument("--force", action="store_true", help="overwrite existing files")
    export.add_argument("--seeds", type=Path, metavar="PATH", dest="export_seeds")
    which = export.add_mutually_exclusive_group()
    which.add_argument("--story", metavar="ID", help="which story (default: the first)")
    which.add_argument("--all", action="store_true", dest="all_stories",
                       help="every story, one file each (<story id>.md|.json|.jsonld) in -o DIR")
    review = export.add_argument_group(
        "ClaimReview", "who publishes the reviews and where (default: the [claimreview] "
        "table of the config file)")
    review.add_argument("--author", metavar="NAME", help="the reviewer's name")
    review.add_argument("--author-url", metavar="URL", help="the reviewer's web site")
    review.add_argument("--author-type", metavar="Organization|Person",
                        help="what the reviewer is (default: Organization)")
    review.add_argument("--review-url", metavar="URL-TEMPLATE",
                        help="the page each review is published on; {story} and {claim} are "
                        "replaced by their ids, e.g. 'https://example.org/checks/{story}#{claim}'")
    commands.add_parser("schema", help="print the JSON Schema of the seed format")
    new = commands.add_parser(
        "new", help="write a story skeleton (and its JSON Schema beside it) to start from"
    )
    new.add_argument("path", type=Path, metavar="PATH",
                     help="the story file to create (.toml); never overwritten")
    serve = commands.add_parser(
        "serve", help="serve the dashboard to a web browser (needs the web extra)"
    )
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--seeds", type=Path, metavar="PATH", dest="serve_seeds")
    validate = commands.add_parser(
        "validate", help="check seed files and list every problem (exit 2 if any)"
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    summary = commands.add_parser("summary", help="print the story as tables")
    summary.add_argument("--seeds", type=Path, metavar="PATH", dest="summary_seeds")
    summary.add_argument("--story", metavar="ID", help="which story (default: the first)")
    lens = commands.add_parser(
        "compute", help="the compute lens: training FLOP, implied utilisation, days per fleet"
    )
    lens.add_argument("--seeds", type=Path, metavar="PATH", dest="compute_seeds")
    lens.add_argument("--story", metavar="ID", help="which story (default: the first)")
    lens.add_argument("--mfu", default="0.35", metavar="SHARE",
                      help="utilisation, a share of dense peak in (0, 1] (default: 0.35)")
    lens.add_argument("--precision", default="bf16", metavar="bf16|fp8",
                      help="the dense peak to use: bf16 (default) or fp8; GPUs without FP8 "
                      "count at BF16")
    lens.add_argument("--json", action="store_true", help="print JSON instead of tables")
    return parser


def _seed_paths(path: Path | None) -> list[Path]:
    from tui.core.paths import default_seeds

    return [path if path is not None else default_seeds()]


def _print_problems(problems: Sequence[object]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def cmd_validate(paths: list[Path]) -> int:
    from tui.core.checks import source_warnings
    from tui.core.seeds import load

    result = load(paths or _seed_paths(None))
    for corpus in result.stories:
        counts = (
            (corpus.claims, "claim"),
            (corpus.reactions, "reaction"),
            (corpus.gpus, "GPU"),
            (corpus.fleets, "fleet"),
            (corpus.events, "event"),
            (corpus.notes, "note"),
        )
        print(f"ok: {corpus.story.id}: " + ", ".join(_plural(len(i), w) for i, w in counts))
        for warning in source_warnings(corpus.sources):
            print(f"warning: {corpus.story.id}: {warning}", file=sys.stderr)
    if result.problems:
        _print_problems(result.problems)
        print(
            f"{_plural(len(result.problems), 'problem')} in "
            f"{_plural(len(result.bad_files), 'file')}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return EXIT_OK


def _one_story(seeds: Path | None, story_id: str | None) -> tuple[Corpus | None, int]:
    """The chosen story, or ``None`` and an exit code after printing why not."""
    from tui.core.seeds import load

    result = load(_seed_paths(seeds))
    stories = {corpus.story.id: corpus for corpus in result.stories}
    if result.problems:
        _print_problems(result.problems)
    if not stories:
        return None, EXIT_BAD_INPUT
    if story_id is not None and story_id not in stories:
        print(f"no story '{story_id}'{did_you_mean(story_id, stories)}; stories: "
              f"{', '.join(stories)}", file=sys.stderr)
        return None, EXIT_BAD_INPUT
    corpus = stories[story_id] if story_id else result.stories[0]
    return corpus, EXIT_BAD_INPUT if result.problems else EXIT_OK


def _all_stories(seeds: Path | None) -> tuple[list[Corpus], int]:
    """Every story that loads, and 2 if any seed file had problems (printed)."""
    from tui.core.seeds import load

    result = load(_seed_paths(seeds))
    _print_problems(result.problems)
    code = EXIT_BAD_INPUT if result.problems or not result.stories else EXIT_OK
    return list(result.stories), code


def cmd_summary(seeds: Path | None, story_id: str | None) -> int:
    from tui.summary import print_summary

    corpus, code = _one_story(seeds, story_id)
    if corpus is not None:
        print_summary(corpus)
    return code


REVIEW_FLAGS = ("author", "author_url", "author_type", "review_url")


def _reviewer(args: argparse.Namespace) -> tuple[Reviewer | None, int]:
    """The ClaimReview reviewer from the flags and the config file, or ``None`` and 2."""
    from tui.core.claimreview import ReviewerError, choose_reviewer
    from tui.core.config import load_config

    config, problems = load_config()
    _print_problems(problems)
    try:
        flags = {flag: getattr(args, flag) for flag in REVIEW_FLAGS}
        reviewer = choose_reviewer(config.claimreview, **flags)
    except ReviewerError as error:
        print(f"deepseek-tui export: {error.option}: {error}", file=sys.stderr)
        return None, EXIT_BAD_INPUT
    return reviewer, EXIT_BAD_INPUT if problems else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from tui.core.exporting import FORMATS, render
    from tui.core.userdata import UserStore

    given = [f"--{f.replace('_', '-')}" for f in REVIEW_FLAGS if getattr(args, f) is not None]
    if given and args.format != "claimreview":
        print(f"deepseek-tui export: {', '.join(given)}: only for --format claimreview",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.all_stories and args.output in (None, "-"):
        print("deepseek-tui export: --all writes one file per story: give the folder with "
              "-o DIR", file=sys.stderr)
        return EXIT_BAD_INPUT
    reviewer, code = None, EXIT_OK
    if args.format == "claimreview":
        reviewer, code = _reviewer(args)
        if reviewer is None:
            return code
        from tui.core.claimreview import missing

        for lack in missing(reviewer):
            print(f"deepseek-tui export: warning: {lack.advice()}", file=sys.stderr)
    if args.all_stories:
        stories, loaded = _all_stories(args.export_seeds or args.seeds)
    else:
        corpus, loaded = _one_story(args.export_seeds or args.seeds, args.story)
        stories = [corpus] if corpus is not None else []
    if not stories:
        return loaded
    code = max(code, loaded)
    store = UserStore(args.data_dir)
    _print_problems(store.load())
    texts = [(corpus.story.id,
              render(corpus, store.takes(corpus.story.id), args.format, reviewer))
             for corpus in stories]
    if args.all_stories:
        from tui.core.export import write_many

        suffix = FORMATS[args.format]
        written, problems = write_many(
            [(f"{story_id}.{suffix}", text) for story_id, text in texts],
            Path(args.output), force=args.force)
        _print_problems(problems)
        for path in written:
            print(f"wrote {path}", file=sys.stderr)
        return EXIT_BAD_INPUT if problems else code
    from tui.core.export import write_output

    target = args.output or "-"
    problem = write_output(texts[0][1], target, force=args.force)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    if target != "-":
        print(f"wrote {target}", file=sys.stderr)
    return code


def cmd_compute(args: argparse.Namespace) -> int:
    import json

    from tui.core import compute
    from tui.core.model import Precision

    try:
        mfu = compute.check_utilisation(float(args.mfu))
    except (ValueError, compute.UtilisationError) as error:
        message = str(error) if isinstance(error, compute.UtilisationError) else (
            f"not a number: {args.mfu!r}")
        print(f"deepseek-tui compute: --mfu: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    names = [p.value for p in Precision]
    if args.precision.lower() not in names:
        print(f"deepseek-tui compute: --precision: unknown precision '{args.precision}'"
              f"{did_you_mean(args.precision.lower(), names)}; use {' or '.join(names)}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    corpus, code = _one_story(args.compute_seeds or args.seeds, args.story)
    if corpus is None:
        return code
    lens = compute.lens(corpus, mfu, Precision(args.precision.lower()))
    if args.json:
        sys.stdout.write(json.dumps(compute.lens_json(lens), indent=2, ensure_ascii=False) + "\n")
    else:
        from tui.compute_report import print_lens

        print_lens(lens, corpus)
    return code


def cmd_schema() -> int:
    from tui.core.export import seed_json_schema

    sys.stdout.write(seed_json_schema())
    return EXIT_OK


def cmd_new(path: Path) -> int:
    from tui.core.problems import Problem
    from tui.core.skeleton import new_story

    result = new_story(path)
    if isinstance(result, Problem):
        print(f"deepseek-tui new: {result}", file=sys.stderr)
        return EXIT_BAD_INPUT
    story, schema = result
    print(f"wrote {story} and its schema {schema}\n"
          f"next: deepseek-tui --seeds {story} --watch", file=sys.stderr)
    return EXIT_OK


def _theme_names() -> tuple[list[tuple[str, str, str]], list[object]]:
    """Every theme as (name, origin, where), and the problems of broken theme files."""
    from textual.theme import BUILTIN_THEMES

    from tui.core.themes import load_all_themes

    loaded, problems = load_all_themes()
    rows = [(t.theme.name, t.origin, str(t.path)) for t in loaded]
    ours = {name for name, _, _ in rows}
    rows += [(name, "built-in", "Textual") for name in sorted(BUILTIN_THEMES) if name not in ours]
    return rows, list(problems)


def cmd_themes() -> int:
    rows, problems = _theme_names()
    width = max(len(name) for name, _, _ in rows)
    for name, origin, where in rows:
        print(f"{name:<{width}}  {origin:<8}  {where}")
    if problems:
        _print_problems(problems)
        return EXIT_BAD_INPUT
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from tui.web.serve import ServeError, serve

    try:
        serve(args.host, args.port, _seed_paths(args.serve_seeds or args.seeds), args.theme,
              args.data_dir)
    except ServeError as error:
        print(f"deepseek-tui serve: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _has_terminal() -> bool:
    """Whether the dashboard can draw: stdin and stdout are terminals, or textual-serve
    runs this copy with its web driver (``serve``: the browser is its terminal)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin is not None and sys.stdout is not None and (
        sys.stdin.isatty() and sys.stdout.isatty())


def cmd_run(
    seeds: Path | None, theme: str | None, data_dir: Path | None = None, watch: bool = False,
    story: str | None = None,
) -> int:
    if theme is not None:
        rows, problems = _theme_names()
        names = [name for name, _, _ in rows]
        if theme not in names:
            _print_problems(problems)
            print(f"unknown theme '{theme}'{did_you_mean(theme, names)}; "
                  "`deepseek-tui themes` lists them", file=sys.stderr)
            return EXIT_BAD_INPUT
    if not _has_terminal():
        print(NO_TERMINAL, file=sys.stderr)
        return EXIT_BAD_INPUT
    if theme is not None:
        from tui.core.config import save_theme

        problem = save_theme(theme)
        if problem is not None:
            print(problem, file=sys.stderr)
    # Start-up makes many long-lived objects (CSS, widgets, the story); collecting them
    # again and again is wasted work. The app re-enables the collector once the story
    # is on screen, and freezes what it loaded.
    import gc

    gc.disable()
    from tui.ui.launch import run

    return run(_seed_paths(seeds), theme=theme, data_dir=data_dir, watch=watch, story=story)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        # The common case, on the cold-start path: no parser (argparse and gettext
        # cost a few milliseconds to import, and there is nothing to parse).
        return cmd_run(None, None)
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return cmd_validate(args.paths)
    if args.command == "summary":
        return cmd_summary(args.summary_seeds or args.seeds, args.story)
    if args.command == "themes":
        return cmd_themes()
    if args.command == "export":
        return cmd_export(args)
    if args.command == "schema":
        return cmd_schema()
    if args.command == "new":
        return cmd_new(args.path)
    if args.command == "compute":
        return cmd_compute(args)
    if args.command == "serve":
        return cmd_serve(args)
    return cmd_run(args.seeds, args.theme, args.data_dir, args.watch, args.open_story)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
