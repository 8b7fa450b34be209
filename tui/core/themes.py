"""Theme files: reading and checking them, and the contrast arithmetic that keeps them legible.

A theme is one TOML file (``themes/*.toml`` ships with the tool; more go in the
``themes`` folder beside the user's config file). Its top-level keys are the arguments
of ``textual.theme.Theme`` and its ``[variables]`` table sets the app's stance and
status colours, so the UI can build a ``Theme(**theme.model_dump())`` without
translating anything. This module never imports Textual.

Nothing here raises for a bad file: every way a theme can be wrong becomes a
``Problem`` naming the file, the line and the item, and the file is skipped.

The contrast functions follow WCAG 2.x (relative luminance and contrast ratio);
``contrast_report`` lists every pair of colours the dashboard draws text with, so a
test can hold every bundled theme to ``required_ratio``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, field_validator

from tui.core.config import config_dir
from tui.core.files import read_document
from tui.core.locate import TomlLocator
from tui.core.paths import bundled
from tui.core.problems import Problem, did_you_mean, item_path

RGB = tuple[int, int, int]
"""A colour as red, green and blue, each 0–255."""

Loc = tuple[str | int, ...]

REQUIRED_VARIABLES: tuple[str, ...] = (
    "stance-skeptical",
    "stance-supportive",
    "stance-neutral",
    "stance-mixed",
    "status-established",
    "status-reported",
    "status-asserted",
    "status-disputed",
    "status-speculative",
    "status-misreported",
)
"""The app's own colours, which every theme sets in its ``[variables]`` table."""

STANCE_VARIABLES: tuple[str, ...] = REQUIRED_VARIABLES[:4]
"""The variables the stance tally draws directly on the screen background."""

MIN_CONTRAST = 4.5
"""WCAG AA for normal text."""

MIN_CONTRAST_HIGH = 7.0
"""WCAG AAA for normal text: what a high-contrast theme promises."""

LINKED_ALPHA = 0.25
"""Linked rows are drawn on ``$accent 25%`` over the surface."""

_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


# --------------------------------------------------------------------------- the schema


def normalise_colour(value: str) -> str:
    """``"#ABC"`` → ``"#aabbcc"``; anything but ``#rgb`` or ``#rrggbb`` is a ``ValueError``."""
    if not _HEX.fullmatch(value):
        raise ValueError(f"{value!r} is not a colour: use #rgb or #rrggbb")
    digits = value[1:].lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


Colour = Annotated[str, AfterValidator(normalise_colour)]
"""A colour in a theme file, stored as lower-case ``#rrggbb``."""


def _variable_problems(variables: Mapping[str, object]) -> list[tuple[Loc, str]]:
    """Unknown variable names (each with a did-you-mean) and the missing ones (listed)."""
    found: list[tuple[Loc, str]] = [
        (("variables", name), f"unknown variable '{name}'" + did_you_mean(name, REQUIRED_VARIABLES))
        for name in variables
        if name not in REQUIRED_VARIABLES
    ]
    missing = [name for name in REQUIRED_VARIABLES if name not in variables]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        found.append((("variables",), f"missing variable{'s' if len(missing) > 1 else ''} {names}"))
    return found


class ThemeFile(BaseModel):
    """What a theme file may hold: ``textual.theme.Theme``'s arguments, checked.

    ``model_dump()`` gives keyword arguments for ``Theme`` as they are.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    name: str
    dark: bool
    primary: Colour
    secondary: Colour | None = None
    accent: Colour
    foreground: Colour
    background: Colour
    surface: Colour
    panel: Colour
    warning: Colour
    error: Colour
    success: Colour
    boost: Colour | None = None
    variables: dict[str, Colour]

    @field_validator("name")
    @classmethod
    def _name_is_a_name(cls, name: str) -> str:
        if not _NAME.fullmatch(name):
            raise ValueError(
                f"{name!r} is not a theme name: use 1 to 40 lower-case letters, digits and "
                "hyphens, starting with a letter or digit"
            )
        return name

    @field_validator("variables")
    @classmethod
    def _the_ten_variables(cls, variables: dict[str, str]) -> dict[str, str]:
        problems = _variable_problems(variables)
        if problems:
            raise ValueError("; ".join(message for _, message in problems))
        return variables


@dataclass(frozen=True, slots=True)
class LoadedTheme:
    """A theme that loaded, where it came from (``"bundled"`` or ``"user"``) and its file."""

    theme: ThemeFile
    path: Path
    origin: str


# --------------------------------------------------------------------------- loading


def load_theme_file(path: Path) -> ThemeFile | list[Problem]:
    """The theme in ``path``, or every problem that stops it loading. Never raises."""
    document = read_document(path)
    if isinstance(document, Problem):
        return [document]
    locator = TomlLocator(document.text) if path.suffix.lower() != ".json" else None

    def problem(loc: Loc, message: str) -> Problem:
        line, column = (locator.position_of(loc) if locator is not None else None) or (None, None)
        return Problem(path, message, item=item_path(loc), line=line, column=column)

    try:
        return ThemeFile.model_validate(document.data)
    except ValidationError as error:
        return [problem(loc, message) for loc, message in _schema_messages(error, document.data)]
    except RecursionError:
        return [Problem(path, "document is nested too deeply")]


def _schema_messages(error: ValidationError, data: dict[str, Any]) -> Iterator[tuple[Loc, str]]:
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        kind = detail["type"]
        if loc == ("variables",) and kind == "value_error":
            continue  # the names are reported one by one below, with their own lines
        if kind == "extra_forbidden":
            key = str(loc[-1])
            yield loc, f"unknown key '{key}'" + did_you_mean(key, ThemeFile.model_fields)
        elif kind == "missing":
            yield loc, "required key is missing"
        else:
            message = detail["msg"].removeprefix("Value error, ")
            if kind != "value_error" and "input" in detail:
                message += f", got {_short(detail['input'])}"
            yield loc, message
    variables = data.get("variables")
    if isinstance(variables, dict):
        yield from _variable_problems(variables)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def load_theme_folder(folder: Path, origin: str) -> tuple[list[LoadedTheme], list[Problem]]:
    """Every ``*.toml`` theme in ``folder``, in name order; a missing folder holds none.

    A theme whose name an earlier file in the folder already took is a problem.
    """
    if not folder.exists():
        return [], []
    if not folder.is_dir():
        return [], [Problem(folder, "not a folder")]
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".toml" and p.is_file())
    except OSError as error:
        return [], [Problem(folder, f"cannot read the folder: {error.strerror or error}")]
    themes: list[LoadedTheme] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in files:
        result = load_theme_file(path)
        if isinstance(result, list):
            problems.extend(result)
        elif result.name in seen:
            problems.append(_name_taken(path, result.name, f"by {seen[result.name]}"))
        else:
            seen[result.name] = path
            themes.append(LoadedTheme(result, path, origin))
    return themes, problems


def _name_taken(path: Path, name: str, where: str) -> Problem:
    line = column = None
    document = read_document(path)
    if not isinstance(document, Problem):
        line, column = TomlLocator(document.text).position_of(("name",)) or (None, None)
    return Problem(path, f"theme name '{name}' is already used {where}", item="name", line=line,
                   column=column)


def bundled_themes_dir() -> Path:
    """The themes that ship with the tool."""
    return bundled("themes")


def user_themes_dir() -> Path:
    """The user's own themes: ``themes`` beside the config file."""
    return config_dir() / "themes"


