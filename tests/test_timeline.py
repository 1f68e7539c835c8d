"""Merged events across articles: triangulation, disagreement, syndication, formats."""
import json

import pytest

from kroniek import Timeline
from kroniek.errors import UsageError
from kroniek.ingest import ingest
from kroniek.store import open_store
from kroniek.timeline.export import to_csv, to_text, to_timelinejs

from .conftest import BACKENDS

ARTICLES = [
    # one resignation, told twice: "two weeks ago" in a March article, "Monday" in a February one
    {"id": "a1", "date": "2017-03", "source": "Trouw",
     "text": "Twee weken geleden trad minister Jan de Vries van Defensie af na een ruzie over de begroting."},
    {"id": "a2", "date": "2017-02-28", "source": "AD",
     "text": "Minister Jan de Vries van Defensie trad maandag af na een ruzie over de begroting."},
    # one vote, dated differently by two papers
    {"id": "b1", "date": "2019-03-20", "source": "Volkskrant",
     "text": "Het Lagerhuis stemde op 12 maart over de brexitdeal van premier Theresa May."},
    {"id": "b2", "date": "2019-03-21", "source": "Parool",
     "text": "Het Lagerhuis stemde op 14 maart over de brexitdeal van premier Theresa May."},
    # one agency text printed by two titles
    {"id": "c1", "date": "2019-04-02", "source": "ANP via Trouw",
     "text": "De haven van Rotterdam werd gisteren urenlang stilgelegd door een staking van sjorders. "
             "De vakbond FNV eist een betere cao voor de sjorders in de haven van Rotterdam."},
    {"id": "c2", "date": "2019-04-02", "source": "ANP via AD",
     "text": "De haven van Rotterdam werd gisteren urenlang stilgelegd door een staking van sjorders. "
             "De vakbond FNV eist een betere cao voor de sjorders in de haven van Rotterdam!"},
]


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tl")
    path = folder / "news.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    where = folder / "k.db" if request.param == "sqlite" else request.getfixturevalue("pg_server").new()
    conn = open_store(where)
    report = ingest([path], conn, jobs=1)
    assert report.stored == len(ARTICLES) and report.timeline is not None
    return conn


def only(entries, words):
    found = [e for e in entries if any(words in m["sentence"] for m in e.members)]
    assert len(found) == 1, [(e.value, e.sentence) for e in entries]
    return found[0]


def test_two_articles_one_event_with_the_intersected_date(db):
    e = only(Timeline(db).entries("De Vries"), "trad")
    assert e.mentions == 2 and e.sources == 2
    assert e.value == "2017-02-27" and e.start.startswith("2017-02-27") and e.end.startswith("2017-02-28")
    assert not e.disagree
    # it sorts where its date starts, not where its widest mention starts (2017-02-15; was a bug)
    assert e.sort_key.startswith("2017-02-27")
    assert {m["article"]["id"] for m in e.members} == {"a1", "a2"}
    # each source keeps its own, wider date
    own = {m["article"]["id"]: m["value"] for m in e.members}
    assert own["a2"] == "2017-02-27" and "X" in own["a1"]


def test_dates_that_do_not_intersect_are_flagged(db):
    e = only(Timeline(db).entries("Lagerhuis"), "stemde")
    assert e.mentions == 2 and e.disagree
    assert sorted(m["value"] for m in e.members) == ["2019-03-12", "2019-03-14"]
    assert "sources disagree" in to_text([e])


def test_syndicated_copies_are_one_source(db):
    e = only(Timeline(db).entries("haven", direct=True), "stilgelegd")
    assert e.mentions == 2 and e.sources == 1
    groups = {m["syndication_group"] for m in e.members}
    assert len(groups) == 1


def test_min_sources_and_top(db):
    tl = Timeline(db)
    strong = tl.entries("De Vries", min_sources=2)
    assert len(strong) == 1 and strong[0].sources == 2
    assert tl.entries("haven", direct=True) and not tl.entries("haven", direct=True, min_sources=2)
    everything = tl.entries("de")
    top = tl.entries("de", top=2)
    assert len(everything) > 2 and len(top) == 2
    assert all(e.sources == 2 for e in top)  # the two events with two independent sources
    assert [e.sort_key for e in top] == sorted(e.sort_key for e in top)


