"""Fixtures for the core tests: the real seed and the minimal test story, loaded once."""

from __future__ import annotations

import pytest

from tests.core.support import MINIMAL, SEED
from tui.core.corpus import Corpus
from tui.core.loader import load_file


@pytest.fixture(scope="session")
def seed() -> Corpus:
    """The bundled DeepSeek R1 story."""
    result = load_file(SEED)
    assert isinstance(result, Corpus), result
    return result


@pytest.fixture(scope="session")
def minimal() -> Corpus:
    """``tests/data/good/minimal.toml``."""
    result = load_file(MINIMAL)
    assert isinstance(result, Corpus), result
    return result
