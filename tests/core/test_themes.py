"""Theme files: the bundled themes load and are legible, broken files become problems.

The colour-blind check simulates deuteranopia and protanopia with the Machado et al.
(2009) matrices at severity 1.0, applied in linear RGB, and measures stance colours
apart with CIE76 ΔE in CIELAB (D65). That arithmetic lives here, not in the core: the
app only needs the themes, the tests need to know they work.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.core.support import ROOT, line_containing
from tui.core.problems import Problem
from tui.core.themes import (
    MIN_CONTRAST,
    MIN_CONTRAST_HIGH,
    REQUIRED_VARIABLES,
    ContrastCheck,
    LoadedTheme,
    ThemeFile,
    blend,
    bundled_themes_dir,
    contrast_ratio,
    contrast_report,
    load_all_themes,
    load_theme_file,
    load_theme_folder,
    parse_hex,
    relative_luminance,
    required_ratio,
    user_themes_dir,
)

THEMES = ROOT / "themes"
DARK = THEMES / "deepseek-dark.toml"
COLORBLIND = THEMES / "deepseek-colorblind.toml"
BUNDLED_NAMES = {
    "deepseek-dark",
    "deepseek-light",
    "deepseek-high-contrast",
    "deepseek-colorblind",
}
STANCES = ("stance-skeptical", "stance-supportive", "stance-neutral", "stance-mixed")


def _load(path: Path) -> ThemeFile:
    result = load_theme_file(path)
    assert isinstance(result, ThemeFile), "\n".join(map(str, result))
    return result


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _dark_variant(old: str, new: str) -> str:
    """The dark theme's text with ``old`` replaced (once, and it must be there)."""
    text = DARK.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {DARK.name} exactly once"
    return text.replace(old, new)


def _problems(path: Path) -> list[Problem]:
    result = load_theme_file(path)
    assert isinstance(result, list), f"{path.name} loaded, but should not have"
    assert result, "a failed load must say why"
    assert all(problem.file == path for problem in result)
    return result


# --------------------------------------------------------------------------- bundled themes


def test_bundled_themes_dir_is_the_repository_folder() -> None:
    assert bundled_themes_dir().resolve() == THEMES.resolve()


def test_every_bundled_theme_loads_with_no_problems() -> None:
    themes, problems = load_theme_folder(bundled_themes_dir(), "bundled")
    assert problems == []
    files = sorted(THEMES.glob("*.toml"))
    assert [loaded.path for loaded in themes] == files
    assert {loaded.origin for loaded in themes} == {"bundled"}


def test_bundled_theme_names_are_unique_and_the_four_are_there() -> None:
    themes, _ = load_theme_folder(bundled_themes_dir(), "bundled")
    names = [loaded.theme.name for loaded in themes]
    assert len(names) == len(set(names))
    assert set(names) >= BUNDLED_NAMES


def test_load_all_themes_with_no_user_themes_is_the_bundled_ones() -> None:
    themes, problems = load_all_themes()
    assert problems == []
    assert {loaded.theme.name for loaded in themes} >= BUNDLED_NAMES
    assert {loaded.origin for loaded in themes} == {"bundled"}


def test_fields_are_textual_theme_arguments() -> None:
    # The one place a core test touches Textual: the UI passes model_dump() straight
    # through, so every field must be an argument of Theme and the variables must arrive.
    from textual.theme import Theme

    for path in sorted(THEMES.glob("*.toml")):
        theme = _load(path)
        built = Theme(**theme.model_dump())
        assert built.name == theme.name
        assert built.primary == theme.primary
        assert built.dark is theme.dark
        assert built.variables == theme.variables
        built.to_color_system().generate()  # Textual accepts every colour


# --------------------------------------------------------------------------- contrast


