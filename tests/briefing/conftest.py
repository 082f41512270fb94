"""Shared fixtures: the shipped synthetic example, and its four files built once per session."""

from __future__ import annotations

import copy
import json

import pytest

from maca.briefing import Briefing, publish
from tests.briefing.documents import EXAMPLE


@pytest.fixture(scope="session")
def example_dict() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def example(example_dict) -> Briefing:
    return Briefing.from_dict(copy.deepcopy(example_dict))


@pytest.fixture(scope="session")
def published(tmp_path_factory, example_dict):
    """The example published once: briefing.html/.pdf/.docx and the 7-minute briefing."""
    out = tmp_path_factory.mktemp("published")
    return publish(Briefing.from_dict(copy.deepcopy(example_dict)), out, published_by="tester")
