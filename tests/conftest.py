"""Shared test configuration: hypothesis profiles and the Gambit corpus location.

The ``ci`` profile (derandomized, bounded examples) is used when the environment variable
``CI`` is set, as on the project's CI; ``HYPOTHESIS_PROFILE`` overrides the choice.
"""
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None,
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

CORPUS = Path(os.environ.get("HG_GAMBIT_GAMES",
                             Path(__file__).resolve().parents[1].parent / "shared" / "gambit-games"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The Gambit game files (../shared/gambit-games); a missing corpus is an error, not a skip."""
    if not CORPUS.is_dir():
        raise FileNotFoundError(f"Gambit corpus not found at {CORPUS}; set HG_GAMBIT_GAMES")
    return CORPUS