def _contrast_cases() -> list[tuple[ThemeFile, ContrastCheck]]:
    cases: list[tuple[ThemeFile, ContrastCheck]] = []
    for path in sorted(THEMES.glob("*.toml")):
        theme = load_theme_file(path)
        if isinstance(theme, list):
            continue  # reported by test_every_bundled_theme_loads_with_no_problems
        cases.extend((theme, check) for check in contrast_report(theme))
    return cases


@pytest.mark.parametrize(
    ("theme", "check"),
    [pytest.param(*case, id=f"{case[0].name}: {case[1].label}") for case in _contrast_cases()],
)
def test_bundled_theme_contrast(theme: ThemeFile, check: ContrastCheck) -> None:
    need = required_ratio(theme)
    assert check.ratio >= need, (
        f"{theme.name}: {check.label}: {check.fg} on {check.bg} has contrast "
        f"{check.ratio:.2f}:1, needs {need}:1"
    )


def test_contrast_cases_cover_every_theme() -> None:
    cases = _contrast_cases()
    assert {theme.name for theme, _ in cases} >= BUNDLED_NAMES
    assert len(cases) == len(list(THEMES.glob("*.toml"))) * len(contrast_report(_load(DARK)))


def test_contrast_report_lists_what_the_dashboard_draws() -> None:
    theme = _load(DARK)
    report = {check.label: check for check in contrast_report(theme)}
    linked = "#{:02x}{:02x}{:02x}".format(*blend(theme.accent, theme.surface, 0.25))
    expected = {
        "foreground on background": (theme.foreground, theme.background),
        "foreground on surface": (theme.foreground, theme.surface),
        "foreground on panel": (theme.foreground, theme.panel),
        "foreground on primary (cursor row)": (theme.foreground, theme.primary),
        "foreground on linked row": (theme.foreground, linked),
    }
    for name in REQUIRED_VARIABLES:
        expected[f"{name} on surface"] = (theme.variables[name], theme.surface)
        expected[f"{name} on linked row"] = (theme.variables[name], linked)
    for name in STANCES:
        expected[f"{name} on background (tally)"] = (theme.variables[name], theme.background)
    assert {label: (c.fg, c.bg) for label, c in report.items()} == expected
    assert len(report) == len(contrast_report(theme))  # no label twice
    for check in report.values():
        assert check.ratio == pytest.approx(contrast_ratio(check.fg, check.bg))


def test_contrast_report_finds_a_bad_pair(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.toml", _dark_variant(
        '"stance-neutral" = "#a0b4c8"', '"stance-neutral" = "#303840"'
    ))
    theme = _load(path)
    failing = {c.label for c in contrast_report(theme) if c.ratio < required_ratio(theme)}
    assert failing == {
        "stance-neutral on surface",
        "stance-neutral on linked row",
        "stance-neutral on background (tally)",
    }


def test_required_ratio_depends_on_the_name() -> None:
    dark = _load(DARK)
    assert required_ratio(dark) == MIN_CONTRAST == 4.5
    high = dark.model_copy(update={"name": "my-high-contrast-theme"})
    assert required_ratio(high) == MIN_CONTRAST_HIGH == 7.0
    assert required_ratio(_load(THEMES / "deepseek-high-contrast.toml")) == 7.0


# --------------------------------------------------------------------------- the colour arithmetic


def test_contrast_known_values() -> None:
    assert contrast_ratio("#000", "#fff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.005)
    assert contrast_ratio("#4f9dde", "#4f9dde") == pytest.approx(1.0)
    assert contrast_ratio((0, 0, 255), "#ffffff") == pytest.approx(8.59, abs=0.005)


def test_relative_luminance_known_values() -> None:
    assert relative_luminance((0, 0, 0)) == 0.0
    assert relative_luminance((255, 255, 255)) == pytest.approx(1.0)
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=0.0001)
    # green weighs most, blue least
    assert relative_luminance("#00ff00") == pytest.approx(0.7152)
    assert relative_luminance("#0000ff") == pytest.approx(0.0722)


