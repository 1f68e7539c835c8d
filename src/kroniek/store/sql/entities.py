"""Canonical entities in the database: grouping, merge, split, regroup.

Grouping runs per article, inside the article's own transaction
(:func:`assign_article`, called by :func:`~kroniek.store.writer.store_article`),
so an article is stored with its entity links or not at all, and storing
the same article again adds nothing. Each document entity of the article
(:class:`~kroniek.entities.grouping.DocEntity`) joins the one canonical
entity it fits (:mod:`kroniek.entities.grouping`) or founds a new one with
a stable uid (``per:jeff-sessions``; the uid never changes, the preferred
name and the type may: an entity's type is that of most of its mentions).

Users' decisions are rules in ``entity_rules`` that grouping obeys before
anything else: a merge pins the merged entity's names to the kept entity
(and makes its uid an alias); a split pins the split-off names (or the
names in the given articles) to the new entity and blocks them from the
old one. So the decisions hold for articles ingested later and after
:func:`regroup`, which groups every stored article again from scratch.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timezone
from typing import Any, Iterable

from ...entities.grouping import (DocEntity, compound_head, context_overlap, given_compatible, may_stand_alone,
                                 name_prefixes, person_parts, variant)
from ...entities.gazetteer import gazetteer
from ...entities.langdata import entity_data
from ...entities.tokens import is_acronym
from ...errors import UsageError
from ...temporal.lexicon import fold
from .db import Db


#: Types whose names may join across types when written exactly alike (see :func:`_match_other_type`).
TOLERANT_TYPES = ("ORG", "LOC", "MISC", "PER")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _lang_data(db: Db, article_id: int):
    row = db.execute("SELECT lang FROM articles WHERE id = ?", (article_id,)).fetchone()
    return entity_data(row[0] if row else "nl")


def doc_entities(db: Db, article_id: int) -> list[DocEntity]:
    """The document entities of one stored article (its mentions grouped by type and full name)."""
    data = _lang_data(db, article_id)
    groups: dict[tuple[str, str], DocEntity] = {}
    for r in db.execute('SELECT id, text, type, full_name FROM mentions WHERE article_id = ? ORDER BY start',
                          (article_id,)):
        full = compound_head(r["full_name"] or r["text"])
        key = fold(full)
        de = groups.get((r["type"], key))
        if de is None:
            de = groups[(r["type"], key)] = DocEntity(r["type"], key, full)
        de.mentions.append(r["id"])
        written = r["full_name"] or r["text"]
        de.fulls[written] = de.fulls.get(written, 0) + 1
        text_key = fold(r["text"])
        kind = "full" if text_key == key else ("acronym" if is_acronym(r["text"]) else "short")
        name, _, count = de.names.get(text_key, (r["text"], kind, 0))
        de.names[text_key] = (name, kind, count + 1)
    for de in groups.values():
        if de.type == "PER":
            de.surname, de.given = person_parts(de.name, data.particles)
        de.context = {k for (_, k) in groups if k != de.key}
    return list(groups.values())


def _entity(db: Db, entity_id: int) -> Any:
    return db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()


def _by_uid(db: Db, uid: str) -> Any | None:
    return db.execute("SELECT * FROM entities WHERE uid = ?", (uid,)).fetchone()


def _context(db: Db, entity_id: int) -> set[str]:
    return {r[0] for r in db.execute("SELECT key FROM entity_context WHERE entity_id = ?", (entity_id,))}


def _pick(db: Db, ids: list[int], de: DocEntity, need_context: bool = False) -> int | None:
    """One of several candidates: the one sharing the most context, when it clearly does."""
    if not ids:
        return None
    if len(ids) == 1 and not need_context:
        return ids[0]
    scored = sorted(((context_overlap(de.context, _context(db, i)), i) for i in ids), reverse=True)
    best, second = scored[0][0], (scored[1][0] if len(scored) > 1 else -1)
    if best >= 1 and best > second:
        return scored[0][1]
    return None


def _match(db: Db, de: DocEntity, ext_id: str, legal: frozenset[str],
           lang: str = "nl") -> int | None:
    keys = list(de.names) + [de.key]
    marks = ",".join("?" * len(keys))
    pin = db.execute(
        f"SELECT uid FROM entity_rules WHERE action = 'pin' AND type = ? AND key IN ({marks})"
        " AND (article_ext_id IS NULL OR article_ext_id = ?)"
        " ORDER BY article_ext_id IS NULL, id DESC LIMIT 1", (de.type, *keys, ext_id)).fetchone()
    if pin is not None:
        row = _by_uid(db, pin[0])
        return row["id"] if row is not None else _create(db, de, uid=pin[0])
    blocked = {r[0] for r in db.execute(
        f"SELECT e.id FROM entity_rules r JOIN entities e ON e.uid = r.uid WHERE r.action = 'block'"
        f" AND r.type = ? AND r.key IN ({marks})", (de.type, *keys))}
    if de.type == "PER":
        return _match_person(db, de, blocked) or _match_other_type(db, de, blocked, lang)
    rows = [(r[0], r[1]) for r in db.execute(
        "SELECT DISTINCT e.id, n.kind FROM entity_names n JOIN entities e ON e.id = n.entity_id"
        " WHERE n.key = ? AND e.type = ? AND n.kind != 'short'", (de.key, de.type)) if r[0] not in blocked]
    exact = sorted({i for i, _ in rows})
    if len(exact) > 1:  # an entity with this full name before one that has it as an acronym
        exact = sorted({i for i, kind in rows if kind == "full"}) or exact
    if exact:
        return exact[0] if len(exact) == 1 else _pick(db, exact, de)
    same_country = _match_country(db, de, blocked, lang)
    if same_country is not None:
        return same_country
    acronyms = [k for k, (_, kind, _) in de.names.items() if kind == "acronym"]
    if acronyms:  # "European Aeronautic Defence and Space (EADS)" joins the entity called "EADS"
        marks = ",".join("?" * len(acronyms))
        named = {r[0] for r in db.execute(
            f"SELECT DISTINCT e.id FROM entity_names n JOIN entities e ON e.id = n.entity_id"
            f" WHERE e.type = ? AND n.kind = 'full' AND n.key IN ({marks})", (de.type, *acronyms))} - blocked
        if len(named) == 1:
            return next(iter(named))
    prefix = de.key[:3]
    near = {r[0] for r in db.execute(
        "SELECT DISTINCT e.id, n.key FROM entity_names n JOIN entities e ON e.id = n.entity_id"
        " WHERE e.type = ? AND n.kind = 'full' AND n.key >= ? AND n.key < ?",
        (de.type, prefix, prefix + "\uffff")) if variant(de.key, r[1], legal) and r[0] not in blocked}
    if len(near) == 1:
        return next(iter(near))
    if near:
        return None
    return _match_prefix(db, de, blocked, lang) or _match_other_type(db, de, blocked, lang)


def _match_country(db: Db, de: DocEntity, blocked: set[int], lang: str) -> int | None:
    """The one place whose full name is another form of the same country ("Verenigde Staten" and
    "Verenigde Staten van Amerika": one ISO 3166 code), or None."""
    gaz = gazetteer(lang)
    code = gaz.country_of(de.key) if de.type == "LOC" else None
    if code is None:
        return None
    forms = [name for name, c in gaz.countries.items() if c == code and name != de.key]
    if not forms:
        return None
    marks = ",".join("?" * len(forms))
    ids = {r[0] for r in db.execute(
        f"SELECT DISTINCT e.id FROM entity_names n JOIN entities e ON e.id = n.entity_id"
        f" WHERE e.type = 'LOC' AND n.kind = 'full' AND n.key IN ({marks})", forms)} - blocked
    return next(iter(ids)) if len(ids) == 1 else None


def _match_prefix(db: Db, de: DocEntity, blocked: set[int], lang: str) -> int | None:
    """The one organisation whose full name starts this name or is started by it ("Apple" and
    "Apple Computer"), when the shorter name may stand alone; else None."""
    gaz, data = gazetteer(lang), entity_data(lang)
    common = data.words("name_words", "ORG") | data.words("name_words", "LOC") | data.legal_forms

    def fits(short: str) -> bool:
        return may_stand_alone(short, gaz.places, gaz.is_demonym, common)

    if de.type != "ORG":
        return None

    ids: set[int] = set()
    if fits(de.key):  # entities whose name starts with this one
        ids |= {r[0] for r in db.execute(
            "SELECT DISTINCT e.id FROM entity_names n JOIN entities e ON e.id = n.entity_id"
            " WHERE e.type = ? AND n.kind = 'full' AND n.key > ? AND n.key < ?",
            (de.type, de.key + " ", de.key + " \uffff"))}
    shorter = [p for p in name_prefixes(de.key) if fits(p)]
    if shorter:  # entities whose name starts this one
        marks = ",".join("?" * len(shorter))
        ids |= {r[0] for r in db.execute(
            f"SELECT DISTINCT e.id FROM entity_names n JOIN entities e ON e.id = n.entity_id"
            f" WHERE e.type = ? AND n.kind = 'full' AND n.key IN ({marks})", (de.type, *shorter))}
    ids -= blocked
    return next(iter(ids)) if len(ids) == 1 else None


def _match_other_type(db: Db, de: DocEntity, blocked: set[int], lang: str) -> int | None:
    """The one entity of another type whose full name is exactly this rare name, or None.

    The mention finder's type of a name it has no list for is a guess
    that may differ between articles ("Airbus" a person in one, an
    organisation in another). Such names join across types when they are
    written exactly alike, no other entity has that name, and the name is
    no known place or first name (where a second reading is real:
    "Jordan"). A person's full name (a given name and a surname) never
    joins another type, nor does another type join a person known by a
    given name.
    """
    if de.type not in TOLERANT_TYPES or de.type == "PER" and de.given:
        return None
    gaz = gazetteer(lang)
    if de.key in gaz.places or de.key in gaz.first_names or gaz.is_demonym(de.name):
        return None
    marks = ",".join("?" * len(TOLERANT_TYPES))
    ids = {r[0]: r[1] for r in db.execute(
        f"SELECT DISTINCT e.id, e.type FROM entity_names n JOIN entities e ON e.id = n.entity_id"
        f" WHERE n.key = ? AND n.kind = 'full' AND e.type != ? AND e.type IN ({marks})",
        (de.key, de.type, *TOLERANT_TYPES)) if r[0] not in blocked}
    if len(ids) != 1:
        return None
    [(entity_id, kind)] = ids.items()
    if kind == "PER" and db.execute("SELECT 1 FROM entity_person_names WHERE entity_id = ? AND given != ''",
                                      (entity_id,)).fetchone():
        return None
    return entity_id


def _match_person(db: Db, de: DocEntity, blocked: set[int]) -> int | None:
    givens: dict[int, set[str]] = {}
    for r in db.execute("SELECT p.entity_id, p.given FROM entity_person_names p JOIN entities e"
                          " ON e.id = p.entity_id WHERE p.surname = ? AND e.type = 'PER'", (de.surname,)):
        if r[0] not in blocked:
            givens.setdefault(r[0], set()).add(r[1])
    if not givens:
        return None
    named = {i: {g for g in gs if g} for i, gs in givens.items()}
    if de.given:
        fitting = [i for i, gs in named.items() if gs and any(given_compatible(de.given, g) for g in gs)]
        clashing = [i for i, gs in named.items() if gs and not any(given_compatible(de.given, g) for g in gs)]
        if fitting:
            return fitting[0] if len(fitting) == 1 else _pick(db, fitting, de)
        bare = [i for i, gs in named.items() if not gs]
        # "Sessions" ⊂ "Jeff Sessions" only with no other Sessions in play.
        return bare[0] if len(bare) == 1 and not clashing else None
    ids = sorted(givens)
    if len(ids) == 1:
        only = ids[0]
        return only if not named[only] else _pick(db, [only], de, need_context=True)
    return _pick(db, ids, de)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "x"


def _create(db: Db, de: DocEntity, uid: str | None = None) -> int:
    if uid is None:
        base = f"{de.type.lower()}:{_slug(de.name)}"
        uid, n = base, 1
        # Never reuse a merged-away uid (it leads to the entity it was merged into).
        while _by_uid(db, uid) is not None or db.execute(
                "SELECT 1 FROM entity_rules WHERE action = 'alias' AND uid = ?", (uid,)).fetchone():
            n += 1
            uid = f"{base}-{n}"
    return db.insert("INSERT INTO entities (uid, type, name, created_at) VALUES (?,?,?,?)",
                     (uid, de.type, de.name, _now()))


def _attach(db: Db, entity_id: int, de: DocEntity) -> None:
    marks = ",".join("?" * len(de.mentions))
    db.execute(f"UPDATE mentions SET entity_id = ? WHERE id IN ({marks})", (entity_id, *de.mentions))
    for key, (name, kind, count) in de.names.items():
        db.execute("INSERT INTO entity_names (entity_id, key, name, kind, count) VALUES (?,?,?,?,?)"
                   " ON CONFLICT (entity_id, key) DO UPDATE SET count = entity_names.count + excluded.count,"
                   " kind = CASE WHEN entity_names.kind = 'full' OR excluded.kind = 'full' THEN 'full'"
                   " ELSE entity_names.kind END", (entity_id, key, name, kind, count))
    if de.key not in de.names:
        db.execute("INSERT INTO entity_names (entity_id, key, name, kind, count) VALUES (?,?,?,?,0)"
                   " ON CONFLICT DO NOTHING", (entity_id, de.key, de.name, "full"))
    if de.type == "PER":
        db.execute("INSERT INTO entity_person_names (entity_id, surname, given) VALUES (?,?,?)"
                   " ON CONFLICT DO NOTHING", (entity_id, de.surname, de.given))
    db.executemany("INSERT INTO entity_context (entity_id, key, count) VALUES (?,?,1)"
                   " ON CONFLICT (entity_id, key) DO UPDATE SET count = entity_context.count + 1",
                   [(entity_id, k) for k in sorted(de.context)])
    stats = [(entity_id, "n", name, count) for name, count in sorted(de.fulls.items())]
    stats.append((entity_id, "t", de.type, len(de.mentions)))
    db.executemany("INSERT INTO entity_stats (entity_id, kind, key, count) VALUES (?,?,?,?)"
                   " ON CONFLICT (entity_id, kind, key) DO UPDATE SET count = entity_stats.count + excluded.count",
                   stats)


def _choose(db: Db, entity_id: int) -> tuple[str, str]:
    """``(type, name)`` of an entity: the most frequent type of its mentions and full name (the
    longer on a tie), unless a user's merge chose them (``entity_choices``)."""
    chosen = db.execute("SELECT c.type, c.name FROM entity_choices c JOIN entities e ON e.uid = c.uid"
                          " WHERE e.id = ?", (entity_id,)).fetchone()
    if chosen is not None:
        return chosen[0], chosen[1]
    name = db.execute("SELECT key FROM entity_stats WHERE entity_id = ? AND kind = 'n'"
                        " ORDER BY count DESC, length(key) DESC, id LIMIT 1", (entity_id,)).fetchone()
    kind = db.execute("SELECT key FROM entity_stats WHERE entity_id = ? AND kind = 't'"
                        " ORDER BY count DESC, id LIMIT 1", (entity_id,)).fetchone()
    return kind[0], name[0]


