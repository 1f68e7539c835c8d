"""Event merging within one article: a headline and its lead merge; two uses of a light verb do not."""
from datetime import datetime, timezone

from kroniek.events.langdata import event_data
from kroniek.events.merge import Mention, cluster

DAY = (datetime(2019, 4, 11, tzinfo=timezone.utc), datetime(2019, 4, 12, tzinfo=timezone.utc))


def _mention(key, predicate, terms, entities=(), light=False, article=1):
    return Mention(key, article, article, predicate, *DAY, "2019-04-11", frozenset(terms), frozenset(entities),
                   light=light)


def _groups(mentions):
    return sorted(sorted(mentions[k].key for k in c.members) for c in cluster(mentions))


def _filler(n=40):
    # other articles, so that the content words above are rare (IDF) and no predicate is common
    return [_mention(100 + k, f"p{k}", {f"w{k}", f"v{k}"}, article=100 + k) for k in range(n)]


def test_one_predicate_and_one_participant_in_one_article_merge():
    mentions = [_mention(1, "verdenken", {"sylvia", "dood"}, {"PER:sylvia r."}),
                _mention(2, "verdenken", {"moord", "doodslag"}, {"PER:sylvia r."}), *_filler()]
    assert [1, 2] in _groups(mentions)


def test_one_predicate_without_anything_shared_stays_apart():
    # "Almelo haakte af ..." and "Enschede haakte ... af": two events, one verb
    mentions = [_mention(1, "afhaken", {"almelo", "vertrouwen"}, {"LOC:almelo"}),
                _mention(2, "afhaken", {"enschede", "reden"}, {"LOC:enschede"}), *_filler()]
    assert [1] in _groups(mentions) and [2] in _groups(mentions)


def test_a_light_verb_does_not_merge_on_shared_words():
    # "Boeren krijgen subsidie van de EU" and "ik heb nooit subsidie gekregen"
    data = event_data("nl")
    assert data.light("krijgen") and data.light("zullen") and not data.light("verdenken")
    mentions = [_mention(1, "krijgen", {"boeren", "subsidie", "miljarden"}, light=True),
                _mention(2, "krijgen", {"subsidie", "ondernemer", "fotobranche"}, light=True), *_filler()]
    assert [1] in _groups(mentions) and [2] in _groups(mentions)
    heavy = [_mention(1, "krijgen", {"boeren", "subsidie", "miljarden"}),
             _mention(2, "krijgen", {"subsidie", "ondernemer", "fotobranche"}), *_filler()]
    assert [1, 2] in _groups(heavy)  # the same pair merges when the verb is not light


def _dated(key, start, end, article, terms, entities):
    return Mention(key, article, article, "treffen", start, end, "x", frozenset(terms), frozenset(entities))


def test_an_undated_past_mention_does_not_take_an_old_date():
    # "Mozambique is zwaar getroffen" (2019, dated only before its article) and
    # "In februari 2000 werd Mozambique getroffen door orkaan Eline"
    utc = timezone.utc
    terms, ents = {"mozambique", "orkaan", "doden"}, {"LOC:mozambique"}
    undated = _dated(1, None, datetime(2019, 3, 20, tzinfo=utc), 1, terms, ents)
    old = _dated(2, datetime(2000, 2, 1, tzinfo=utc), datetime(2000, 3, 1, tzinfo=utc), 2, terms, ents)
    recent = _dated(3, datetime(2019, 3, 14, tzinfo=utc), datetime(2019, 3, 15, tzinfo=utc), 3, terms, ents)
    groups = _groups([undated, old, recent, *_filler()])
    assert [1, 3] in groups and [2] in groups


def test_one_sentence_in_two_versions_of_an_article_is_one_source():
    from kroniek.events.records import copy_key
    from kroniek.events.summary import independent_sources

    def said(key, group, sentence):
        return Mention(key, group, group, "eisen", *DAY, "x", copy=copy_key(sentence))

    same = "Verschillende Republikeinen eisten zijn aftreden, maar hij gaf geen duimbreed toe."
    assert copy_key(same) == copy_key(same.upper().replace(",", "")) and copy_key("Hij ging.") is None
    assert independent_sources([said(1, 730, same), said(2, 735, same)]) == 1
    assert independent_sources([said(1, 730, same), said(2, 735, "Republikeinen eisten gisteren zijn aftreden.")]) == 2
    assert independent_sources([said(1, 7, "Hij ging."), said(2, 8, "Hij ging.")]) == 2  # too short to call a copy
    assert independent_sources([said(1, 7, same), said(2, 7, "Iets heel anders gebeurde daar toen ook.")]) == 1


def test_content_alone_links_only_with_three_shared_words():
    # "Het stuk was niet vertrouwelijk, bleek deze week uit dat onderzoek." and "Deze week bleek
    # dat onderwijsinspecteurs werden gehinderd": two words in common ("onderzoek" and its part
    # "zoek"), half of the short one's content, but nothing else
    short = _mention(1, None, {"onderzoek", "zoek", "stuk"}, article=1)
    other = _mention(2, "hinderen", {"onderzoek", "zoek", "inspecteur", "werk", "onderwijs"}, article=2)
    assert [1] in _groups([short, other, *_filler()])
    copy = _mention(3, "hinderen", {"onderzoek", "zoek", "inspecteur", "werk"}, article=3)
    assert [2, 3] in _groups([other, copy, *_filler()])