def test_parse_hex() -> None:
    assert parse_hex("#4f9dde") == (79, 157, 222)
    assert parse_hex("#4F9DDE") == (79, 157, 222)
    assert parse_hex("#abc") == (170, 187, 204)
    for bad in ("4f9dde", "#4f9dd", "#12345g", "red", "#4f9dde80", "", "#abc\n", " #abc"):
        with pytest.raises(ValueError, match="is not a colour"):
            parse_hex(bad)


def test_blend() -> None:
    assert blend("#ffffff", "#000000", 0.25) == (63, 63, 63)
    assert blend("#ffffff", "#000000", 0.5) == (127, 127, 127)  # truncated, as Textual does
    assert blend("#e0a345", "#151a21", 0.0) == (0x15, 0x1A, 0x21)
    assert blend("#e0a345", "#151a21", 1.0) == (0xE0, 0xA3, 0x45)
    # the dark theme's linked row: accent 25% over surface
    assert blend("#e0a345", "#151a21", 0.25) == (71, 60, 42)
    assert blend((200, 100, 0), (0, 100, 200), 0.5) == (100, 100, 100)


# --------------------------------------------------------------------------- colour blindness

Matrix = tuple[tuple[float, float, float], ...]

# Machado, Oliveira & Fernandes (2009), severity 1.0, for linear RGB.
PROTANOPIA: Matrix = (
    (0.152286, 1.052583, -0.204868),
    (0.114503, 0.786281, 0.099216),
    (-0.003882, -0.048116, 1.051998),
)
DEUTERANOPIA: Matrix = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
IDENTITY: Matrix = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
VIEWS = {"plain": IDENTITY, "deuteranopia": DEUTERANOPIA, "protanopia": PROTANOPIA}
MIN_DELTA_E = 20.0

Lab = tuple[float, float, float]


def _to_linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _simulate(color: str, matrix: Matrix) -> tuple[float, float, float]:
    """Linear RGB of ``color`` as seen through ``matrix``, clipped to the gamut."""
    rgb = [_to_linear(c) for c in parse_hex(color)]
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
               for row in matrix)
    return r, g, b


def _lab(linear: tuple[float, float, float]) -> Lab:
    """Linear sRGB → CIELAB, D65 white."""
    r, g, b = linear
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        delta = 6 / 29
        return t ** (1 / 3) if t > delta**3 else t / (3 * delta**2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _seen(color: str, view: str) -> Lab:
    return _lab(_simulate(color, VIEWS[view]))


def _delta_e(a: Lab, b: Lab) -> float:
    return math.dist(a, b)


def test_lab_known_values() -> None:
    assert _seen("#ffffff", "plain") == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert _seen("#000000", "plain") == pytest.approx((0.0, 0.0, 0.0), abs=0.01)
    assert _seen("#ff0000", "plain") == pytest.approx((53.24, 80.09, 67.20), abs=0.02)
    assert _seen("#0000ff", "plain") == pytest.approx((32.30, 79.19, -107.86), abs=0.02)


def test_simulation_keeps_greys_and_merges_red_with_green() -> None:
    for view in VIEWS:
        for grey in ("#ffffff", "#808080", "#202020"):
            assert _delta_e(_seen(grey, view), _seen(grey, "plain")) < 1.0, (view, grey)
    # the app's old default stances: distinct to most eyes, too close without red-green
    skeptical, supportive = "#ff8f70", "#6fd08c"
    assert _delta_e(_seen(skeptical, "plain"), _seen(supportive, "plain")) > 60
    for view in ("deuteranopia", "protanopia"):
        assert _delta_e(_seen(skeptical, view), _seen(supportive, view)) < MIN_DELTA_E, view


@pytest.mark.parametrize("view", list(VIEWS))
def test_colorblind_theme_stances_stay_apart(view: str) -> None:
    theme = _load(COLORBLIND)
    close = [
        (a, b, distance)
        for a, b in itertools.combinations(STANCES, 2)
        if (distance := _delta_e(_seen(theme.variables[a], view), _seen(theme.variables[b], view)))
        < MIN_DELTA_E
    ]
    assert close == [], f"{theme.name} under {view}: ΔE below {MIN_DELTA_E}: {close}"


# --------------------------------------------------------------------------- the schema


def test_colours_are_normalised(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.toml", _dark_variant('primary = "#1f5f8b"', 'primary = "#ABC"'))
    theme = _load(path)
    assert theme.primary == "#aabbcc"
    assert all(value == value.lower() and len(value) == 7 for value in theme.variables.values())


def test_optional_colours_may_be_left_out(tmp_path: Path) -> None:
    text = _dark_variant('secondary = "#3a8fb7"\n', "")
    text = text.replace('boost = "#2a3340"\n', "")
    theme = _load(_write(tmp_path, "t.toml", text))
    assert theme.secondary is None and theme.boost is None


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("a", True),
        ("0-x", True),
        ("a" * 40, True),
        ("a" * 41, False),
        ("-dark", False),
        ("My-Theme", False),
        ("my theme", False),
        ("my_theme", False),
        ("dark\n", False),
        ("", False),
    ],
)
def test_theme_names(name: str, ok: bool) -> None:
    data = {**_load(DARK).model_dump(), "name": name}
    if ok:
        assert ThemeFile.model_validate(data).name == name
    else:
        with pytest.raises(ValidationError, match="is not a theme name"):
            ThemeFile.model_validate(data)


