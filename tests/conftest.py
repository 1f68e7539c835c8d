"""Shared fixtures: paths to the shared data, a Frog process, temporary databases on both backends.

The PostgreSQL tests run against a throwaway cluster this test session
starts (``tests/pgcluster.py``), or the server ``KRONIEK_TEST_PG`` names
(``postgresql://user@host:port``, a user who may create databases). They
never skip: when no server can be had the session fails.
"""
from __future__ import annotations

import itertools
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


class _Server:
    """A PostgreSQL server for the tests: ``new()`` makes an empty database and returns its URL."""

    def __init__(self, url: str, cluster=None):
        self.url, self.cluster = url.rstrip("/"), cluster
        self.names = itertools.count(1)

    def new(self) -> str:
        import psycopg

        name = f"kroniek_test_{os.getpid()}_{next(self.names)}"
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{self.url}/{name}"


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server (a throwaway cluster unless KRONIEK_TEST_PG names one)."""
    given = os.environ.get("KRONIEK_TEST_PG")
    if given:
        yield _Server(given)
        return
    from .pgcluster import Cluster

    cluster = Cluster()
    try:
        cluster.start()
    except Exception as exc:  # the PostgreSQL tests never skip silently
        cluster.stop()
        pytest.fail(f"PostgreSQL could not be started for the tests: {exc}", pytrace=False)
    yield _Server(cluster.url, cluster)
    cluster.stop()


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def archive(request, tmp_path):
    """A fresh, empty archive on each backend: an SQLite path or a postgresql:// URL (a str)."""
    if request.param == "sqlite":
        return str(tmp_path / "k.db")
    return request.getfixturevalue("pg_server").new()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item (the browser tests take a screenshot on failure)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
