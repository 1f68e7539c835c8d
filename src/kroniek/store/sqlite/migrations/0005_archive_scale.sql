-- kroniek schema, version 5: an archive that grows.
-- * Sentences are offsets into their article's text (no copy of the text).
-- * An event keeps its own bounds and sort key (its reference time is its
--   time expression's, or the publication date).
-- * Times of events, merged events and time expressions are whole seconds
--   since 1970-01-01 UTC; an open bound is -62135596800 (0001-01-01) or
--   253402300799 (9999-12-31T23:59:59).
-- * Merging is incremental: every article is merged once, in the order it
--   was stored; "pending" marks the stored articles not merged yet.
-- * Syndication: each article's MinHash signature and LSH band keys.
-- * Merged events (clusters) carry their merge state and their place on
--   the timeline (pos: the sort key's second times 2^24 plus the id),
--   which is the rowid of their full-text document in cluster_fts (NULL
--   only inside the transaction that changes the merged event).
-- Every article is pending after this upgrade: the next ingest, or
-- 'kroniek rebuild --pending', merges the archive again.
DROP TRIGGER IF EXISTS sentences_ai;
DROP TRIGGER IF EXISTS sentences_ad;
DROP TABLE IF EXISTS sentences_fts;
-- A sentence's id is its article's id times 2^20 plus its index: the
-- sentences of an article are one range of ids, with no index of their own.
CREATE TABLE sentences_v5 (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    tense TEXT,
    tokens TEXT
);
INSERT INTO sentences_v5 SELECT article_id * 1048576 + idx, article_id, idx, start, "end", kind, paragraph, tense,
    tokens FROM sentences;
CREATE TEMP TABLE sentence_ids AS SELECT id AS old, article_id * 1048576 + idx AS new FROM sentences;
CREATE INDEX temp.sentence_ids_old ON sentence_ids(old);
UPDATE mentions SET sentence_id = (SELECT new FROM sentence_ids WHERE old = mentions.sentence_id)
    WHERE sentence_id IS NOT NULL;
UPDATE timexes SET sentence_id = (SELECT new FROM sentence_ids WHERE old = timexes.sentence_id)
    WHERE sentence_id IS NOT NULL;
UPDATE events SET sentence_id = (SELECT new FROM sentence_ids WHERE old = events.sentence_id);
DROP TABLE sentence_ids;
DROP TABLE sentences;
ALTER TABLE sentences_v5 RENAME TO sentences;

ALTER TABLE articles ADD COLUMN signature BLOB;
ALTER TABLE articles ADD COLUMN topics TEXT;
ALTER TABLE articles ADD COLUMN pending INTEGER NOT NULL DEFAULT 1;
UPDATE articles SET syndication_group = NULL;
CREATE INDEX articles_pending ON articles(id) WHERE pending = 1;

CREATE TABLE article_bands (
    band INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;

CREATE TABLE timexes_v5 (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_id INTEGER REFERENCES sentences(id) ON DELETE CASCADE,
    tid TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    mod TEXT,
    interval_start INTEGER,
    interval_end INTEGER,
    granularity TEXT,
    anchor TEXT,
    rule TEXT NOT NULL,
    confidence REAL NOT NULL,
    exact INTEGER NOT NULL,
    reason TEXT NOT NULL,
    quant TEXT,
    freq TEXT,
    range_begin TEXT,
    range_end TEXT
);
INSERT INTO timexes_v5 SELECT id, article_id, sentence_id, tid, start, "end", text, type, value, mod,
    CAST(strftime('%s', interval_start) AS INTEGER), CAST(strftime('%s', interval_end) AS INTEGER),
    granularity, anchor, rule, confidence, exact, reason, quant, freq, range_begin, range_end FROM timexes;
DROP TABLE timexes;
ALTER TABLE timexes_v5 RENAME TO timexes;
CREATE INDEX timexes_article ON timexes(article_id);

CREATE TABLE events_v5 (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    timex_id INTEGER REFERENCES timexes(id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    interval_start INTEGER NOT NULL,
    interval_end INTEGER NOT NULL,
    granularity TEXT NOT NULL,
    anchoring TEXT NOT NULL,
    relation TEXT NOT NULL,
    signal TEXT,
    sort_key INTEGER,
    trigger TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    lemma TEXT,
    predicate TEXT,
    pos TEXT,
    cls TEXT NOT NULL DEFAULT 'OCCURRENCE',
    is_main INTEGER NOT NULL DEFAULT 1,
    tense TEXT,
    factuality TEXT NOT NULL DEFAULT 'asserted',
    source TEXT,
    source_mention_id INTEGER REFERENCES mentions(id) ON DELETE SET NULL,
    cluster_id INTEGER,
    terms BLOB,
    copy INTEGER
);
-- terms: the ids of its content words (merge_terms), ascending, as LEB128
-- varints of the gaps; copy: a hash of its sentence's folded words.
INSERT INTO events_v5 (id, article_id, sentence_id, timex_id, value, interval_start, interval_end, granularity,
    anchoring, relation, signal, sort_key, trigger, trigger_start, trigger_end, lemma,
    predicate, pos, cls, is_main, tense, factuality, source, source_mention_id)
SELECT id, article_id, sentence_id, timex_id, value, CAST(strftime('%s', interval_start) AS INTEGER),
    CAST(strftime('%s', interval_end) AS INTEGER), granularity, anchoring, relation, signal,
    CAST(strftime('%s', sort_key) AS INTEGER), trigger, trigger_start, trigger_end, lemma, predicate, pos, cls,
    is_main, tense, factuality, source, source_mention_id FROM events;
DROP TABLE events;
ALTER TABLE events_v5 RENAME TO events;
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_cluster ON events(cluster_id);

DROP TABLE clusters;
CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    pos INTEGER UNIQUE,
    predicate TEXT,
    value TEXT NOT NULL,
    interval_start INTEGER NOT NULL,
    interval_end INTEGER NOT NULL,
    granularity TEXT NOT NULL,
    sort_key INTEGER NOT NULL,
    disagree INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    representative INTEGER,
    salience REAL NOT NULL DEFAULT 0,
    -- merge state (see kroniek.events.online.ClusterState); all four NULL when they are
    -- what one mention with the event's interval would have
    open_end_max INTEGER,
    end_min INTEGER,
    open_start_min INTEGER,
    start_max INTEGER,
    -- the meta tokens of its full-text document (entity ids, sources, years)
    meta TEXT NOT NULL DEFAULT ''
);

-- One document per merged event, rowid = clusters.pos: the text of its
-- mentions' sentences, the names of their entity mentions, the topic
-- words of their articles and meta tokens. Contentless: the text lives in
-- articles.text, so a document is deleted by giving its content again.
CREATE VIRTUAL TABLE cluster_fts USING fts5(text, names, about, meta, content='', detail=column, columnsize=0,
    tokenize='unicode61 remove_diacritics 2');

-- Blocking keys of merged event mentions: key is a 64-bit hash of the key
-- text ("p:aftreden", "e:e12", "t:345", "ep:e12|aftreden"), day the day the
-- mention is indexed under (days since 1970-01-01).
CREATE TABLE merge_keys (
    key INTEGER NOT NULL,
    day INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (key, day, event_id)
) WITHOUT ROWID;

-- Content words of merged event mentions, with how many mentions use each.
CREATE TABLE merge_terms (
    id INTEGER PRIMARY KEY,
    term TEXT NOT NULL UNIQUE,
    df INTEGER NOT NULL DEFAULT 0
);

-- Running counts: kind 'n' (merged mentions, key ''), 'c' (merged events,
-- key ''), 'p' (mentions per predicate), 'e' (mentions per entity key: centrality).
CREATE TABLE merge_counts (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

DROP INDEX IF EXISTS mentions_text;

-- Per entity: mentions per full name as written (kind 'n') and per type
-- ('t'), so that naming and typing an entity needs no count over its
-- mentions; ids keep the order the names and types were first seen in.
CREATE TABLE entity_stats (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    count INTEGER NOT NULL,
    UNIQUE (entity_id, kind, key)
);
INSERT INTO entity_stats (entity_id, kind, key, count)
    SELECT entity_id, 'n', COALESCE(full_name, text), COUNT(*) FROM mentions WHERE entity_id IS NOT NULL
    GROUP BY entity_id, COALESCE(full_name, text) ORDER BY MIN(id);
INSERT INTO entity_stats (entity_id, kind, key, count)
    SELECT entity_id, 't', type, COUNT(*) FROM mentions WHERE entity_id IS NOT NULL
    GROUP BY entity_id, type ORDER BY MIN(id);