def _refresh(db: Db, entity_ids: Iterable[int]) -> None:
    """Recount mentions and articles of entities from their mentions, and choose their
    type and name (see :func:`_choose`); an entity left without mentions goes."""
    for entity_id in set(entity_ids):
        counts = db.execute("SELECT COUNT(*), COUNT(DISTINCT article_id) FROM mentions WHERE entity_id = ?",
                              (entity_id,)).fetchone()
        if counts[0] == 0:
            db.execute("DELETE FROM entities WHERE id = ?", (entity_id,))
            continue
        kind, name = _choose(db, entity_id)
        db.execute("UPDATE entities SET mention_count = ?, article_count = ?, name = ?, type = ? WHERE id = ?",
                     (counts[0], counts[1], name, kind, entity_id))


def _count_article(db: Db, mentions: dict[int, int]) -> None:
    """Add one new article's mentions to its entities' counts (without recounting them)."""
    for entity_id, n in mentions.items():
        kind, name = _choose(db, entity_id)
        db.execute("UPDATE entities SET mention_count = mention_count + ?, article_count = article_count + 1,"
                     " name = ?, type = ? WHERE id = ?", (n, name, kind, entity_id))


def assign_article(db: Db, article_id: int) -> int:
    """Link the mentions of one stored article to canonical entities (inside the caller's transaction).

    Returns:
        The number of document entities linked.
    """
    row = db.execute("SELECT ext_id, lang FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return 0
    legal = entity_data(row["lang"]).legal_forms
    touched: dict[int, int] = {}
    linked = 0
    for de in doc_entities(db, article_id):
        entity_id = _match(db, de, row["ext_id"], legal, row["lang"])
        if entity_id is None:
            entity_id = _create(db, de)
        _attach(db, entity_id, de)
        touched[entity_id] = touched.get(entity_id, 0) + len(de.mentions)
        linked += 1
    _count_article(db, touched)
    return linked


def regroup(db: Db) -> int:
    """Group every stored article again, from scratch, obeying the users' rules.

    Returns:
        The number of entities afterwards.
    """
    with db.transaction(lock="store"):
        db.execute("UPDATE mentions SET entity_id = NULL")
        db.execute("DELETE FROM entities")
        for (article_id,) in db.execute("SELECT id FROM articles ORDER BY id").fetchall():
            assign_article(db, article_id)
    return db.execute("SELECT COUNT(*) FROM entities").fetchone()[0]


def find_entities(db: Db, ref: str) -> list[Any]:
    """Entities a user means by ``ref``: a uid (or a merged-away uid), else a name or alias.

    Returns:
        Matching entities, most mentioned first (empty when none).
    """
    row = _by_uid(db, ref)
    if row is None:
        alias = db.execute("SELECT target_uid FROM entity_rules WHERE action = 'alias' AND uid = ?"
                             " ORDER BY id DESC LIMIT 1", (ref,)).fetchone()
        row = _by_uid(db, alias[0]) if alias else None
    if row is not None:
        return [row]
    key = fold(ref.strip())
    return db.execute("SELECT DISTINCT e.* FROM entity_names n JOIN entities e ON e.id = n.entity_id"
                        " WHERE n.key = ? ORDER BY e.mention_count DESC, e.id", (key,)).fetchall()


def one_entity(db: Db, ref: str) -> Any:
    """The single entity ``ref`` means.

    Raises:
        UsageError: when none or several match (the message lists their uids).
    """
    rows = find_entities(db, ref)
    if not rows:
        raise UsageError(f"no entity {ref!r}: see 'kroniek entities' for names and ids")
    if len(rows) > 1:
        listed = ", ".join(f"{r['uid']} ({r['name']}, {r['mention_count']} mentions)" for r in rows[:10])
        raise UsageError(f"{ref!r} may mean several entities: {listed}; give the id")
    return rows[0]


def _rebuild(db: Db, entity_id: int) -> None:
    """Names, person names, context and counts of an entity, recomputed from its mentions."""
    for table in ("entity_names", "entity_person_names", "entity_context", "entity_stats"):
        db.execute(f"DELETE FROM {table} WHERE entity_id = ?", (entity_id,))
    articles = [r[0] for r in db.execute("SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?",
                                           (entity_id,))]
    mine = {r[0] for r in db.execute("SELECT id FROM mentions WHERE entity_id = ?", (entity_id,))}
    for article_id in articles:
        for de in doc_entities(db, article_id):
            if set(de.mentions) & mine:
                de.mentions = [m for m in de.mentions if m in mine]
                _attach(db, entity_id, de)
    _refresh(db, [entity_id])


def merge_entities(db: Db, keep_ref: str, other_ref: str) -> Any:
    """Merge entity ``other_ref`` into ``keep_ref``; the rule keeps them merged from now on.

    Returns:
        The kept entity, updated.

    Raises:
        UsageError: unknown or ambiguous references, or the same entity twice.
    """
    keep, other = one_entity(db, keep_ref), one_entity(db, other_ref)
    if keep["id"] == other["id"]:
        raise UsageError(f"{keep_ref!r} and {other_ref!r} are the same entity ({keep['uid']})")
    with db.transaction(lock="store"):
        now = _now()
        for r in db.execute("SELECT key FROM entity_names WHERE entity_id = ?", (other["id"],)).fetchall():
            db.execute("INSERT INTO entity_rules (action, type, key, uid, created_at) VALUES ('pin',?,?,?,?)",
                         (other["type"], r[0], keep["uid"], now))
        # KEEP's own names are pinned too, so that regrouping from scratch
        # brings both sides back under KEEP's uid, with KEEP's name and type.
        for r in db.execute("SELECT key FROM entity_names WHERE entity_id = ?", (keep["id"],)).fetchall():
            db.execute("INSERT INTO entity_rules (action, type, key, uid, created_at) VALUES ('pin',?,?,?,?)",
                         (keep["type"], r[0], keep["uid"], now))
        db.execute("INSERT INTO entity_choices (uid, type, name, created_at) VALUES (?,?,?,?)"
                     " ON CONFLICT (uid) DO NOTHING", (keep["uid"], keep["type"], keep["name"], now))
        db.execute("DELETE FROM entity_rules WHERE action = 'block' AND uid = ? AND key IN"
                     " (SELECT key FROM entity_names WHERE entity_id = ?)", (keep["uid"], other["id"]))
        db.execute("INSERT INTO entity_rules (action, uid, target_uid, created_at) VALUES ('alias',?,?,?)",
                     (other["uid"], keep["uid"], now))
        db.execute("UPDATE entity_rules SET target_uid = ? WHERE action = 'alias' AND target_uid = ?",
                     (keep["uid"], other["uid"]))
        db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (keep["id"], other["id"]))
        db.execute("DELETE FROM entities WHERE id = ?", (other["id"],))
        _rebuild(db, keep["id"])
    return _entity(db, keep["id"])


