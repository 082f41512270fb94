"""Synthetic stores for the profile tests, built once per session (tests/profile/builders.py)."""

from __future__ import annotations

import pytest

from tests.profile.builders import Synthetic, build_synthetic


@pytest.fixture(scope="session")
def synthetic_ssd(tmp_path_factory) -> Synthetic:
    return build_synthetic(tmp_path_factory.mktemp("profile-ssd"), "ssd")


@pytest.fixture(scope="session")
def synthetic_returns(tmp_path_factory) -> Synthetic:
    return build_synthetic(tmp_path_factory.mktemp("profile-returns"), "returns")
