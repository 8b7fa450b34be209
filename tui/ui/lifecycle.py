"""Deferred work that is safe while the app exits: the one gate every later call passes.

Work scheduled for later (``call_next``, ``call_after_refresh``, ``call_later``, a
timer, a worker thread calling back with ``call_from_thread``) can come due after the
user has quit: the app has started to exit, or the screen it was for is gone. Textual
then raises (``Signal.subscribe`` on a node that is no longer running is a
``SignalError``), and the app exits 1 with a traceback, in the user's face.

So nothing in ``tui.ui`` calls those five methods itself (a test holds that line): it
calls the functions below, which wrap the callback in ``gate``. A gated callback runs
only while its node can still take it (``accepting``), and is dropped otherwise. A
thread calling back into an app that has stopped is dropped too, instead of raising
in the worker or waiting on a loop that no longer runs its calls.

Screens have the same problem in small: an event or a key that arrives before the
screen is set up, or after it is gone. ``Guarded`` screens are set up only in a running
app and act only once mounted; ``Transient`` ones (pushed over the dashboard) are
dismissed once and take no more input after.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial, wraps
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

Callback = Callable[..., Any]


def accepting(node: DOMNode) -> bool:
    """Whether ``node`` can still take deferred work.

    Its app runs and has not been asked to exit (``return_code`` is set by ``exit``),
    and ``node`` itself is still running and in the app's DOM (a popped screen, or a
    removed widget, is not).
    """
    try:
        app = node.app
    except RuntimeError:  # Textual's NoActiveAppError: not in an app (any more)
        return False
    if not app.is_running or app.return_code is not None:
        return False
    return node is app or (node.is_running and node.is_attached)


def gate(node: DOMNode, callback: Callback) -> Callback:
    """``callback``, run only while ``node`` is ``accepting``; dropped otherwise."""
    if inspect.iscoroutinefunction(callback):

        @wraps(callback)
        async def gated_async(*args: Any, **kwargs: Any) -> Any:
            if accepting(node):
                return await callback(*args, **kwargs)
            return None

        return gated_async

    @wraps(callback)
    def gated(*args: Any, **kwargs: Any) -> Any:
        if accepting(node):
            return callback(*args, **kwargs)
        return None

    return gated


def call_next(node: DOMNode, callback: Callback, *args: Any) -> None:
    """``node.call_next``, gated: once the messages already queued are handled."""
    node.call_next(gate(node, callback), *args)


def call_later(node: DOMNode, callback: Callback, *args: Any) -> None:
    """``node.call_later``, gated: after the messages queued so far, in a new batch."""
    node.call_later(gate(node, callback), *args)


def call_after_refresh(node: DOMNode, callback: Callback, *args: Any) -> None:
    """``node.call_after_refresh``, gated: once the next frame has been drawn."""
    node.call_after_refresh(gate(node, callback), *args)


def set_interval(node: DOMNode, seconds: float, callback: Callback, *, name: str) -> Timer:
    """``node.set_interval``, gated (Textual stops a node's timers as it closes; a tick
    already due when the app starts to exit is dropped here)."""
    return node.set_interval(seconds, gate(node, callback), name=name)


def call_from_thread(node: DOMNode, callback: Callback, *args: Any) -> None:
    """From a thread: run ``callback(*args)`` on the app's thread, gated, and wait for it.

    Dropped at once when the app is no longer running: Textual would raise in the
    thread. What the callback raises is raised here, as ``App.call_from_thread`` does.
    """
    if not accepting(node):
        return
    app: App[Any] = node.app
    try:
        app.call_from_thread(partial(gate(node, callback), *args))
    except RuntimeError:
        # "App is not running", or its loop closed between the check and the call.
        if accepting(node):
            raise


def post_from_thread(node: DOMNode, message: Message) -> None:
    """From a thread: post ``message`` to ``node`` without waiting for it; dropped once
    ``node`` is no longer ``accepting``.

    For a thread the app joins as it closes (the seed watcher): one blocked in
    ``call_from_thread`` then would wait for a loop that is waiting for it.
    """
    if not accepting(node):
        return
    try:
        node.post_message(message)
    except RuntimeError:  # the loop closed between the check and the post
        if accepting(node):
            raise


if TYPE_CHECKING:
    ScreenMixin = Screen[Any]
else:
    ScreenMixin = object
"""The base of a mixin for our screens: a ``Screen`` to the type checker, ``object`` at
run time (Textual follows a screen's first DOMNode base for its CSS and component
classes, so a mixin put first must not be one)."""


class Guarded(ScreenMixin):
    """A screen of ours: it is set up only in a running app, and acts only once mounted.

    A key pressed just after the screen was pushed reached its actions before its
    widgets were there (``NoMatches``). A screen pushed just as the user quit got its
    ``Mount`` after the app had begun to tear its widgets down, and its ``on_mount``
    found none. A mixin, first among the bases: ``class X(Guarded, Screen[None])``.
    """

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Mount) and not accepting(self):
            return  # the app is exiting: nothing to set up
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No action of this screen's own before it is mounted."""
        if not self.is_mounted:
            return False
        return super().check_action(action, parameters)


class Transient(Guarded):
    """A screen pushed for a while and dismissed once: it takes no input after that.

    A key already on its way when the screen was dismissed was handled after, and as
    Textual's ``Screen.dismiss`` pops whatever screen is on top, a second Esc (or a
    second Enter in the palette) popped the dashboard too, or crashed with
    ``ScreenStackError``. A mixin: ``class NoteEditor(Transient, ModalScreen[…])``.
    """

    dismissed = False
    """Set by the first ``dismiss``; from then on the screen is on its way out."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.dismissed:
            return False
        return super().check_action(action, parameters)

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self.dismissed or not self.is_active:
            done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return done
        self.dismissed = True
        self.workers.cancel_node(self)  # nothing of its own runs on into its teardown
        return super().dismiss(result)

    def check_message_enabled(self, message: Message) -> bool:
        """After ``dismiss``: no more keys, mouse or widget messages (Textual's own
        messages, which remove the screen, still go through)."""
        if self.dismissed and (
            isinstance(message, events.InputEvent)
            or not (isinstance(message, events.Event) or _is_textual_internal(message))
        ):
            return False
        return super().check_message_enabled(message)


def _is_textual_internal(message: Message) -> bool:
    """Textual's own machinery (``textual.messages``: prune, update, layout, …)."""
    return type(message).__module__ == "textual.messages"
