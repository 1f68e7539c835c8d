"""Shared fixtures: paths to the shared data, a Frog process, temporary databases."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("KRONIEK_DATA", ROOT.parent / "shared" / "data"))
SEED = DATA / "seed" / "000_bc9ad96b2057a7eb.txt"
DPG = DATA / "news" / "dpg2019-nl" / "articles.jsonl"


def need(path: Path) -> Path:
    """The shared data file, or a clear failure naming what is missing."""
    if not path.exists():
        pytest.fail(f"shared data not found at {path}; set KRONIEK_DATA to the shared data folder")
    return path


@pytest.fixture(scope="session")
def frog():
    """One real Frog process for the whole test session, as the default backend runs it."""
    from kroniek.nlp.frog import Frog
    from kroniek.nlp.frog_model import compiled_settings

    with Frog(ner_settings=compiled_settings()) as process:
        yield process


@pytest.fixture(scope="session")
def annotator():
    """An annotator with real Frog, shared by the tests."""
    from kroniek.pipeline import Annotator

    ann = Annotator(ner=True)
    yield ann
    ann.close()


@pytest.fixture
def db(tmp_path):
    """Path of a fresh database file."""
    return tmp_path / "test.db"
