-- kroniek schema, version 3: event mentions with triggers, TLINK bounds,
-- participants' roles and sources; merged events across articles
-- (clusters); syndication groups of near-duplicate articles.
-- Open bounds are stored as the extremes 0001-01-01 and 9999-12-31, so
-- that overlap tests need no NULL cases.
ALTER TABLE events ADD COLUMN ref_start TEXT;
ALTER TABLE events ADD COLUMN ref_end TEXT;
ALTER TABLE events ADD COLUMN sort_key TEXT;
ALTER TABLE events ADD COLUMN trigger TEXT;
ALTER TABLE events ADD COLUMN trigger_start INTEGER;
ALTER TABLE events ADD COLUMN trigger_end INTEGER;
ALTER TABLE events ADD COLUMN lemma TEXT;
ALTER TABLE events ADD COLUMN predicate TEXT;
ALTER TABLE events ADD COLUMN pos TEXT;
ALTER TABLE events ADD COLUMN cls TEXT NOT NULL DEFAULT 'OCCURRENCE';
ALTER TABLE events ADD COLUMN is_main INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN tense TEXT;
ALTER TABLE events ADD COLUMN factuality TEXT NOT NULL DEFAULT 'asserted';
ALTER TABLE events ADD COLUMN source TEXT;
ALTER TABLE events ADD COLUMN source_mention_id INTEGER REFERENCES mentions(id) ON DELETE SET NULL;
ALTER TABLE events ADD COLUMN cluster_id INTEGER REFERENCES clusters(id) ON DELETE SET NULL;
UPDATE events SET ref_start = interval_start, ref_end = interval_end, sort_key = interval_start;
CREATE INDEX events_cluster ON events(cluster_id);
CREATE INDEX events_main_time ON events(is_main, sort_key);

ALTER TABLE event_mentions ADD COLUMN role TEXT;

ALTER TABLE articles ADD COLUMN syndication_group INTEGER;
CREATE INDEX articles_syndication ON articles(syndication_group);

CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    predicate TEXT,
    value TEXT NOT NULL,
    interval_start TEXT NOT NULL,
    interval_end TEXT NOT NULL,
    granularity TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    disagree INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    representative INTEGER REFERENCES events(id) ON DELETE SET NULL,
    salience REAL NOT NULL DEFAULT 0
);
CREATE INDEX clusters_time ON clusters(sort_key);
CREATE INDEX clusters_representative ON clusters(representative);
