"""Incremental merging in SQL (both backends): the merge index, syndication, and merged events.

:class:`SQLMergeIndex` answers the merger's questions
(:class:`kroniek.events.online.MergeIndex`) from the tables ``merge_keys``,
``merge_terms``, ``merge_counts``, ``events`` and ``clusters``, and applies
a merge step. :func:`write_summaries` stores what a timeline shows of the
merged events that changed and gives each its place on the timeline;
:func:`documents` assembles their full-text documents, which each backend
indexes its own way (SQLite: FTS5; PostgreSQL: a ``tsvector``).
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Hashable, Iterable

from ...events.langdata import event_data
from ...events.merge import Mention, NARROW_DAYS
from ...events.online import BlockQuery, ClusterState, MergeIndex, Step
from ...events.records import EVENT_ENTITY_TYPES, StoredEvent, linkable, parse_tokens, stable_hash
from ...events.summary import Member, Summary
from .db import Db, chunks, marks as _marks
from .times import OPEN_END, OPEN_START, moment, position, seconds

_SECOND = timedelta(seconds=1)
#: Blocking-key queries sent together in one statement.
LOOKUPS_PER_STATEMENT = 100
#: Sources counts the documents carry as tokens (``s2`` ... ``s20``: at least that many sources).
MAX_SOURCE_TOKEN = 20
#: A wide merged event names every year it touches as a token, up to this many years (else ``yall``).
MAX_YEAR_TOKENS = 40


def entity_key(entity_id: int | None, kind: str, text: str) -> str:
    """The key of an entity in merging: its canonical id, else its type and name."""
    return f"e{entity_id}" if entity_id is not None else f"{kind}:{text.lower()}"


def pack_terms(keys: Iterable[int]) -> bytes:
    """Content-word ids as stored: ascending, the gaps as LEB128 varints."""
    out = bytearray()
    last = 0
    for k in sorted(keys):
        gap, last = k - last, k
        while gap >= 0x80:
            out.append((gap & 0x7F) | 0x80)
            gap >>= 7
        out.append(gap)
    return bytes(out)


def unpack_terms(blob: bytes | None) -> frozenset[int]:
    """Stored content-word ids (see :func:`pack_terms`)."""
    out, value, shift, last = [], 0, 0, 0
    for byte in blob or b"":
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        last += value
        out.append(last)
        value, shift = 0, 0
    return frozenset(out)


def add_counts(db: Db, rows: list[tuple[str, str, int]]) -> None:
    """Add to the running counts (``merge_counts``): ``(kind, key, count)`` rows."""
    db.executemany("INSERT INTO merge_counts (kind, key, count) VALUES (?, ?, ?)"
                   " ON CONFLICT (kind, key) DO UPDATE SET count = merge_counts.count + excluded.count", rows)


def _derived_reach(start: datetime | None, end: datetime | None) -> tuple:
    """The reach fields one mention with this interval has (stored as NULLs)."""
    return (end if start is None else None, end, start if end is None else None, start)


def event_entities(db: Db, event_ids: Iterable[int]) -> dict[int, set[str]]:
    """Event id → keys of the entities its mention links involve (PER, ORG, LOC, MISC)."""
    out: dict[int, set[str]] = {}
    types = _marks(len(EVENT_ENTITY_TYPES))
    for part in chunks(event_ids):
        among, args = db.among(part)
        for eid, entity_id, kind, text in db.execute(
                f"SELECT em.event_id, m.entity_id, m.type, m.text FROM event_mentions em JOIN mentions m"
                f" ON m.id = em.mention_id WHERE em.event_id {among} AND m.type IN ({types})",
                (*args, *EVENT_ENTITY_TYPES)):
            out.setdefault(eid, set()).add(entity_key(entity_id, kind, text))
    return out


def stored_events(db: Db, article_id: int) -> list[StoredEvent]:
    """The event mentions of one article that merging sees: each sentence's main event, and every dated one."""
    rows = db.execute(
        "SELECT e.id, e.article_id, COALESCE(a.syndication_group, a.id) AS grp, a.lang, e.predicate, e.value,"
        " e.anchoring, e.relation, e.cls, e.pos, e.interval_start, e.interval_end, e.sort_key, e.sentence_id,"
        ' e.timex_id, s.start, s."end", s.tokens, a.text FROM events e JOIN sentences s ON s.id = e.sentence_id'
        " JOIN articles a ON a.id = e.article_id WHERE e.article_id = ? AND (e.is_main = 1 OR e.anchoring = 'timex')"
        " ORDER BY e.id", (article_id,)).fetchall()
    if not rows:
        return []
    cuts: dict[int, list[tuple[int, int]]] = {}
    for sid, start, end in db.execute('SELECT sentence_id, start, "end" FROM timexes WHERE article_id = ?',
                                        (article_id,)):
        cuts.setdefault(sid, []).append((start, end))
    entities = event_entities(db, [r["id"] for r in rows])
    tokens: dict[int, list | None] = {}
    out = []
    for r in rows:
        sid = r["sentence_id"]
        if sid not in tokens:
            tokens[sid] = parse_tokens(r["tokens"])
        out.append(StoredEvent(
            r["id"], r["article_id"], r["grp"], r["lang"], r["predicate"], r["value"], r["anchoring"],
            r["relation"], r["cls"], r["pos"], moment(r["interval_start"], OPEN_START),
            moment(r["interval_end"], OPEN_END), moment(r["sort_key"]), sid, r["timex_id"],
            r["text"][r["start"]:r["end"]], r["start"], tokens[sid], cuts.get(sid, []),
            frozenset(entities.get(r["id"], ()))))
    return out


