"""Glyphs and words for statuses, stances and verdicts, shared by every view.

Colour is never the only signal: every status and stance is shown as a glyph and a
word, and the same pair appears in the CLI summary, the dashboard and exports.
"""

from __future__ import annotations

from tui.core.model import ClaimStatus, Confirmation, FleetStatus, SourceKind, Stance, Verdict

STANCE_GLYPH: dict[Stance, str] = {
    Stance.SKEPTICAL: "✗",
    Stance.SUPPORTIVE: "✓",
    Stance.NEUTRAL: "•",
    Stance.MIXED: "±",
}

STATUS_GLYPH: dict[ClaimStatus, str] = {
    ClaimStatus.ESTABLISHED: "●",
    ClaimStatus.REPORTED: "◉",
    ClaimStatus.ASSERTED: "○",
    ClaimStatus.DISPUTED: "◆",
    ClaimStatus.SPECULATIVE: "?",
    ClaimStatus.MISREPORTED: "✗",
}

FLEET_GLYPH: dict[FleetStatus, str] = {
    FleetStatus.DISCLOSED: "●",
    FleetStatus.REPORTED: "◉",
    FleetStatus.ESTIMATED: "≈",
    FleetStatus.CLAIMED: "?",
}

CONFIRMATION_WORD: dict[Confirmation, str] = {
    Confirmation.CONFIRMED_PRIMARY: "confirmed (primary)",
    Confirmation.CONFIRMED_SECONDARY: "confirmed (secondary)",
    Confirmation.PARTLY_CONFIRMED: "partly confirmed",
    Confirmation.UNCONFIRMED: "unconfirmed",
    Confirmation.DERIVED: "derived",
}

SOURCE_KIND_MEANING: dict[SourceKind, str] = {
    SourceKind.PRIMARY: "the document, post or transcript itself",
    SourceKind.REPORTING: "a named outlet's own reporting",
    SourceKind.ANALYSIS: "a named analyst or research firm",
    SourceKind.REFERENCE: "an encyclopaedia or a wiki",
}
"""What each kind of source is, for the inspector and exports."""


VERDICT_GLYPH: dict[Verdict, str] = {Verdict.BELIEVE: "+", Verdict.DOUBT: "−", Verdict.UNSURE: "?"}

VERDICT_WORD: dict[Verdict, str] = {
    Verdict.BELIEVE: "Believe",
    Verdict.DOUBT: "Doubt",
    Verdict.UNSURE: "Unsure",
}
"""A verdict as a capitalised word, for exports."""


def verdict_label(verdict: Verdict | None) -> str:
    """``+ believe``; ``""`` for no verdict."""
    return "" if verdict is None else f"{VERDICT_GLYPH[verdict]} {verdict.value}"


def stance_label(stance: Stance) -> str:
    return f"{STANCE_GLYPH[stance]} {stance.value}"


def status_label(status: ClaimStatus) -> str:
    return f"{STATUS_GLYPH[status]} {status.value}"


def fleet_label(status: FleetStatus) -> str:
    return f"{FLEET_GLYPH[status]} {status.value}"
