"""The store: migrations, one transaction per article, re-ingest, the upgrade of an older archive."""
import sqlite3

import pytest

from kroniek.errors import StorageError
from kroniek.ingest import ingest
from kroniek.model import Article, Event
from kroniek.pipeline import Annotator
from kroniek.store import open_store
from kroniek.store.sqlite.db import connect, migrations, schema_version
from kroniek.temporal.dct import parse_dct
from kroniek.timeline import Timeline

from .conftest import ROOT


def test_schema_is_versioned(db):
    conn = connect(db)
    assert schema_version(conn) == migrations()[-1][0] >= 5
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert {"articles", "sentences", "cluster_fts", "timexes", "mentions", "events", "clusters",
            "merge_keys", "article_bands"} <= tables
    assert "sentences_fts" not in tables  # sentences are offsets into the article: no copy, no index of their own


def test_newer_schema_is_refused(db):
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StorageError, match="newer"):
        open_store(db)


def test_missing_database_for_reading(tmp_path):
    with pytest.raises(StorageError, match="kroniek ingest"):
        open_store(tmp_path / "none.db", create=False)


def _annotated(text="Gisteren regende het in Utrecht.", date="2019-03-20", ext_id="a1"):
    art = Article(text=text, dct=parse_dct(date), ext_id=ext_id, origin="test:line 1")
    return Annotator(ner=False, lang="nl").annotate(art)


def _count(store, table):
    return store.row_count(table)


def test_article_is_all_or_nothing(archive):
    store = open_store(archive)
    broken = _annotated()
    dct = broken.article.dct.interval
    broken.events.append(Event(sentence=99, value="x", anchoring="dct", relation="BEFORE", reference=dct,
                               start=None, end=dct.end))
    with pytest.raises(IndexError):
        store.store_article(broken)
    for table in ("articles", "sentences", "timexes", "events"):
        assert _count(store, table) == 0, table
    assert store.store_article(_annotated()) is not None
    assert store.article_count() == 1 and store.pending_count() == 1


def test_same_id_or_same_content_is_stored_once(archive):
    store = open_store(archive)
    assert store.store_article(_annotated(ext_id="a1")) is not None
    assert store.store_article(_annotated(ext_id="a1", text="Ander verhaal.")) is None
    assert store.store_article(_annotated(ext_id="a2")) is None  # same text and date
    assert store.store_article(_annotated(ext_id="a3", date="2019-03-21")) is not None
    assert store.article_count() == 2


def test_sentences_are_offsets_into_the_article(archive):
    store = open_store(archive)
    store.store_article(_annotated("De Brexit is uitgesteld. Het regent.", ext_id="b"))
    shown = store.article("b")
    text = shown["article"]["text"]
    assert [text[s["start"]:s["end"]] for s in shown["sentences"]] == ["De Brexit is uitgesteld.", "Het regent."]


def test_reingest_adds_nothing(tmp_path, archive):
    f = tmp_path / "a.jsonl"
    f.write_text('{"id": "x1", "text": "Gisteren was het feest.", "date": "2019-03-20"}\n'
                 '{"text": "Morgen komt hij.", "date": "2019-03-20"}\n', encoding="utf-8")
    store = open_store(archive)
    first = ingest([f], store, jobs=1, ner=False)
    second = ingest([f], store, jobs=1, ner=False)
    assert (first.stored, first.present) == (2, 0)
    assert (second.read, second.stored, second.present) == (2, 0, 2)
    assert _count(store, "timexes") == 2
    assert store.pending_count() == 0 and first.timeline.articles == 2 and second.timeline is None