def split_entity(db: Db, ref: str, names: list[str] | None = None,
                 articles: list[str] | None = None) -> Any:
    """Move some of an entity's mentions to a new entity; the rule keeps them apart from now on.

    Args:
        ref: the entity.
        names: move the mentions written with these names (or standing for them).
        articles: move the entity's mentions in these articles (ids as given on input).

    Returns:
        The new entity. When the split-off name is that of an entity merged
        into this one earlier, the new entity gets that entity's id back (the
        split undoes the merge).

    Raises:
        UsageError: unknown entity, nothing to split off, or everything.
    """
    entity = one_entity(db, ref)
    keys = {fold(n) for n in names or []}
    ext_ids = set(articles or [])
    rows = db.execute("SELECT m.id, m.text, m.full_name, a.ext_id FROM mentions m JOIN articles a"
                        " ON a.id = m.article_id WHERE m.entity_id = ?", (entity["id"],)).fetchall()
    moving = [r for r in rows if fold(r["text"]) in keys or fold(r["full_name"] or "") in keys
              or r["ext_id"] in ext_ids]
    if not moving:
        raise UsageError(f"no mention of {entity['uid']} matches the names or articles given")
    if len(moving) == len(rows):
        raise UsageError(f"that would move every mention of {entity['uid']}; nothing would be split")
    first = moving[0]
    de = DocEntity(entity["type"], fold(first["full_name"] or first["text"]), first["full_name"] or first["text"])
    with db.transaction(lock="store"):
        former = f"{de.type.lower()}:{_slug(de.name)}"
        if db.execute("SELECT 1 FROM entity_rules WHERE action = 'alias' AND uid = ? AND target_uid = ?",
                        (former, entity["uid"])).fetchone() and _by_uid(db, former) is None:
            db.execute("DELETE FROM entity_rules WHERE action = 'alias' AND uid = ?", (former,))
            new_id = _create(db, de, uid=former)
        else:
            new_id = _create(db, de)
        new = _entity(db, new_id)
        marks = ",".join("?" * len(moving))
        db.execute(f"UPDATE mentions SET entity_id = ? WHERE id IN ({marks})", (new_id, *[r["id"] for r in moving]))
        now = _now()
        moved_keys = {fold(r["full_name"] or r["text"]) for r in moving} | {fold(r["text"]) for r in moving}
        staying = [r for r in rows if r not in moving]
        kept_keys = {fold(r["full_name"] or r["text"]) for r in staying} | {fold(r["text"]) for r in staying}
        for key in sorted(moved_keys):
            if ext_ids:
                for ext in sorted({r["ext_id"] for r in moving}):
                    db.execute("INSERT INTO entity_rules (action, type, key, article_ext_id, uid, created_at)"
                                 " VALUES ('pin',?,?,?,?,?)", (entity["type"], key, ext, new["uid"], now))
                if key in kept_keys:
                    # the name stays with the entity elsewhere: its other mentions (and regrouping)
                    # keep the entity's id; the article pins above go first
                    db.execute("INSERT INTO entity_rules (action, type, key, uid, created_at) VALUES ('pin',?,?,?,?)",
                                 (entity["type"], key, entity["uid"], now))
            else:
                db.execute("INSERT INTO entity_rules (action, type, key, uid, created_at) VALUES ('pin',?,?,?,?)",
                             (entity["type"], key, new["uid"], now))
                db.execute("INSERT INTO entity_rules (action, type, key, uid, created_at) VALUES ('block',?,?,?,?)",
                             (entity["type"], key, entity["uid"], now))
        _rebuild(db, entity["id"])
        _rebuild(db, new_id)
    return _entity(db, new_id)


