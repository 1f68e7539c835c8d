"""Canonical entities across articles, with real Frog and real SQLite: Sessions-like cases,
merge and split decisions that survive re-ingest and regrouping, and the entities command."""
import json
import subprocess
import sys

import pytest

from kroniek.entities.grouping import compound_head, given_compatible, person_parts, variant
from kroniek.ingest import ingest
from kroniek.store import open_store

pytestmark = pytest.mark.frog

JEFF = ("Minister van Justitie Jeff Sessions sprak in september met de Russische ambassadeur. "
        "President Trump steunt Sessions.")
SAME = "Minister Sessions ontkende gisteren elk contact met Rusland. Trump blijft achter Sessions staan."
PETE = "Het Republikeinse Congreslid Pete Sessions uit Texas stemde tegen het voorstel van Trump."


def write(path, records):
    path.write_text("".join(json.dumps({"id": i, "text": t, "date": d}) + "\n" for i, t, d in records),
                    encoding="utf-8")
    return path


def people(conn, surname="sessions"):
    return {e["id"]: e for e in conn.list_entities("PER") if surname in e["name"].lower()}


def test_names_compare_as_people():
    assert person_parts("Vincent van Gogh", {"van"}) == ("van gogh", "vincent")
    assert given_compatible("jeff", "j.") and given_compatible("", "pete")
    assert not given_compatible("jeff", "pete")
    assert variant("northrop grumman corp", "northrop grumman", frozenset({"corp"}))
    assert not variant("airbus", "boeing", frozenset())


def test_surname_joins_the_one_person_in_play(tmp_path, archive):
    conn = open_store(archive)
    f = write(tmp_path / "a.jsonl", [("a1", JEFF, "2017-03-02"), ("a2", SAME, "2017-03-03")])
    ingest([f], conn, jobs=1)
    found = people(conn)
    assert len(found) == 1, found
    [jeff] = found.values()
    assert jeff["name"] == "Jeff Sessions" and jeff["articles"] == 2 and "Sessions" in jeff["aliases"]


def test_same_surname_other_first_name_stays_apart(tmp_path, archive):
    conn = open_store(archive)
    f = write(tmp_path / "a.jsonl", [("a1", JEFF, "2017-03-02"), ("a3", PETE, "2017-03-04")])
    ingest([f], conn, jobs=1)
    names = sorted(e["name"] for e in people(conn).values())
    assert names == ["Jeff Sessions", "Pete Sessions"]


def test_a_merge_keeps_its_name_type_and_id_through_regrouping(tmp_path, archive):
    """Merging a more-mentioned organisation into a place once renamed and retyped the place,
    and regrouping split them again under new ids."""
    conn = open_store(archive)
    f = write(tmp_path / "a.jsonl", [("a1", "Airbus bouwt vliegtuigen in Toulouse. Airbus zei gisteren dat"
                                            " het goed gaat met Airbus.", "2019-03-02")])
    ingest([f], conn, jobs=1)
    [place] = conn.find_entities("Toulouse")
    [firm] = conn.find_entities("Airbus")
    assert place["type"] == "LOC" and firm["type"] != "LOC" and firm["mention_count"] > place["mention_count"]
    merged = conn.merge_entities(place["uid"], firm["uid"])
    assert (merged["uid"], merged["name"], merged["type"]) == (place["uid"], "Toulouse", "LOC")
    conn.regroup_entities()
    rows = {(e["id"], e["name"], e["type"]) for e in conn.list_entities() if e["name"] in ("Toulouse", "Airbus")}
    assert rows == {(place["uid"], "Toulouse", "LOC")}