def test_entries_are_in_date_order_with_groups(db):
    entries = Timeline(db).entries("De Vries", granularity="month")
    keys = [e.sort_key for e in entries]
    assert keys == sorted(keys)
    assert all(e.group and len(e.group) == 7 for e in entries)


def test_entity_option(db):
    entries = Timeline(db).entries(entity="Jan de Vries")
    assert entries
    assert all("Vries" in m["sentence"] for e in entries for m in e.members)
    assert not Timeline(db).entries(entity="Theresa May", start="2017", end="2017")


def test_entity_by_full_name_short_name_or_id_is_the_same(db):
    """"--entity Sessions" and "--entity 'Jeff Sessions'" once gave different events, and ids none."""
    tl = Timeline(db)
    full = {e.cluster for e in tl.entries(entity="Theresa May")}
    [may] = db.find_entities("Theresa May")
    assert full and full == {e.cluster for e in tl.entries(entity=may["uid"])}
    assert full == {e.cluster for e in tl.entries(entity="May")}


def test_a_query_matches_entity_names_by_whole_words(db):
    """"haven" is no entity match inside "Havenbedrijf"-like names; a word inside a name is."""
    tl = Timeline(db)
    assert not [e for e in tl.entries("Vrie", direct=True) if e.match == "entity"]
    assert [e for e in tl.entries("Vries", direct=True) if e.match in ("entity", "sentence")]


def test_output_formats(db):
    entries = Timeline(db).entries("De Vries", granularity="week")
    rows = to_csv(entries).splitlines()
    assert rows[0].startswith("value,start,end") and len(rows) == len(entries) + 1
    js = json.loads(to_timelinejs(entries, "De Vries"))
    assert js["title"]["text"]["headline"] == "De Vries"
    merged = [ev for ev in js["events"] if ev["start_date"] == {"year": "2017", "month": "2", "day": "27"}]
    assert merged and "<br>" in merged[0]["text"]["text"] and merged[0]["group"] == "2017-W09"
    assert "end_date" not in merged[0]  # one day: TimelineJS days are inclusive, ours end exclusive
    text = to_text(entries)
    assert "== 2017-W09 ==" in text and "2 sources" in text


def test_timelinejs_dates_lie_inside_the_interval(db):
    """An open "before X" event once started on X, and end dates were one day late."""
    entries = Timeline(db).entries("de")
    js = {ev["unique_id"]: ev for ev in json.loads(to_timelinejs(entries, "de"))["events"]}
    for e in entries:
        ev = js[f"event-{e.cluster}"]
        day = "{year:0>4}-{month:0>2}-{day:0>2}".format(**ev["start_date"])
        assert (e.start is None or e.start[:10] <= day) and (e.end is None or day < e.end[:10]), (e.value, day)
        if e.start is None:
            assert ev["display_date"].startswith("before")
        elif e.anchoring == "dct" and e.end is not None:
            assert ev["display_date"] == f"about {e.start[:10]} (publication date)"
        if "end_date" in ev:
            last = "{year:0>4}-{month:0>2}-{day:0>2}".format(**ev["end_date"])
            assert last < e.end[:10]


def test_a_date_range_alone_gives_every_event_in_it(db):
    timeline = Timeline(db)
    march = timeline.entries(start="2019-03", end="2019-03", limit=None)
    assert march.total == len(march) > 0
    every = timeline.entries(start="1900", end="2100", limit=None)
    inside = [e for e in every if e.start and e.end and e.start < "2019-04-01" and e.end > "2019-03-01"
              and not e.disagree]
    assert {e.cluster for e in inside} <= {e.cluster for e in march}
    assert all(e.match == "date" for e in march)
    assert "Lagerhuis" in " ".join(e.sentence for e in march)  # the March vote
    assert "sjorders" not in " ".join(e.sentence for e in march)  # April's strike is not in March
    with pytest.raises(UsageError):
        timeline.entries()