def test_an_archive_of_schema_4_is_upgraded_and_merged_again(tmp_path):
    """A database made by the previous kroniek (schema 4: sentence texts, ISO times, batch clusters)
    opens, keeps its articles, and its events merge again into the same timeline."""
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    for number, path in migrations():
        if number <= 4:
            conn.executescript(path.read_text(encoding="utf-8"))
    conn.execute("PRAGMA user_version = 4")
    conn.executescript("""
        INSERT INTO articles (id, ext_id, content_hash, title, lang, dct_value, dct_text, dct_start, dct_end,
            dct_granularity, text, ingested_at)
        VALUES (1, 'a1', 'h1', 'Kabinet', 'nl', '2019-03-20', '2019-03-20', '2019-03-20T00:00:00+00:00',
            '2019-03-21T00:00:00+00:00', 'day', 'Het kabinet viel gisteren. Rutte bood zijn ontslag aan.', 'x');
        INSERT INTO sentences (id, article_id, idx, start, "end", kind, paragraph, tense, text)
        VALUES (7, 1, 0, 0, 26, 'sentence', 0, 'past', 'Het kabinet viel gisteren.'),
               (8, 1, 1, 27, 55, 'sentence', 0, 'past', 'Rutte bood zijn ontslag aan.');
        INSERT INTO timexes (id, article_id, sentence_id, tid, start, "end", text, type, value, interval_start,
            interval_end, granularity, anchor, rule, confidence, exact, reason)
        VALUES (1, 1, 7, 't1', 17, 25, 'gisteren', 'DATE', '2019-03-19', '2019-03-19T00:00:00+00:00',
            '2019-03-20T00:00:00+00:00', 'day', 'dct', 'nl:rel.yesterday', 0.9, 1, 'rule nl:rel.yesterday');
        INSERT INTO events (id, article_id, sentence_id, timex_id, value, interval_start, interval_end, granularity,
            anchoring, relation, ref_start, ref_end, sort_key, cls, is_main)
        VALUES (1, 1, 7, 1, '2019-03-19', '2019-03-19T00:00:00+00:00', '2019-03-20T00:00:00+00:00', 'day',
            'timex', 'IS_INCLUDED', '2019-03-19T00:00:00+00:00', '2019-03-20T00:00:00+00:00',
            '2019-03-19T00:00:00+00:00', 'OCCURRENCE', 1),
               (2, 1, 8, NULL, '2019-03-20', '0001-01-01T00:00:00+00:00', '2019-03-21T00:00:00+00:00', 'day',
            'dct', 'BEFORE', '2019-03-20T00:00:00+00:00', '2019-03-21T00:00:00+00:00',
            '2019-03-20T00:00:00+00:00', 'OCCURRENCE', 1);
        INSERT INTO clusters (id, value, interval_start, interval_end, granularity, sort_key, mentions, sources,
            articles) VALUES (1, '2019-03-19', 'x', 'y', 'day', 'z', 1, 1, 1);
        UPDATE events SET cluster_id = 1;
    """)
    conn.commit()
    conn.close()
    store = open_store(old)
    assert schema_version(store.conn) == migrations()[-1][0]
    assert store.pending_count() == 1  # merged again by the next ingest or 'rebuild --pending'
    shown = store.article("a1")
    text = shown["article"]["text"]
    assert [text[s["start"]:s["end"]] for s in shown["sentences"]] == ["Het kabinet viel gisteren.",
                                                                      "Rutte bood zijn ontslag aan."]
    assert shown["timexes"][0]["interval_start"] == "2019-03-19T00:00:00+00:00"
    from kroniek.timeline.build import merge_pending

    assert merge_pending(store).articles == 1
    [entry] = [e for e in Timeline(store).entries("kabinet", direct=True)]
    assert (entry.value, entry.start, entry.sentence) == ("2019-03-19", "2019-03-19T00:00:00+00:00",
                                                          "Het kabinet viel gisteren.")
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not store.conn.execute("PRAGMA foreign_key_check").fetchall()


def test_migrations_are_numbered_without_gaps():
    numbers = [n for n, _ in migrations()]
    assert numbers == list(range(1, len(numbers) + 1))
    assert (ROOT / "src" / "kroniek" / "store" / "sqlite" / "migrations").is_dir()


SEARCH_ARTICLES = [  # (id, publication date, text): the word "veerpont" in four articles, on three days
    ("s1", "2019-03-04", "Gisteren voer de nieuwe veerpont voor het eerst naar Texel. Morgen volgt een tweede."),
    ("s2", "2019-03-04", "De veerpont naar Texel lag vandaag stil door storm, meldde de rederij."),
    ("s3", "2019-03-20", "Op 1 april krijgt de veerpont een nieuwe dienstregeling, zei de wethouder gisteren."),
    ("s4", "2019-05-02", "Vorige week kocht de gemeente Den Helder een tweede veerpont voor de haven."),
    ("s5", "2019-03-21", "In Utrecht regende het gisteren de hele dag."),
]