def test_theme_file_is_frozen() -> None:
    theme = _load(DARK)
    with pytest.raises(ValidationError):
        theme.name = "other"  # type: ignore[misc]


def test_theme_file_rejects_bad_variables_when_built_directly() -> None:
    data = _load(DARK).model_dump()
    data["variables"] = {name: "#000000" for name in REQUIRED_VARIABLES[1:]}
    with pytest.raises(ValidationError, match="missing variable 'stance-skeptical'"):
        ThemeFile.model_validate(data)


# --------------------------------------------------------------------------- broken files


def test_bad_colour(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.toml", _dark_variant('primary = "#1f5f8b"', 'primary = "#12345g"'))
    [problem] = _problems(path)
    assert problem.item == "primary"
    assert problem.message == "'#12345g' is not a colour: use #rgb or #rrggbb"
    assert problem.line == line_containing(path, "primary =")
    assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: primary: ")
    assert problem.column == 1  # the key: a theme problem points at its key


def test_bad_colour_in_variables(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.toml", _dark_variant(
        '"stance-mixed" = "#e8c35a"', '"stance-mixed" = "yellow"'
    ))
    [problem] = _problems(path)
    assert problem.item == "variables.stance-mixed"
    assert problem.message == "'yellow' is not a colour: use #rgb or #rrggbb"
    assert problem.line == line_containing(path, '"stance-mixed"')


def test_missing_variables_are_listed(tmp_path: Path) -> None:
    text = _dark_variant('"status-misreported" = "#ff89a6"\n', "")
    text = text.replace('"stance-neutral" = "#a0b4c8"\n', "")
    path = _write(tmp_path, "missing.toml", text)
    [problem] = _problems(path)
    assert problem.item == "variables"
    assert "'stance-neutral'" in problem.message
    assert "'status-misreported'" in problem.message
    assert problem.line == line_containing(path, "[variables]")


def test_unknown_key_has_a_did_you_mean(tmp_path: Path) -> None:
    path = _write(tmp_path, "typo.toml", _dark_variant('foreground = "', 'forground = "'))
    problems = _problems(path)
    by_item = {problem.item: problem for problem in problems}
    assert set(by_item) == {"forground", "foreground"}
    assert by_item["forground"].message == "unknown key 'forground' (did you mean 'foreground'?)"
    assert by_item["forground"].line == line_containing(path, "forground =")
    assert by_item["foreground"].message == "required key is missing"


