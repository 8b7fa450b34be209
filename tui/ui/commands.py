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
from textual.screen import Screen

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


def _key_displays(screen: Screen[None]) -> dict[str, str]:
    """Binding id → the key that runs it now, as the footer shows it (so a user's
    keymap shows here too)."""
    keys: dict[str, str] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id and binding.id not in keys:
            keys[binding.id] = screen.app.get_key_display(binding)
    return keys


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
            keys = _key_displays(screen)
            commands += [(text, action, keys.get(binding_id, "")) for text, action, binding_id in (
                ("Open the timeline", screen.action_timeline, "dashboard.timeline"),
                ("Cost what-if: price a training run", screen.action_cost, "dashboard.cost"),
                ("Compute lens: days of pre-training per fleet", screen.action_compute,
                 "dashboard.compute"),
                ("Search every pane", screen.action_search, "dashboard.search"),
                ("Export: Markdown brief", partial(app.export_story, "markdown"),
                 "dashboard.export"),
                ("Export: JSON (whole story)", partial(app.export_story, "json"),
                 "dashboard.export"),
                ("Export: ClaimReview JSON-LD", partial(app.export_story, "claimreview"),
                 "dashboard.export"),
                ("Verdict on the selected claim (cycle)", screen.action_verdict,
                 "dashboard.verdict"),
                ("Note on the selected claim", screen.action_note, "dashboard.note"),
                ("Cycle the stance filter", screen.action_cycle_stance, "dashboard.stance_filter"),
                ("Clear search and filters", screen.clear_filters, "dashboard.back"),
                ("Copy the selected item", screen.action_copy, "dashboard.copy"),
                ("Open source in browser", screen.action_open_source, "dashboard.open_source"),
                ("Full screen: maximise or restore the focused pane",
                 screen.action_maximize_pane, "dashboard.maximize"),
                ("Show keys (help)", app.action_help, "app.help"),
                ("Suspend to the shell (fg resumes)", app.action_suspend, "app.suspend"),
            )]
        return commands

    async def discover(self) -> Hits:
        for text, action, help_text in self._commands():
            yield DiscoveryHit(Content(text), action, text=text, help=help_text)

