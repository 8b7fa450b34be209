"""Command palette providers: jump to any item, switch story, and screen actions.

Registered on the app next to Textual's system commands (which bring theme
switching, with live preview, and quit).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

if TYPE_CHECKING:
    from tui.ui.app import DeepseekApp


def plain_highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight``, but the text is data: never parsed as markup."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class _ListedCommands(Provider):
    """A provider whose commands are a list of (text, action, help) triples."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        raise NotImplementedError

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, action, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, plain_highlight(matcher, text), action, text=text, help=help_text)


class ItemCommands(_ListedCommands):
    """``Go to claim: Elon Musk: …`` for every item of the open story."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: DeepseekApp = self.app  # type: ignore[assignment]
        screen = app.dashboard
        corpus = screen.corpus if screen is not None else None
        if corpus is None or screen is None:
            return []
        found: list[tuple[str, Callable[[], object], str]] = []
        for item_id in corpus.ids():
            kind = corpus.kind_of(item_id) or "item"
            if kind in ("section",):
                continue
            found.append((f"Go to {kind}: {corpus.title_of(item_id)}",
                          partial(screen.follow, item_id), f"id {item_id}"))
        return found



class AppCommands(_ListedCommands):
    """Stories and the dashboard's own actions, by name."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: DeepseekApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], object], str]] = []
        for corpus in app.stories:
            commands.append((f"Open story: {corpus.story.title}",
                             partial(app.open_story, corpus.story.id),
                             f"{len(corpus.claims)} claims, {len(corpus.reactions)} reactions"))
        screen = app.dashboard
        if screen is not None:
            commands += [
                ("Open the timeline", screen.action_timeline, "t"),
                ("Cost what-if: price a training run", screen.action_cost, "w"),
                ("Compute lens: days of pre-training per fleet", screen.action_compute, "m"),
                ("Search every pane", screen.action_search, "/"),
                ("Export: Markdown brief", partial(app.export_story, "markdown"), "e"),
                ("Export: JSON (whole story)", partial(app.export_story, "json"), "e"),
                ("Export: ClaimReview JSON-LD", partial(app.export_story, "claimreview"), "e"),
                ("Verdict on the selected claim (cycle)", screen.action_verdict, "v"),
                ("Note on the selected claim", screen.action_note, "n"),
                ("Cycle the stance filter", screen.action_cycle_stance, "f"),
                ("Clear search and filters", screen.clear_filters, "Esc"),
                ("Copy the selected item", screen.action_copy, "c"),
                ("Show keys (help)", app.action_help, "?"),
            ]
        return commands

    async def discover(self) -> Hits:
        for text, action, help_text in self._commands():
            yield DiscoveryHit(Content(text), action, text=text, help=help_text)

