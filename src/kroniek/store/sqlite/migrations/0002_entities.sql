-- kroniek schema, version 2: canonical entities across articles.
-- Each mention may belong to one entity; an entity has a stable uid
-- ("per:jeff-sessions"), a preferred name, a type and its names (aliases).
-- Users' merge and split decisions are kept as rules (entity_rules) that
-- every later grouping obeys, so they survive re-ingest and regrouping.
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX entities_type ON entities(type);

ALTER TABLE mentions ADD COLUMN full_name TEXT;
ALTER TABLE mentions ADD COLUMN entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL;
CREATE INDEX mentions_entity ON mentions(entity_id);

-- Every name an entity was written with; key is the folded name.
-- kind: 'full' (a full name in its article), 'short' (a short form that
-- stood for a full name there), 'acronym'.
CREATE TABLE entity_names (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, key)
);
CREATE INDEX entity_names_key ON entity_names(key);

-- For people: folded surname and given names, to tell "Jeff Sessions"
-- from "Pete Sessions" (given is '' when only the surname was seen).
CREATE TABLE entity_person_names (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    surname TEXT NOT NULL,
    given TEXT NOT NULL,
    PRIMARY KEY (entity_id, surname, given)
);
CREATE INDEX entity_person_surname ON entity_person_names(surname);

-- Context: the keys of the other names in the articles that mention an
-- entity, with counts (used to decide between candidates).
CREATE TABLE entity_context (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (entity_id, key)
);

-- Users' decisions, as rules every grouping obeys:
--   pin:   a name of a type (in one article, or anywhere when article_ext_id
--          is NULL) belongs to the entity with this uid;
--   block: a name of a type never joins the entity with this uid;
--   alias: the uid of a merged-away entity now means this uid.
CREATE TABLE entity_rules (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('pin', 'block', 'alias')),
    type TEXT,
    key TEXT,
    article_ext_id TEXT,
    uid TEXT NOT NULL,
    target_uid TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX entity_rules_key ON entity_rules(action, type, key);