class SQLMergeIndex(MergeIndex):
    """The merge index of a database (inside the caller's transaction)."""

    def __init__(self, db: Db):
        self.db = db

    def known_terms(self, terms: set[str]) -> set[str]:
        from ...events.online import KNOWN_PART_DF

        out = set()
        for part in chunks(terms):
            among, args = self.db.among(part)
            out.update(r[0] for r in self.db.execute(
                f"SELECT term FROM merge_terms WHERE term {among} AND df >= ?", (*args, KNOWN_PART_DF)))
        return out

    def term_keys(self, terms: set[str]) -> dict[str, Hashable]:
        out: dict[str, Hashable] = {}
        for part in chunks(sorted(terms)):
            among, args = self.db.among(part)
            out.update((t, i) for i, t in self.db.execute(f"SELECT id, term FROM merge_terms WHERE term {among}",
                                                          args))
        new = sorted(terms - out.keys())
        out.update(zip(new, self.db.insert_many("INSERT INTO merge_terms (term, df) VALUES (?, 0)",
                                                [(t,) for t in new])))
        return out

    def term_counts(self, keys: Iterable[Hashable]) -> dict[Hashable, int]:
        keys = list(keys)
        out = {k: 0 for k in keys}
        for part in chunks(keys):
            among, args = self.db.among(part)
            out.update(self.db.execute(f"SELECT id, df FROM merge_terms WHERE id {among}", args))
        return out

    def predicate_counts(self, predicates: Iterable[str]) -> dict[str, int]:
        return self._counts("p", predicates)

    def entity_counts(self, keys: Iterable[str]) -> dict[str, int]:
        """Entity key → merged mentions involving it (centrality)."""
        return self._counts("e", keys)

    def _counts(self, kind: str, keys: Iterable[str]) -> dict[str, int]:
        keys = list(keys)
        out = {k: 0 for k in keys}
        for part in chunks(keys):
            among, args = self.db.among(part)
            out.update(self.db.execute(f"SELECT key, count FROM merge_counts WHERE kind = ? AND key {among}",
                                       (kind, *args)))
        return out

    def total(self) -> int:
        row = self.db.execute("SELECT count FROM merge_counts WHERE kind = 'n' AND key = ''").fetchone()
        return row[0] if row else 0

    def lookup(self, queries: list[BlockQuery]) -> dict[int, Counter]:
        out: dict[int, Counter] = {}
        for part in chunks(queries, LOOKUPS_PER_STATEMENT):
            # one statement for many queries: each side of each key its own ordered, limited scan
            selects, params = [], []
            for n, q in enumerate(part):
                key = stable_hash(q.key)
                selects.append(f"SELECT * FROM (SELECT event_id, {n} AS q FROM merge_keys WHERE key = ?"
                               " AND day >= ? AND day <= ? ORDER BY day DESC, event_id DESC LIMIT ?) AS b")
                selects.append(f"SELECT * FROM (SELECT event_id, {n} AS q FROM merge_keys WHERE key = ?"
                               " AND day > ? AND day <= ? ORDER BY day, event_id LIMIT ?) AS a")
                params += [key, q.lo, q.center, q.cap, key, q.center, q.hi, q.cap]
            for event_id, n in self.db.execute(" UNION ALL ".join(selects), params):
                out.setdefault(event_id, Counter())[part[n].kind] += 1
        return out

    def mentions(self, keys: set[int]) -> list[Mention]:
        out = []
        entities = event_entities(self.db, keys)
        for part in chunks(sorted(keys)):
            among, args = self.db.among(part)
            for r in self.db.execute(
                    "SELECT e.id, e.article_id, COALESCE(a.syndication_group, a.id), a.lang, e.predicate, e.value,"
                    " e.anchoring, e.relation, e.cls, e.pos, e.interval_start, e.interval_end, e.sort_key,"
                    " e.terms, e.copy, e.cluster_id FROM events e JOIN articles a ON a.id = e.article_id"
                    f" WHERE e.id {among} AND e.cluster_id IS NOT NULL ORDER BY e.id", args):
                (eid, aid, group, lang, predicate, value, anchoring, relation, cls, pos, start, end, sort_key,
                 terms, copy, cluster) = r
                predicate = None if cls == "REPORTING" else predicate
                out.append(Mention(eid, aid, group, predicate, moment(start, OPEN_START), moment(end, OPEN_END),
                                   value, unpack_terms(terms), frozenset(entities.get(eid, ())),
                                   linkable=linkable(anchoring, relation, cls, pos),
                                   light=event_data(lang).light(predicate), copy=copy, lang=lang,
                                   sort_key=moment(sort_key), cluster=cluster))
        return out

    def clusters(self, ids: set[int]) -> dict[int, ClusterState]:
        out = {}
        for part in chunks(sorted(i for i in ids if i is not None)):
            among, args = self.db.among(part)
            for r in self.db.execute(
                    "SELECT id, interval_start, interval_end, disagree, open_end_max, end_min, open_start_min,"
                    f" start_max FROM clusters WHERE id {among}", args):
                start, end = moment(r[1], OPEN_START), moment(r[2], OPEN_END)
                reach = (moment(r[4]), moment(r[5]), moment(r[6]), moment(r[7]))
                if all(x is None for x in r[4:8]):
                    reach = _derived_reach(start, end)
                out[r[0]] = ClusterState(start, end, bool(r[3]), *reach)
        return out

    def apply(self, step: Step) -> list[int]:
        """Write what a step decided.

        Returns:
            The merged event id of each outcome, in order (new ones made here).
        """
        db = self.db
        add_counts(db, [("n", "", len(step.mentions))])
        for kind, counts in (("p", step.predicates), ("e", step.entities)):
            add_counts(db, [(kind, k, c) for k, c in sorted(counts.items())])
        db.executemany("UPDATE merge_terms SET df = df + ? WHERE id = ?",
                         [(c, k) for k, c in sorted(step.df.items())])
        ids = []
        cluster_of: dict[int, int] = {}
        made = sum(o.cluster is None for o in step.outcomes) - sum(len(o.absorbs) for o in step.outcomes)
        add_counts(db, [("c", "", made)])
        fresh = iter(db.insert_many(
            "INSERT INTO clusters (value, interval_start, interval_end, granularity, sort_key,"
            " mentions, sources, articles) VALUES ('', 0, 0, 'day', 0, 0, 0, 0)",
            [() for o in step.outcomes if o.cluster is None]))
        updates = []
        for o in step.outcomes:
            cid = o.cluster if o.cluster is not None else next(fresh)
            for gone in o.absorbs:
                db.execute("UPDATE events SET cluster_id = ? WHERE cluster_id = ?", (cid, gone))
                db.execute("DELETE FROM clusters WHERE id = ?", (gone,))
            s = o.state
            reach = (s.open_end_max, s.end_min, s.open_start_min, s.start_max)
            stored = (None,) * 4 if reach == _derived_reach(s.start, s.end) else tuple(seconds(x) for x in reach)
            updates.append((seconds(s.start, OPEN_START), seconds(s.end, OPEN_END), int(s.disagree), *stored, cid))
            for k in o.mentions:
                cluster_of[k] = cid
            ids.append(cid)
        db.executemany("UPDATE clusters SET interval_start = ?, interval_end = ?, disagree = ?, open_end_max = ?,"
                       " end_min = ?, open_start_min = ?, start_max = ? WHERE id = ?", updates)
        db.executemany("UPDATE events SET cluster_id = ?, terms = ?, copy = ? WHERE id = ?",
                         [(cluster_of[m.key], pack_terms(m.terms), m.copy, m.key) for m in step.mentions])
        db.executemany("INSERT INTO merge_keys (key, day, event_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                         [(stable_hash(e.key), e.day, e.mention) for e in step.entries])
        return ids


# ---- syndication ----------------------------------------------------------------------------------------

def band_candidates(db: Db, article_id: int, bands: list[int], index_hint: str = "") -> list[tuple[int, int, bytes]]:
    """``(article id, syndication group, signature)`` of the merged articles sharing a band key.

    ``index_hint`` is a backend's clause after the articles table (SQLite's
    ``INDEXED BY``), so that the signatures come from an index, not the rows.
    """
    rows = db.execute(
        f"SELECT DISTINCT a.id, COALESCE(a.syndication_group, a.id), a.signature FROM article_bands b"
        f" JOIN articles a {index_hint} ON a.id = b.article_id WHERE b.band IN ({_marks(len(bands))})"
        " AND a.id != ? AND a.signature IS NOT NULL ORDER BY a.id", (*bands, article_id)).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def clusters_of_groups(db: Db, groups: set[int]) -> set[int]:
    """The merged events with mentions from articles of at least two of these syndication groups.

    Only those lose an independent source when the groups become one; a
    merged event told by one of them keeps its count (and its summary).
    """
    if len(groups) < 2:
        return set()
    seen: dict[int, int] = {}
    out: set[int] = set()
    for part in chunks(sorted(groups)):  # every merged article has its group set
        among, args = db.among(part)
        for cluster, group in db.execute(
                "SELECT DISTINCT e.cluster_id, a.syndication_group FROM articles a JOIN events e ON e.article_id = a.id"
                f" WHERE a.syndication_group {among} AND e.cluster_id IS NOT NULL", args):
            if seen.setdefault(cluster, group) != group:
                out.add(cluster)
    return out


def set_syndication(db: Db, article_id: int, sig: bytes, bands: list[int], topics: str,
                    group: int, merged: set[int]) -> None:
    """Store an article's signature, band keys, topic words and group; fold the merged groups into it."""
    db.execute("UPDATE articles SET signature = ?, topics = ?, syndication_group = ? WHERE id = ?",
                 (sig, topics, group, article_id))
    db.executemany("INSERT INTO article_bands (band, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                     [(b, article_id) for b in bands])
    for other in sorted(merged):
        db.execute("UPDATE articles SET syndication_group = ? WHERE syndication_group = ?", (group, other))


# ---- merged events: members, summaries, documents --------------------------------------------------------

def members(db: Db, cluster_ids: Iterable[int]) -> dict[int, list[Member]]:
    """Merged event id → all its mentions, as :func:`kroniek.events.summary.summarise` needs them."""
    rows = []
    for part in chunks(sorted(cluster_ids)):
        among, args = db.among(part)
        rows += db.execute(
            "SELECT e.cluster_id, e.id, e.article_id, COALESCE(a.syndication_group, a.id), e.copy, e.interval_start,"
            " e.interval_end, e.value, e.sort_key, CASE WHEN e.cls = 'REPORTING' THEN NULL ELSE e.predicate END,"
            " e.terms FROM events e JOIN articles a ON a.id = e.article_id"
            f" WHERE e.cluster_id {among} ORDER BY e.id", args).fetchall()
    entities = event_entities(db, [r[1] for r in rows])
    out: dict[int, list[Member]] = {}
    for cid, eid, aid, group, copy, start, end, value, sort_key, predicate, terms in rows:
        out.setdefault(cid, []).append(Member(eid, aid, group, copy, moment(start, OPEN_START),
                                              moment(end, OPEN_END), value, moment(sort_key), predicate,
                                              frozenset(entities.get(eid, ())), unpack_terms(terms)))
    return out


def states(db: Db, cluster_ids: Iterable[int]) -> dict[int, ClusterState]:
    """The merge states of merged events."""
    return SQLMergeIndex(db).clusters(set(cluster_ids))


def documents(db: Db, cluster_ids: Iterable[int]) -> dict[int, tuple[int, str, str, str, str]]:
    """Merged event id → ``(pos, text, names, about, meta)``: its full-text document as indexed.

    Made only of data that never changes once merged (sentences, mention
    names, topic words) and the stored ``meta`` tokens, so that the same
    document can be given again to delete it.
    """
    docs: dict[int, tuple[int, str, str, str, str]] = {}
    for part in chunks(sorted(set(cluster_ids))):
        docs.update(_documents(db, *db.among(part))[0])
    return docs


def documents_between(db: Db, first: int, last: int) -> tuple[dict[int, tuple[int, str, str, str, str]],
                                                               dict[int, Counter]]:
    """The documents (as :func:`documents`) of the merged events with ids in ``[first, last]``, and
    for each the number of its event mentions per article language: for indexing a whole archive
    range by range, through the indexes on ids, after a bulk copy."""
    return _documents(db, "BETWEEN ? AND ?", (first, last))


def _documents(db: Db, where: str, params) -> tuple[dict[int, tuple[int, str, str, str, str]], dict[int, Counter]]:
    head: dict[int, tuple[int, str]] = {}
    texts: dict[int, dict[str, None]] = {}
    langs: dict[int, Counter] = {}
    names: dict[int, set[str]] = {}
    about: dict[int, set[str]] = {}
    for cid, pos, meta in db.execute(f"SELECT id, pos, meta FROM clusters WHERE id {where}", params):
        head[cid] = (pos, meta)
    for cid, text, lang in db.execute(
            'SELECT e.cluster_id, substr(a.text, s.start + 1, s."end" - s.start), a.lang FROM events e'
            " JOIN sentences s ON s.id = e.sentence_id JOIN articles a ON a.id = e.article_id"
            f" WHERE e.cluster_id {where} ORDER BY e.cluster_id, s.id", params):
        texts.setdefault(cid, {})[text] = None
        langs.setdefault(cid, Counter())[lang] += 1
    for cid, name in db.execute(
            "SELECT e.cluster_id, m.text FROM events e JOIN event_mentions em ON em.event_id = e.id"
            f" JOIN mentions m ON m.id = em.mention_id WHERE e.cluster_id {where}", params):
        names.setdefault(cid, set()).add(name)
    for cid, topics in db.execute(
            "SELECT DISTINCT e.cluster_id, a.topics FROM events e JOIN articles a ON a.id = e.article_id"
            f" WHERE e.cluster_id {where}", params):
        about.setdefault(cid, set()).update((topics or "").split())
    docs = {cid: (pos, "\n".join(texts.get(cid, {})), " ".join(sorted(names.get(cid, ()))),
                  " ".join(sorted(about.get(cid, ()))), meta)
            for cid, (pos, meta) in head.items() if pos is not None}
    return docs, langs


def forget_places(db: Db, cluster_ids: Iterable[int]) -> None:
    """Take merged events off the timeline while they change (their documents are gone)."""
    for part in chunks(sorted(set(cluster_ids))):
        db.execute(f"UPDATE clusters SET pos = NULL WHERE id IN ({_marks(len(part))})", part)


def meta_tokens(summary: Summary, entity_ids: Iterable[int]) -> str:
    """The meta tokens of a merged event's document: ``doc`` (every document has it), ``e<id>``
    per canonical entity, ``s2`` ... ``s<n>`` for its independent sources, and for a wide agreeing
    date ``wide`` with ``y<year>`` per year it touches (``yall`` past :data:`MAX_YEAR_TOKENS` years)."""
    tokens = ["doc"] + [f"e{i}" for i in sorted(set(entity_ids))]
    tokens += [f"s{n}" for n in range(2, min(summary.sources, MAX_SOURCE_TOKEN) + 1)]
    if is_wide(summary.start, summary.end, summary.disagree):
        first, last = summary.start.year, (summary.end - _SECOND).year
        if last - first + 1 > MAX_YEAR_TOKENS:
            tokens += ["wide", "yall"]
        else:
            tokens += ["wide"] + [f"y{y}" for y in range(first, last + 1)]
    return " ".join(tokens)


def check(db: Db) -> list[str]:
    """Problems with merging's invariants (empty when there are none): every merged article's
    merged mentions are in a merged event, no pending article's are, every merged event has
    mentions and a place (the backend checks the search documents)."""
    problems = []
    loose = db.execute("SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.pending = 0"
                         " AND (e.is_main = 1 OR e.anchoring = 'timex') AND e.cluster_id IS NULL").fetchone()[0]
    if loose:
        problems.append(f"{loose} mentions of merged articles are in no merged event")
    early = db.execute("SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.pending = 1"
                         " AND e.cluster_id IS NOT NULL").fetchone()[0]
    if early:
        problems.append(f"{early} mentions of pending articles are in merged events")
    empty = db.execute("SELECT count(*) FROM clusters c WHERE NOT EXISTS"
                         " (SELECT 1 FROM events e WHERE e.cluster_id = c.id)").fetchone()[0]
    if empty:
        problems.append(f"{empty} merged events have no mentions")
    dangling = db.execute("SELECT count(*) FROM events e WHERE e.cluster_id IS NOT NULL AND NOT EXISTS"
                            " (SELECT 1 FROM clusters c WHERE c.id = e.cluster_id)").fetchone()[0]
    if dangling:
        problems.append(f"{dangling} mentions are in merged events that do not exist")
    if db.execute("SELECT 1 FROM clusters WHERE pos IS NULL LIMIT 1").fetchone():
        problems.append("a merged event has no place on the timeline")
    return problems


def is_wide(start: datetime | None, end: datetime | None, disagree: bool) -> bool:
    """A bounded date the sources agree on, wider than NARROW_DAYS."""
    return start is not None and end is not None and not disagree \
        and (end - start).total_seconds() > NARROW_DAYS * 86400


def write_summaries(db: Db, summaries: dict[int, Summary]) -> None:
    """Store merged events' summaries and give each its place on the timeline (the backend then
    indexes their documents)."""
    entity_ids = _entity_ids(db, summaries)
    first = {cid: position(seconds(s.sort_key), cid) for cid, s in summaries.items()}
    places = _Places(db, first)
    rows = []
    for cid, s in sorted(summaries.items()):
        sort = seconds(s.sort_key)
        pos = first[cid]
        while places.taken(pos, cid):
            pos += 1  # another merged event at the same second with the same low id bits
        places.take(pos, cid)
        rows.append((pos, s.predicate, s.value, seconds(s.start, OPEN_START), seconds(s.end, OPEN_END),
                     s.granularity, sort, int(s.disagree), s.mentions, s.sources, s.articles, s.representative,
                     s.salience, meta_tokens(s, entity_ids.get(cid, ())), cid))
    db.executemany("UPDATE clusters SET pos = ?, predicate = ?, value = ?, interval_start = ?, interval_end = ?,"
                   " granularity = ?, sort_key = ?, disagree = ?, mentions = ?, sources = ?, articles = ?,"
                   " representative = ?, salience = ?, meta = ? WHERE id = ?", rows)


class _Places:
    """Which timeline places (``clusters.pos``) are held, as the updates of one batch go in, in order.

    The places the batch's merged events hold now and the ones they will
    first try are read at once; a further try (a clash at the same second
    with the same low id bits, rare) asks the database.
    """

    def __init__(self, db: Db, first: dict[int, int]):
        """``first``: merged event id → the place it tries first."""
        self.db = db
        self.holder: dict[int, int | None] = {}
        self.held_by: dict[int, int] = {}
        for part in chunks(sorted(first)):
            among, args = db.among(part)
            for cid, pos in db.execute(f"SELECT id, pos FROM clusters WHERE id {among}", args):
                if pos is not None:
                    self.held_by[cid] = pos
        wanted = sorted(set(first.values()))
        self.holder.update((p, None) for p in wanted)
        for part in chunks(wanted):
            among, args = db.among(part)
            self.holder.update(db.execute(f"SELECT pos, id FROM clusters WHERE pos {among}", args))

    def taken(self, pos: int, cid: int) -> bool:
        """True when a merged event other than ``cid`` holds ``pos``."""
        if pos not in self.holder:
            row = self.db.execute("SELECT id FROM clusters WHERE pos = ?", (pos,)).fetchone()
            self.holder[pos] = row[0] if row else None
        return self.holder[pos] not in (None, cid)

    def take(self, pos: int, cid: int) -> None:
        """``cid`` moves to ``pos`` (leaving the place it held)."""
        old = self.held_by.get(cid)
        if old is not None and self.holder.get(old, cid) == cid:
            self.holder[old] = None
        self.holder[pos], self.held_by[cid] = cid, pos


def _entity_ids(db: Db, summaries: dict[int, Summary]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for part in chunks(sorted(summaries)):
        among, args = db.among(part)
        for cid, entity_id in db.execute(
                "SELECT DISTINCT e.cluster_id, m.entity_id FROM events e JOIN event_mentions em ON em.event_id = e.id"
                f" JOIN mentions m ON m.id = em.mention_id WHERE e.cluster_id {among}"
                " AND m.entity_id IS NOT NULL", args):
            out.setdefault(cid, set()).add(entity_id)
    return out