def test_unknown_variable_has_a_did_you_mean(tmp_path: Path) -> None:
    path = _write(tmp_path, "typo.toml", _dark_variant('"stance-skeptical"', '"stance-skeptcal"'))
    problems = _problems(path)
    by_item = {problem.item: problem for problem in problems}
    assert set(by_item) == {"variables.stance-skeptcal", "variables"}
    unknown = by_item["variables.stance-skeptcal"]
    assert unknown.message == (
        "unknown variable 'stance-skeptcal' (did you mean 'stance-skeptical'?)"
    )
    assert unknown.line == line_containing(path, '"stance-skeptcal"')
    assert by_item["variables"].message == "missing variable 'stance-skeptical'"


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = _dark_variant('dark = true', 'dark = "yes"')
    text = text.replace('name = "deepseek-dark"', 'name = "Deepseek Dark"')
    text = text.replace('"stance-mixed" = "#e8c35a"', '"stance-mixd" = "#e8c35"')
    path = _write(tmp_path, "many.toml", text)
    problems = _problems(path)
    found = {(p.item, p.line) for p in problems}
    assert found == {
        ("name", line_containing(path, "name =")),
        ("dark", line_containing(path, "dark =")),
        ("variables.stance-mixd", line_containing(path, '"stance-mixd"')),
        ("variables", line_containing(path, "[variables]")),
    }
    messages = {p.item: [q.message for q in problems if q.item == p.item] for p in problems}
    assert "'Deepseek Dark' is not a theme name" in messages["name"][0]
    assert messages["dark"] == ["Input should be a valid boolean, got 'yes'"]
    assert messages["variables.stance-mixd"] == [
        "'#e8c35' is not a colour: use #rgb or #rrggbb",
        "unknown variable 'stance-mixd' (did you mean 'stance-mixed'?)",
    ]
    assert messages["variables"] == ["missing variable 'stance-mixed'"]


def test_variables_must_be_a_table(tmp_path: Path) -> None:
    text = _dark_variant("[variables]", 'variables = "none"\n[other]')
    path = _write(tmp_path, "t.toml", text)
    by_item = {problem.item: problem for problem in _problems(path)}
    assert "variables" in by_item and "other" in by_item
    assert by_item["variables"].message.startswith("Input should be a valid dictionary")


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ('name = "x\n', "invalid TOML: ", 1),
        ("", "file is empty", None),
        (" \n\n", "file is empty", None),
        (b'name = "caf\xe9"\n', "not UTF-8 text", 1),
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "invalid TOML: ", None),
    ],
    ids=["invalid-toml", "empty", "blank", "not-utf8", "nested-too-deeply"],
)
def test_unreadable_files(
    tmp_path: Path, content: str | bytes, message: str, line: int | None
) -> None:
    path = _write(tmp_path, "broken.toml", content)
    [problem] = _problems(path)
    assert problem.message.startswith(message)
    assert problem.line == line
    assert str(problem).startswith(str(path))


def test_a_folder_where_a_file_should_be(tmp_path: Path) -> None:
    (tmp_path / "folder.toml").mkdir()
    [problem] = _problems(tmp_path / "folder.toml")
    assert "cannot read the file" in problem.message


def test_a_table_where_a_colour_should_be(tmp_path: Path) -> None:
    deep = '"stance-mixed" = ' + "{ a = " * 50 + "1" + " }" * 50
    path = _write(tmp_path, "deep.toml", _dark_variant('"stance-mixed" = "#e8c35a"', deep))
    [problem] = _problems(path)
    assert problem.item == "variables.stance-mixed"
    assert problem.message.startswith("Input should be a valid string, got {'a': {'a'")
    assert len(problem.message) < 100


# --------------------------------------------------------------------------- folders


