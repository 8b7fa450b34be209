"""Reading on the dashboard: open a source in the browser, give a pane the whole screen.

A mixin of ``DashboardScreen``. ``u`` opens the selected item's source (a source
itself; for a claim, reaction, fleet, GPU or event, its first source with an address)
through ``App.open_url``: the system browser in a terminal (Python's ``webbrowser``,
which honours ``$BROWSER``), a new tab under ``deepseek-tui serve``. Enter on a source
in the inspector's links opens that one. ``z`` maximises the active pane and restores
it (Esc restores too: Textual's ``escape_to_minimize``); while a pane is maximised,
moving to another pane (Tab, 1–4) maximises that one instead, so the screen stays
whole. ``c`` copies the selected item as text, every address in full.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core import formatting as fmt
from tui.core.corpus import Corpus
from tui.core.model import Source
from tui.ui.details import describe
from tui.ui.lifecycle import ScreenMixin

if TYPE_CHECKING:
    from textual.reactive import reactive
    from textual.widget import Widget

NOTICE_ROOM = 48
"""Cells of an address in a notification (its host and a shortened path)."""


def source_address(corpus: Corpus, item_id: str) -> tuple[str, Source] | None:
    """The web address to open for ``item_id``, and the source it belongs to.

    A source's own original URL, else the copy it was read via; for any other item,
    the first of its sources that has an original URL, else the first with a copy.
    ``None`` when there is none.
    """
    item = corpus.get(item_id)
    sources = [item] if isinstance(item, Source) else [
        found for source_id in getattr(item, "sources", ())
        if isinstance(found := corpus.get(source_id), Source)]
    for source in sources:
        if source.url is not None:
            return source.url, source
    for source in sources:
        if source.via is not None:
            return source.via, source
    return None


class Reader(ScreenMixin):
    """Open sources in the browser, maximise a pane, copy an item."""

    corpus: Corpus | None
    if TYPE_CHECKING:
        selected: reactive[str | None]
        active_pane: reactive[str]

        def _pane(self, pane: str) -> Widget: ...

    def action_open_source(self) -> None:
        """Open the selected item's source (or the source under the links' cursor)."""
        corpus = self.corpus
        if corpus is None:
            return
        focused = self.focused
        key = getattr(focused, "current_key", None) if focused is not None else None
        if focused is not None and focused.id == "links" and key is not None \
                and corpus.kind_of(key) == "source":
            self.open_source(key)
        elif self.selected is None:
            self.notify("Select an item first: its source opens in the browser",
                        severity="warning", markup=False)
        else:
            self.open_source(self.selected)

    def open_source(self, item_id: str) -> None:
        """Open ``item_id``'s source in the browser, or say why there is none."""
        corpus = self.corpus
        if corpus is None:
            return
        found = source_address(corpus, item_id)
        kind = corpus.kind_of(item_id) or "item"
        title = fmt.cut(corpus.title_of(item_id), 40)
        if found is None:
            what = ("no web address: it is cited by title, publisher and date"
                    if kind == "source" else "no source with a web address")
            self.notify(f"The {kind} “{title}” has {what}.", severity="warning", markup=False)
            return
        url, source = found
        self.app.open_url(url)
        copy = " (the copy it was read via)" if url != source.url else ""
        where = "a new browser tab" if self.app.is_web else "your browser"
        self.notify(f"Opening {fmt.link_label(url, NOTICE_ROOM)}{copy} in {where}",
                    title=fmt.cut(source.title, 60), markup=False)

    def action_maximize_pane(self) -> None:
        """Give the active pane the whole screen, or give the screen back."""
        if self.maximized is not None:
            self.minimize()
        else:
            self.maximize(self._pane(self.active_pane), container=False)

    def action_copy(self) -> None:
        if self.corpus is None or self.selected is None:
            self.notify("Nothing selected to copy", severity="warning", markup=False)
            return
        text = describe(self.corpus, self.selected).plain
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {self.corpus.kind_of(self.selected)} "
                    f"“{self.corpus.title_of(self.selected)[:40]}” to the clipboard", markup=False)