def load_all_themes() -> tuple[list[LoadedTheme], list[Problem]]:
    """The bundled themes, then the user's; a user theme cannot replace a bundled one."""
    themes, problems = load_theme_folder(bundled_themes_dir(), "bundled")
    taken = {loaded.theme.name: loaded.path for loaded in themes}
    user, user_problems = load_theme_folder(user_themes_dir(), "user")
    problems.extend(user_problems)
    for loaded in user:
        if loaded.theme.name in taken:
            problems.append(
                _name_taken(
                    loaded.path,
                    loaded.theme.name,
                    f"by the bundled theme {taken[loaded.theme.name]}; "
                    "bundled themes cannot be replaced, so give this one another name",
                )
            )
        else:
            themes.append(loaded)
    return themes, problems


# --------------------------------------------------------------------------- contrast


def parse_hex(color: str) -> RGB:
    """``"#4f9dde"`` (or ``"#49d"``) → ``(79, 157, 222)``."""
    digits = normalise_colour(color)[1:]
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(rgb: RGB) -> str:
    """``(79, 157, 222)`` → ``"#4f9dde"``."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _rgb(color: str | RGB) -> RGB:
    return parse_hex(color) if isinstance(color, str) else color


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: str | RGB) -> float:
    """WCAG relative luminance: 0 for black, 1 for white."""
    r, g, b = _rgb(rgb)
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(a: str | RGB, b: str | RGB) -> float:
    """WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def blend(fg: str | RGB, bg: str | RGB, alpha: float) -> RGB:
    """``fg`` at opacity ``alpha`` over ``bg``, as Textual draws ``$fg 25%`` on ``bg``.

    Channels are truncated to integers the way Textual's ``Color.blend`` does.
    """
    top, bottom = _rgb(fg), _rgb(bg)
    r, g, b = (int(low + (high - low) * alpha) for high, low in zip(top, bottom, strict=True))
    return r, g, b


@dataclass(frozen=True, slots=True)
class ContrastCheck:
    """One pair of colours the app draws text with, and their contrast ratio."""

    label: str
    fg: str
    bg: str
    ratio: float


def linked_background(theme: ThemeFile) -> str:
    """The background of a linked row: ``$accent 25%`` over the surface."""
    return to_hex(blend(theme.accent, theme.surface, LINKED_ALPHA))


def contrast_report(theme: ThemeFile) -> list[ContrastCheck]:
    """Every text-on-background pair the dashboard draws, with its contrast ratio.

    Body text on the background, surface and panel; the cursor row (Textual's block
    cursor: the foreground on ``primary``); each variable on the surface (rows) and on
    a linked row's background; each stance colour on the background (the tally).
    """
    linked = linked_background(theme)
    pairs: list[tuple[str, str, str]] = [
        ("foreground on background", theme.foreground, theme.background),
        ("foreground on surface", theme.foreground, theme.surface),
        ("foreground on panel", theme.foreground, theme.panel),
        ("foreground on primary (cursor row)", theme.foreground, theme.primary),
        ("foreground on linked row", theme.foreground, linked),
    ]
    for name in REQUIRED_VARIABLES:
        colour = theme.variables[name]
        pairs.append((f"{name} on surface", colour, theme.surface))
        pairs.append((f"{name} on linked row", colour, linked))
    for name in STANCE_VARIABLES:
        pairs.append((f"{name} on background (tally)", theme.variables[name], theme.background))
    return [ContrastCheck(label, fg, bg, contrast_ratio(fg, bg)) for label, fg, bg in pairs]


def required_ratio(theme: ThemeFile) -> float:
    """The contrast a theme promises: 7:1 for a high-contrast theme, else 4.5:1."""
    return MIN_CONTRAST_HIGH if "high-contrast" in theme.name else MIN_CONTRAST


def worst_contrast(theme: ThemeFile) -> ContrastCheck:
    """The check with the lowest ratio."""
    return min(contrast_report(theme), key=lambda check: check.ratio)

