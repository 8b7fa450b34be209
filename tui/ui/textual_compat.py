"""Every use of a private Textual name, fenced in one place: matched to Textual 8.2.8.

The dashboard reaches into Textual's internals in two places, both for speed. Nothing
else in ``tui/`` may name a private Textual symbol; each one used here, what it is
copied from, and the test that guards it:

- ``App._refresh_truecolor_filter`` (Textual 8.2.8, ``textual/app.py``), in
  ``start_in_theme``: a hand copy of ``App._watch_theme`` without its stylesheet
  reparse. Guarded by ``tests/ui/test_textual_compat.py::
  test_start_in_theme_leaves_the_app_as_textuals_theme_watcher_does`` and
  ``tests/ui/test_themes_ui.py::test_the_app_starts_in_its_theme_without_restyling``.
- ``Widget._scroll_update`` (Textual 8.2.8, ``textual/widget.py``), in
  ``set_virtual_size``: what ``Widget._size_updated(..., layout=False)`` does.
  Guarded by ``tests/ui/test_textual_compat.py::
  test_set_virtual_size_updates_the_scrollbars_as_a_layout_would`` and
  ``tests/ui/test_redraw.py::test_the_links_list_scrolls_when_an_item_has_more_links_than_fit``.

``tests/ui/test_textual_compat.py::test_textual_is_still_the_line_this_module_matches``
fails as soon as the installed Textual leaves 8.2.x: on an upgrade, re-read the two
Textual methods named above, update the copies, then the version there.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.geometry import Size
from textual.theme import Theme
from textual.widget import Widget

TEXTUAL_LINE = "8.2"
"""The Textual minor line the copies below were checked against (8.2.8)."""


def start_in_theme(app: App[Any], theme: Theme) -> None:
    """Start ``app`` (not yet running) in ``theme`` as if it had been Textual's default.

    Assigning ``app.theme`` runs Textual's theme watcher, which parses every stylesheet
    again and restyles the app, for a stylesheet that has not been parsed even once yet.
    Measured with ``bench.startup`` (31 rounds, 2026-12-01): with the assignment instead,
    the default story started at 1.21× and 1.32× the minimal app, against 1.12–1.15×
    with this; about 25–50 ms on this machine. This does what that watcher
    (``App._watch_theme``) does before the first parse: the theme classes, the ANSI
    colour filter and the CSS variables, without the reparse.
    """
    app.register_theme(theme)
    app.set_reactive(App.theme, theme.name)
    app.update_classes({f"-theme-{name}": name == theme.name for name in app.available_themes}
                       | {"-dark-mode": theme.dark, "-light-mode": not theme.dark},
                       update=False)
    app._refresh_truecolor_filter(app.ansi_theme)
    app.stylesheet.set_variables(app.get_css_variables())


def set_virtual_size(view: Widget, size: Size) -> None:
    """Resize what ``view`` scrolls over without laying out the whole screen.

    Assigning ``virtual_size`` makes Textual lay out the screen and redraw every widget
    that moved, which on the dashboard is most of a key press's cost (the inspector and
    its links change size on every selection). A view whose own height is fixed only
    needs its scrollbars updated, which is what Textual itself does when a size changes
    without a layout (``Widget._size_updated(..., layout=False)``). A scrollbar that
    appears or goes still triggers a layout, through its ``display``.
    """
    if view.virtual_size == size:
        return
    height = view.styles.height
    if not view.is_mounted or not view.size or height is None or height.is_auto:
        view.virtual_size = size  # not laid out yet, or its height follows its content
        return
    view.set_reactive(Widget.virtual_size, size)
    view._scroll_update(size)
    view.refresh()