def test_search_counts_the_same_in_memory_and_in_the_database(archive, monkeypatch):
    """Both backends, both ways of counting (kroniek.store.sql.search): the same page, total and
    histograms; publication dates in the range only; a page beyond the end is empty."""
    from kroniek.store.sql import search

    store = open_store(archive)
    annotator = Annotator(ner=False, lang="nl")
    for ext_id, date, text in SEARCH_ARTICLES:
        store.store_article(annotator.annotate(Article(text=text, dct=parse_dct(date), ext_id=ext_id,
                                                       origin=f"test:{ext_id}")))
    from kroniek.timeline.build import merge_pending

    merge_pending(store)
    start, end = parse_dct("2019-03-01").interval.start, parse_dct("2019-04-01").interval.start
    asked = [(["veerpont"], None, None, "month", 20, 0), (["veerpont"], None, None, "day", 2, 1),
             (["veerpont"], start, end, "week", 20, 0), (["veerpont", "texel"], None, None, "year", 20, 0),
             (["veerpont"], None, None, "month", 20, 10), (["nergens"], None, None, "month", 20, 0)]
    in_memory = [store.search_articles(*a) for a in asked]
    monkeypatch.setattr(search, "IN_MEMORY", 0)
    assert [store.search_articles(*a) for a in asked] == in_memory
    everything, paged, march, both, beyond, none = in_memory
    assert everything["total"] == 4 and [a["id"] for a in everything["articles"]] == ["s1", "s2", "s3", "s4"]
    assert everything["histogram"]["published"] == [{"bucket": "2019-03", "count": 3}, {"bucket": "2019-05", "count": 1}]
    assert sum(b["count"] for b in everything["histogram"]["happened"]) >= 4
    assert [a["id"] for a in paged["articles"]] == ["s2", "s3"] and paged["total"] == 4
    assert march["total"] == 3 and {b["bucket"] for b in march["histogram"]["published"]} == {"2019-W10", "2019-W12"}
    assert [a["id"] for a in both["articles"]] == ["s1", "s2"]
    assert beyond["articles"] == [] and beyond["total"] == 4
    assert none["total"] == 0 and none["histogram"]["published"] == []


def test_merged_events_at_the_same_second_get_places_in_id_order(archive):
    """Two merged events whose sort second and low id bits are equal cannot share a timeline place:
    the second takes the next one; a merged event that moves frees its old place for another."""
    from datetime import datetime, timezone

    from kroniek.events.summary import Summary
    from kroniek.store.sql.merge import write_summaries
    from kroniek.store.sql.times import POS_BITS, position, seconds

    store = open_store(archive)
    db = store.db
    when = datetime(2019, 3, 29, 12, tzinfo=timezone.utc)

    def summary(at):
        return Summary("2019-03-29", "day", at, at, False, at, 1, 1, 1, 0, 1.0, None, frozenset())

    low, high = 7, 7 + (1 << POS_BITS)
    with db.transaction():
        for cid in (low, high):
            db.execute("INSERT INTO clusters (id, value, interval_start, interval_end, granularity, sort_key,"
                       " mentions, sources, articles) VALUES (?, '', 0, 0, 'day', 0, 0, 0, 0)", (cid,))
        write_summaries(db, {high: summary(when), low: summary(when)})
    places = dict(db.execute("SELECT id, pos FROM clusters WHERE id IN (?, ?)", (low, high)).fetchall())
    first = position(seconds(when), low)
    assert places == {low: first, high: first + 1}
    # written again in one batch: `low` moves a day on, and `high` then takes the place `low` left
    later = datetime(2019, 3, 30, 12, tzinfo=timezone.utc)
    with db.transaction():
        write_summaries(db, {low: summary(later), high: summary(when)})
    places = dict(db.execute("SELECT id, pos FROM clusters WHERE id IN (?, ?)", (low, high)).fetchall())
    assert places == {low: position(seconds(later), low), high: first}
    store.close()