def list_entities(db: Db, kind: str | None = None, limit: int | None = None,
                  min_mentions: int = 1) -> list[dict[str, Any]]:
    """Entities by mention count: ``{id, name, type, mentions, articles, aliases}``."""
    sql = "SELECT * FROM entities WHERE mention_count >= ?"
    params: list[Any] = [min_mentions]
    if kind:
        sql += " AND type = ?"
        params.append(kind)
    sql += " ORDER BY mention_count DESC, name"
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    out = []
    for e in db.execute(sql, params).fetchall():
        aliases = [r[0] for r in db.execute(
            "SELECT name FROM entity_names WHERE entity_id = ? AND count > 0 ORDER BY count DESC, name",
            (e["id"],)) if r[0] != e["name"]]
        out.append({"id": e["uid"], "name": e["name"], "type": e["type"], "mentions": e["mention_count"],
                    "articles": e["article_count"], "aliases": aliases})
    return out


def entity_summary(db: Db, entity: Any) -> dict[str, Any]:
    """``{id, name, type, mentions, articles, aliases}`` of one entity row."""
    aliases = [r[0] for r in db.execute(
        "SELECT name FROM entity_names WHERE entity_id = ? AND count > 0 ORDER BY count DESC, name",
        (entity["id"],)) if r[0] != entity["name"]]
    return {"id": entity["uid"], "name": entity["name"], "type": entity["type"], "mentions": entity["mention_count"],
            "articles": entity["article_count"], "aliases": aliases}


