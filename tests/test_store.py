"""The SQLite store: migrations, one transaction per article, re-ingest."""
import sqlite3

import pytest

from kroniek.errors import StorageError
from kroniek.ingest import ingest
from kroniek.model import Article, Event
from kroniek.pipeline import Annotator
from kroniek.store import connect, schema_version, store_article
from kroniek.store.db import migrations
from kroniek.temporal.dct import parse_dct


def test_schema_is_versioned(db):
    conn = connect(db)
    assert schema_version(conn) == migrations()[-1][0] >= 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert {"articles", "sentences", "sentences_fts", "timexes", "mentions", "events"} <= tables


def test_newer_schema_is_refused(db):
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StorageError, match="newer"):
        connect(db)


def test_missing_database_for_reading(tmp_path):
    with pytest.raises(StorageError, match="kroniek ingest"):
        connect(tmp_path / "none.db", create=False)


def _annotated(text="Gisteren regende het in Utrecht.", date="2019-03-20", ext_id="a1"):
    art = Article(text=text, dct=parse_dct(date), ext_id=ext_id, origin="test:line 1")
    return Annotator(ner=False, lang="nl").annotate(art)


def test_article_is_all_or_nothing(db):
    conn = connect(db)
    broken = _annotated()
    dct = broken.article.dct.interval
    broken.events.append(Event(sentence=99, value="x", anchoring="dct", relation="BEFORE", reference=dct,
                               start=None, end=dct.end))
    with pytest.raises(IndexError):
        store_article(conn, broken)
    for table in ("articles", "sentences", "timexes", "events"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    assert store_article(conn, _annotated()) is not None
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_same_id_or_same_content_is_stored_once(db):
    conn = connect(db)
    assert store_article(conn, _annotated(ext_id="a1")) is not None
    assert store_article(conn, _annotated(ext_id="a1", text="Ander verhaal.")) is None
    assert store_article(conn, _annotated(ext_id="a2")) is None  # same text and date
    assert store_article(conn, _annotated(ext_id="a3", date="2019-03-21")) is not None
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


def test_full_text_search_over_sentences(db):
    conn = connect(db)
    store_article(conn, _annotated("De Brexit is uitgesteld. Het regent.", ext_id="b"))
    rows = conn.execute("SELECT s.text FROM sentences_fts f JOIN sentences s ON s.id = f.rowid"
                        " WHERE sentences_fts MATCH 'brexit'").fetchall()
    assert [r[0] for r in rows] == ["De Brexit is uitgesteld."]


def test_reingest_adds_nothing(tmp_path, db):
    f = tmp_path / "a.jsonl"
    f.write_text('{"id": "x1", "text": "Gisteren was het feest.", "date": "2019-03-20"}\n'
                 '{"text": "Morgen komt hij.", "date": "2019-03-20"}\n', encoding="utf-8")
    conn = connect(db)
    first = ingest([f], conn, jobs=1, ner=False)
    second = ingest([f], conn, jobs=1, ner=False)
    assert (first.stored, first.present) == (2, 0)
    assert (second.read, second.stored, second.present) == (2, 0, 2)
    assert conn.execute("SELECT COUNT(*) FROM timexes").fetchone()[0] == 2
