"""Archives that grow: the DPG corpus ingested in ten runs merges as in one; syndication found
article by article equals one pass; timeline pages are disjoint, complete and in date order."""
import itertools
import json

import pytest

from kroniek.events.syndication import groups
from kroniek.ingest import ingest
from kroniek.store import open_store
from kroniek.timeline import Timeline

from .conftest import DPG, need

pytestmark = pytest.mark.slow

QUERIES = ["Brexit", "kabinet", "politie", "Trump", "verkiezingen"]


def _split(tmp_path, parts):
    lines = need(DPG).read_text(encoding="utf-8").splitlines(keepends=True)
    size = -(-len(lines) // parts)
    files = []
    for n in range(parts):
        f = tmp_path / f"part{n:02}.jsonl"
        f.write_text("".join(lines[n * size:(n + 1) * size]), encoding="utf-8")
        files.append(f)
    return files


@pytest.fixture(scope="module")
def one_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("one")
    store = open_store(folder / "k.db")
    report = ingest(_split(folder, 1), store, jobs=2, ner=False)
    assert report.stored > 1300
    return store


@pytest.fixture(scope="module")
def ten_runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ten")
    store = open_store(folder / "k.db")
    for f in _split(folder, 10):
        ingest([f], store, jobs=2, ner=False)
    return store


def merged_events(store):
    """Each merged event as (its mentions by article id and offsets, its date, its sources)."""
    rows = store.db.execute(
        "SELECT c.id, a.ext_id, s.start, e.trigger_start, e.id, c.value, c.interval_start, c.interval_end,"
        " c.sources, c.disagree FROM clusters c JOIN events e ON e.cluster_id = c.id"
        " JOIN articles a ON a.id = e.article_id JOIN sentences s ON s.id = e.sentence_id ORDER BY c.id, e.id")
    out = {}
    for cid, ext, start, trigger, eid, value, lo, hi, sources, disagree in rows:
        members, _ = out.setdefault(cid, ([], (value, lo, hi, sources, disagree)))
        members.append((ext, start, trigger, eid))
    return {frozenset((ext, start, trigger) for ext, start, trigger, _ in members): summary
            for members, summary in out.values()}


def links(events):
    return {pair for members in events for pair in itertools.combinations(sorted(members), 2)}


def test_ten_ingests_merge_as_one(one_run, ten_runs):
    one, ten = merged_events(one_run), merged_events(ten_runs)
    a, b = links(one), links(ten)
    f1 = 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0
    assert f1 >= 0.99
    # each article merges against what was merged before it: the split into runs changes nothing
    assert one == ten
    assert sum(len(m) > 1 for m in one) > 50  # and there is merging to compare


def test_syndication_found_article_by_article_equals_one_pass(ten_runs):
    rows = ten_runs.conn.execute("SELECT id, text, syndication_group FROM articles ORDER BY id").fetchall()
    stored = {r[0]: r[2] for r in rows}
    assert groups({r[0]: r[1] for r in rows}) == stored
    assert len(set(stored.values())) < len(stored)  # the corpus holds copies


def test_merging_leaves_no_loose_ends(one_run, ten_runs):
    for store in (one_run, ten_runs):
        assert store.check() == []
        assert store.pending_count() == 0


@pytest.mark.parametrize("query", QUERIES)
def test_pages_are_disjoint_complete_and_in_date_order(one_run, query):
    tl = Timeline(one_run)
    everything = tl.entries(query, limit=None)
    assert everything.total == len(everything) > 0
    pages, offset = [], 0
    while True:
        page = tl.entries(query, limit=40, offset=offset)
        assert page.total == everything.total
        if not page:
            break
        pages.append(page)
        offset += len(page)
    by_offset = [e.cluster for p in pages for e in p]
    assert by_offset == [e.cluster for e in everything]  # disjoint, complete, same order
    keys = [e.sort_key for e in everything]
    assert keys == sorted(keys)
    by_cursor, after = [], None
    while True:
        page = tl.entries(query, limit=40, after=after)
        by_cursor += [e.cluster for e in page]
        if page.next is None:
            break
        after = page.next
    assert by_cursor == by_offset


def _kept(entry, lo, hi):
    """The date filter's meaning: an agreed, bounded date overlaps [lo, hi); anything else is placed."""
    if entry.start is not None and entry.end is not None and not entry.disagree:
        return entry.start < hi and entry.end > lo
    return lo <= entry.sort_key < hi


@pytest.mark.parametrize("query, start, end", [("Brexit", "2019-03", "2019-03"), ("kabinet", "2018", "2019-02"),
                                               ("politie", "2019-03-20", "2019-04-10"), ("Trump", "2016", "2016")])
def test_a_date_range_keeps_what_overlaps_it(one_run, query, start, end):
    from kroniek.timeline.query import bound

    tl = Timeline(one_run)
    lo, hi = bound(start, False).isoformat(), bound(end, True).isoformat()
    expected = [e.cluster for e in tl.entries(query, limit=None) if _kept(e, lo, hi)]
    found = tl.entries(query, start=start, end=end, limit=None)
    assert [e.cluster for e in found] == expected and found.total == len(expected)
    first = tl.entries(query, start=start, end=end, limit=5)
    assert [e.cluster for e in first] == expected[:5] and first.total == len(expected)


def test_min_sources_entity_words_and_top_page_alike(one_run):
    tl = Timeline(one_run)
    everything = tl.entries("Brexit", limit=None)
    strong = tl.entries("Brexit", min_sources=2, limit=None)
    assert [e.cluster for e in strong] == [e.cluster for e in everything if e.sources >= 2]
    top = tl.entries("Brexit", top=10, limit=None)
    best = sorted(everything, key=lambda e: (-e.salience, e.sort_key))[:10]
    assert len(top) == 10 and {e.salience for e in top} == {e.salience for e in best}
    assert [e.sort_key for e in top] == sorted(e.sort_key for e in top)
    half = tl.entries("Brexit", top=10, limit=5)
    assert [e.cluster for e in half] == [e.cluster for e in top][:5] and half.total == 10


def test_json_output_reports_the_total_and_the_next_page(one_run):
    from kroniek.timeline.export import to_json

    page = Timeline(one_run).entries("politie", limit=3)
    data = json.loads(to_json(page))
    assert data["total"] == page.total > 3 and len(data["entries"]) == 3 and data["next"] == page.next


def _words(seed: int, n: int) -> str:
    """n distinct filler words (so that every 5-gram is new)."""
    return " ".join(f"woord{seed}x{i}" for i in range(n)) + "."


def test_an_article_that_bridges_two_syndication_groups_recounts_their_shared_events(tmp_path, archive):
    """C is a copy of A and of B, which are not copies of each other: afterwards the event A and B
    both tell (and C does not) has one independent source, as when all three are ingested at once."""
    from kroniek.events.syndication import band_keys, signature, similarity

    told_a = "Het kabinet van premier Rutte viel op 12 maart na een ruzie over de begroting."
    told_b = "Op 12 maart viel het kabinet van premier Rutte, na ruzie over de begroting van Defensie."
    shared = _words(8, 55)  # chosen so that LSH finds C with A and with B, and not A with B
    a = {"id": "a", "date": "2019-03-14", "text": f"{shared} {told_a}"}
    b = {"id": "b", "date": "2019-03-14", "text": f"{shared} {told_b}"}
    c = {"id": "c", "date": "2019-03-15", "text": shared}  # a copy of both; tells neither
    sig = {k: signature(v["text"]) for k, v in (("a", a), ("b", b), ("c", c))}
    assert similarity(sig["a"], sig["b"]) < 0.7 <= min(similarity(sig["a"], sig["c"]), similarity(sig["b"], sig["c"]))
    bands = {k: set(band_keys(v)) for k, v in sig.items()}
    assert not bands["a"] & bands["b"] and bands["a"] & bands["c"] and bands["b"] & bands["c"]

    def feed(path, records):
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return path

    def sources(store):
        [entry] = [e for e in Timeline(store).entries("Rutte", limit=None) if "kabinet" in e.sentence.lower()]
        return entry.sources

    store = open_store(archive)
    ingest([feed(tmp_path / "ab.jsonl", [a, b])], store, jobs=1, ner=False)
    assert sources(store) == 2
    ingest([feed(tmp_path / "c.jsonl", [c])], store, jobs=1, ner=False)
    assert len({tuple(r)[0] for r in store.db.execute("SELECT syndication_group FROM articles")}) == 1
    assert sources(store) == 1
    once = open_store(tmp_path / "once.db")
    ingest([feed(tmp_path / "abc.jsonl", [a, b, c])], once, jobs=1, ner=False)
    assert merged_events(store) == merged_events(once)