def _theme_text(name: str) -> str:
    return _dark_variant('name = "deepseek-dark"', f'name = "{name}"')


def test_missing_folder_is_no_themes_and_no_problem(tmp_path: Path) -> None:
    assert load_theme_folder(tmp_path / "nowhere", "user") == ([], [])


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    path = _write(tmp_path, "themes", "x")
    themes, problems = load_theme_folder(path, "user")
    assert themes == []
    assert [(p.file, p.message) for p in problems] == [(path, "not a folder")]


def test_folder_loads_toml_files_in_order_and_skips_broken_ones(tmp_path: Path) -> None:
    _write(tmp_path, "b.toml", _theme_text("bee"))
    _write(tmp_path, "a.toml", _theme_text("ay"))
    broken = _write(tmp_path, "c.toml", "name = \n")
    _write(tmp_path, "notes.md", "not a theme")
    (tmp_path / "sub.toml").mkdir()
    themes, problems = load_theme_folder(tmp_path, "user")
    assert [(t.theme.name, t.path.name, t.origin) for t in themes] == [
        ("ay", "a.toml", "user"),
        ("bee", "b.toml", "user"),
    ]
    assert [p.file for p in problems] == [broken]


def test_same_name_twice_in_a_folder_keeps_the_first(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.toml", _theme_text("twin"))
    second = _write(tmp_path, "b.toml", _theme_text("twin"))
    themes, problems = load_theme_folder(tmp_path, "user")
    assert [t.path for t in themes] == [first]
    [problem] = problems
    assert (problem.file, problem.item) == (second, "name")
    assert problem.line == line_containing(second, "name =")
    assert problem.message == f"theme name 'twin' is already used by {first}"


# --------------------------------------------------------------------------- bundled + user


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``DEEPSEEK_TUI_CONFIG_DIR`` pointed at ``tmp_path``; returns its ``themes`` folder."""
    monkeypatch.setenv("DEEPSEEK_TUI_CONFIG_DIR", str(tmp_path))
    themes = tmp_path / "themes"
    themes.mkdir()
    return themes


def test_user_themes_dir_follows_the_config_dir(user_dir: Path) -> None:
    assert user_themes_dir() == user_dir


def test_user_themes_are_loaded_after_the_bundled_ones(user_dir: Path) -> None:
    path = _write(user_dir, "mine.toml", _theme_text("my-dark"))
    themes, problems = load_all_themes()
    assert problems == []
    assert themes[-1] == LoadedTheme(_load(path), path, "user")
    assert {t.theme.name for t in themes if t.origin == "bundled"} >= BUNDLED_NAMES
    origins = [t.origin for t in themes]
    assert origins == sorted(origins)  # "bundled" < "user": all bundled come first


def test_user_theme_cannot_replace_a_bundled_one(user_dir: Path) -> None:
    text = _dark_variant('primary = "#1f5f8b"', 'primary = "#ff0000"')
    path = _write(user_dir, "dark.toml", text)
    themes, problems = load_all_themes()
    [problem] = problems
    assert (problem.file, problem.item) == (path, "name")
    assert problem.line == line_containing(path, "name =")
    assert "'deepseek-dark' is already used by the bundled theme" in problem.message
    [dark] = [t for t in themes if t.theme.name == "deepseek-dark"]
    assert (dark.origin, dark.path, dark.theme.primary) == ("bundled", DARK, "#1f5f8b")


def test_broken_user_theme_leaves_the_rest(user_dir: Path) -> None:
    broken = _write(user_dir, "broken.toml", b"\xff\xfe")
    good = _write(user_dir, "good.toml", _theme_text("good"))
    themes, problems = load_all_themes()
    assert [p.file for p in problems] == [broken]
    assert [t.path for t in themes if t.origin == "user"] == [good]
    assert {t.theme.name for t in themes} >= BUNDLED_NAMES | {"good"}