def test_merge_and_split_survive_reingest_and_regroup(tmp_path, archive):
    db = archive
    conn = open_store(db)
    first = write(tmp_path / "a.jsonl", [("a1", JEFF, "2017-03-02"), ("a3", PETE, "2017-03-04")])
    ingest([first], conn, jobs=1)
    jeff = conn.find_entities("Jeff Sessions")[0]
    pete = conn.find_entities("Pete Sessions")[0]
    merged = conn.merge_entities(jeff["uid"], pete["uid"])
    assert merged["uid"] == jeff["uid"] and merged["article_count"] == 2
    assert conn.find_entities(pete["uid"])[0]["uid"] == jeff["uid"]  # the old id still leads there
    # the same file again adds nothing; a new article naming Pete joins the merged entity
    again = ingest([first], conn, jobs=1)
    assert again.stored == 0
    later = write(tmp_path / "b.jsonl", [("a4", "Pete Sessions zei gisteren dat hij tegen zou stemmen.",
                                          "2017-03-05")])
    ingest([later], conn, jobs=1)
    assert len(people(conn)) == 1
    assert conn.regroup_entities() > 0
    [only] = people(conn).values()
    assert only["id"] == jeff["uid"] and only["articles"] == 3
    # split Pete off again: the rule keeps him apart through re-ingest and regrouping
    new = conn.split_entity(jeff["uid"], names=["Pete Sessions"])
    assert new["name"] == "Pete Sessions"
    assert new["uid"] == pete["uid"]  # the split undoes the merge: Pete has his old id back
    ingest([write(tmp_path / "c.jsonl", [("a5", "Volgens Pete Sessions is het voorstel slecht.", "2017-03-06")])],
           conn, jobs=1)
    conn.regroup_entities()
    found = people(conn)
    assert sorted(e["name"] for e in found.values()) == ["Jeff Sessions", "Pete Sessions"]
    assert found[new["uid"]]["articles"] == 3 and found[jeff["uid"]]["articles"] == 1
    assert conn.find_entities(pete["uid"])[0]["name"] == "Pete Sessions"


def test_entities_command(tmp_path, archive):
    db = archive
    f = write(tmp_path / "a.jsonl", [("a1", JEFF, "2017-03-02"), ("a2", SAME, "2017-03-03"),
                                     ("a3", PETE, "2017-03-04")])
    kroniek = [sys.executable, "-m", "kroniek.cli.main"]

    def run(*args):
        return subprocess.run([*kroniek, *args, "--db", str(db)], capture_output=True, text=True, timeout=600)

    assert subprocess.run([*kroniek, "ingest", "-q", "--jobs", "1", "--db", str(db), str(f)],
                          capture_output=True, text=True, timeout=600).returncode == 0
    listed = json.loads(run("entities", "--format", "json").stdout)
    assert listed == sorted(listed, key=lambda e: -e["mentions"])
    assert {"id", "name", "type", "mentions", "articles", "aliases"} <= set(listed[0])
    csv_out = run("entities", "--format", "csv", "--type", "PER").stdout
    assert csv_out.startswith("id,name,type,mentions,articles,aliases")
    shown = json.loads(run("entities", "show", "Jeff Sessions", "--format", "json").stdout)
    assert shown["name"] == "Jeff Sessions" and {a["id"] for a in shown["in"]} == {"a1", "a2"}
    text = run("entities", "show", "Sessions").stdout
    assert "[Sessions]" in text or "[Jeff Sessions]" in text
    same = run("entities", "merge", "Sessions", "Jeff Sessions")  # "Sessions" is Jeff's short form here
    assert same.returncode == 2 and "same entity" in same.stderr and "Traceback" not in same.stderr
    missing = run("entities", "show", "Nobody Here")
    assert missing.returncode == 2 and "no entity" in missing.stderr
    assert run("entities", "split", "Trump").returncode == 2  # nothing said about what to split


def orgs(conn, word):
    return [e for e in conn.list_entities("ORG") if word in e["name"].lower()
            or any(word in a.lower() for a in e["aliases"])]


def test_a_company_name_that_starts_another_is_one_company(tmp_path, archive):
    conn = open_store(archive)
    f = write(tmp_path / "a.jsonl", [
        ("b1", "Het bedrijf Apple verkocht vorig jaar meer telefoons dan ooit.", "2006-03-02"),
        ("b2", "Het bedrijf Apple Computer kondigde maandag een nieuwe laptop aan.", "2006-03-03"),
        ("b3", "De luchtvaartmaatschappij Air France koopt nieuwe toestellen.", "2006-03-04"),
        ("b4", "De luchtvaartmaatschappij Air Canada koopt ook nieuwe toestellen.", "2006-03-05")])
    ingest([f], conn, jobs=1)
    apple = orgs(conn, "apple")
    assert len(apple) == 1 and apple[0]["articles"] == 2, apple
    assert len(orgs(conn, "air ")) == 2  # "Air" is an organisation word: no name of its own


