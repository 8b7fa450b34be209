"""The user's config file: theme choice and key bindings, validated at the edge.

Lives in the platform config directory (``DEEPSEEK_TUI_CONFIG_DIR`` overrides it) as
``config.toml``::

    theme = "textual-dark"

    [keymap]
    "dashboard.search" = "slash,ctrl+f"   # binding id = comma-separated keys

    [claimreview]                         # who publishes ClaimReview exports, and where
    author = "Example Checks"
    author-url = "https://example.org"
    author-type = "Organization"          # or "Person"
    review-url = "https://example.org/checks/{story}#{claim}"

The ``export`` command's flags of the same names override the ``[claimreview]`` keys.
A missing file is the defaults; a broken one is reported (file, place, problem) and
the defaults are used, so the app always starts.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from tui.core.paths import ENV_CONFIG_DIR, config_dir, config_path
from tui.core.problems import Problem, item_path
from tui.core.text import clean_text

__all__ = ["ENV_CONFIG_DIR", "Config", "config_dir", "config_path", "load_config", "save_theme"]

_KEYS = re.compile(r"^[A-Za-z0-9_+\-]+(,[A-Za-z0-9_+\-]+)*$")


class ClaimReviewConfig(BaseModel):
    """The reviewer of ClaimReview exports: who they are and where reviews are published."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    author: Annotated[str, BeforeValidator(clean_text)] | None = Field(
        default=None, min_length=1, max_length=200
    )
    author_url: str | None = Field(default=None, alias="author-url")
    author_type: Literal["Organization", "Person"] = Field(
        default="Organization", alias="author-type"
    )
    review_url: str | None = Field(default=None, alias="review-url", max_length=2000)

    # The checks are the export's own (imported when a config names a reviewer).
    @field_validator("author_url")
    @classmethod
    def _is_a_web_address(cls, url: str | None) -> str | None:
        from tui.core.claimreview import check_web_url

        return None if url is None else check_web_url(url)

    @field_validator("review_url")
    @classmethod
    def _makes_a_url(cls, template: str | None) -> str | None:
        from tui.core.claimreview import check_review_url

        return None if template is None else check_review_url(template)

    @model_validator(mode="after")
    def _url_names_someone(self) -> ClaimReviewConfig:
        if self.author_url is not None and self.author is None:
            raise ValueError("author-url names no one: add author")
        return self


class Config(BaseModel):
    """What the config file may hold."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str | None = Field(default=None, max_length=80)
    keymap: dict[str, str] = Field(default_factory=dict)
    claimreview: ClaimReviewConfig = Field(default_factory=ClaimReviewConfig)

    @field_validator("keymap")
    @classmethod
    def _keys_are_keys(cls, keymap: dict[str, str]) -> dict[str, str]:
        for binding_id, keys in keymap.items():
            if not _KEYS.match(keys.replace(" ", "")):
                raise ValueError(f"'{binding_id}': not a comma-separated list of keys: {keys!r}")
        return {k: v.replace(" ", "") for k, v in keymap.items()}


def load_config(path: Path | None = None) -> tuple[Config, list[Problem]]:
    """The config, or the defaults and the problems that stopped it."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(), []
    except OSError as error:
        return Config(), [Problem(path, f"cannot read the file: {error.strerror or error}")]
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Config(), [Problem(path, "not UTF-8 text")]
    except tomllib.TOMLDecodeError as error:
        return Config(), [Problem(path, f"invalid TOML: {error}")]
    except RecursionError:
        return Config(), [Problem(path, "invalid TOML: nested too deeply")]
    try:
        return Config.model_validate(data), []
    except ValidationError as error:
        return Config(), [
            Problem(
                path,
                detail["msg"].removeprefix("Value error, "),
                item=item_path(tuple(detail["loc"])),
            )
            for detail in error.errors(include_url=False)
        ]
    except RecursionError:
        return Config(), [Problem(path, "nested too deeply")]


_THEME_LINE = re.compile(r"^theme\s*=.*$", re.MULTILINE)


def save_theme(name: str, path: Path | None = None) -> Problem | None:
    """Record the chosen theme in the config file, atomically, keeping everything else.

    Only the ``theme = …`` line is rewritten (or added at the top), so the user's
    comments and keymap survive. A config that cannot be read is left alone.
    """
    from tui.core.atomic import atomic_write_text

    path = path or config_path()
    line = f'theme = "{name}"'
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as error:
        return Problem(path, f"theme not saved: cannot read the config file ({error})")
    head = text.split("\n[", 1)[0]  # the theme key lives before the first table
    if _THEME_LINE.search(head):
        text = _THEME_LINE.sub(line, head, count=1) + text[len(head):]
    else:
        text = f"{line}\n{text}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text, mode=0o644)
    except OSError as error:
        return Problem(path, f"theme not saved: {error.strerror or error}")
    return None