def entity_details(db: Db, entity: Any) -> dict[str, Any]:
    """An entity with its aliases and, per article, the sentences that mention it."""
    listed = {"id": entity["uid"], "name": entity["name"], "type": entity["type"],
              "mentions": entity["mention_count"], "articles": entity["article_count"]}
    listed["aliases"] = [r[0] for r in db.execute(
        "SELECT name FROM entity_names WHERE entity_id = ? AND count > 0 ORDER BY count DESC, name",
        (entity["id"],)) if r[0] != entity["name"]]
    by_article: dict[int, dict[str, Any]] = {}
    for r in db.execute(
            'SELECT m.text, m.start, m."end", m.title, m.confidence,'
            ' substr(a.text, s.start + 1, s."end" - s.start) AS sentence, s.start AS s_start,'
            " s.idx, a.id AS aid, a.ext_id, a.title AS a_title, a.dct_value FROM mentions m"
            " JOIN articles a ON a.id = m.article_id LEFT JOIN sentences s ON s.id = m.sentence_id"
            " WHERE m.entity_id = ? ORDER BY a.dct_start, a.id, m.start", (entity["id"],)):
        art = by_article.setdefault(r["aid"], {"id": r["ext_id"], "title": r["a_title"],
                                               "published": r["dct_value"], "sentences": []})
        offset = r["s_start"] or 0
        art["sentences"].append({"sentence": r["idx"], "text": r["sentence"], "mention": r["text"],
                                 "start": r["start"] - offset, "end": r["end"] - offset, "title": r["title"],
                                 "confidence": r["confidence"]})
    listed["in"] = list(by_article.values())
    return listed


def type_counts(db: Db) -> Counter:
    """Entities per type."""
    return Counter({r[0]: r[1] for r in db.execute("SELECT type, COUNT(*) FROM entities GROUP BY type")})