def test_a_name_with_its_acronym_joins_the_entity_called_so(tmp_path, archive):
    conn = open_store(archive)
    f = write(tmp_path / "a.jsonl", [
        ("c1", "Het concern LMSS verkrijgt een groot contract van de luchtmacht.", "2008-03-02"),
        ("c2", "Daarna kocht Lockheed Martin Space Systems ( LMSS ) een fabriek in Duitsland. "
               "LMSS betaalde veel.", "2008-03-03")])
    ingest([f], conn, jobs=1)
    found = orgs(conn, "lmss")
    assert len(found) == 1 and found[0]["articles"] == 2, found


def test_two_forms_of_one_country_are_one_place(tmp_path, archive):
    conn = open_store(archive)
    f = write(tmp_path / "a.jsonl", [
        ("d1", "De handel met de Verenigde Staten groeide vorig jaar sterk.", "2008-03-02"),
        ("d2", "De regering van de Verenigde Staten van Amerika wil minder invoer.", "2008-03-03")])
    ingest([f], conn, jobs=1)
    places = [e for e in conn.list_entities("LOC") if "verenigde" in e["name"].lower()]
    assert len(places) == 1 and places[0]["articles"] == 2, places


def test_a_name_in_a_compound_joins_the_name(tmp_path, archive):
    conn = open_store(archive)
    f = write(tmp_path / "a.jsonl", [
        ("e1", "De luchtvaartmaatschappij Air Canada koopt nieuwe toestellen.", "2008-03-02"),
        ("e2", "Het Air Canada-contract levert Boeing veel geld op.", "2008-03-03")])
    ingest([f], conn, jobs=1)
    found = [e for e in conn.list_entities() if "air canada" in e["name"].lower()]
    assert len(found) == 1 and found[0]["articles"] == 2, found
    assert compound_head("McDonnell Douglas-vliegtuigen") == "McDonnell Douglas"
    assert compound_head("Noord-Holland") == "Noord-Holland"


def test_a_split_by_article_survives_regrouping_and_keeps_the_id(tmp_path, archive):
    conn = open_store(archive)
    ingest([write(tmp_path / "a.jsonl", [("a1", JEFF, "2017-03-02"), ("a2", SAME, "2017-03-03")])], conn, jobs=1)
    [jeff] = people(conn).values()
    assert jeff["articles"] == 2
    new = conn.split_entity(jeff["id"], articles=["a1"])
    for _ in range(2):  # the split holds, and holds again after regrouping
        found = people(conn)
        assert sorted(found) == sorted([jeff["id"], new["uid"]])
        assert found[jeff["id"]]["articles"] == 1 and found[new["uid"]]["articles"] == 1
        conn.regroup_entities()
    later = write(tmp_path / "b.jsonl", [("a3", "Minister Sessions zei vrijdag niets over Rusland.", "2017-03-10")])
    ingest([later], conn, jobs=1)
    assert people(conn)[jeff["id"]]["articles"] == 2  # a new article joins the entity that kept the name


def test_timelines_follow_entity_merges_and_splits(tmp_path, archive):
    """A merge or split changes which events an --entity timeline finds, at once (the merged
    events' search documents and blocking keys follow the entities)."""
    from kroniek.timeline import Timeline

    store = open_store(archive)
    ingest([write(tmp_path / "a.jsonl", [("a1", JEFF, "2017-03-02"), ("a3", PETE, "2017-03-04")])], store, jobs=1)
    tl = Timeline(store)
    jeff, pete = store.find_entities("Jeff Sessions")[0], store.find_entities("Pete Sessions")[0]

    def articles(uid):
        return {m["article"]["id"] for e in tl.entries(entity=uid) for m in e.members}

    assert articles(jeff["uid"]) == {"a1"} and articles(pete["uid"]) == {"a3"}
    store.merge_entities(jeff["uid"], pete["uid"])
    assert articles(jeff["uid"]) == {"a1", "a3"} and store.check() == []
    store.split_entity(jeff["uid"], names=["Pete Sessions"])
    assert articles(jeff["uid"]) == {"a1"} and articles(pete["uid"]) == {"a3"} and store.check() == []
