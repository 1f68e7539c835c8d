-- kroniek schema, version 1: articles, sentences (with FTS5), time
-- expressions, entity mentions and events. Offsets are half-open character
-- offsets into articles.text; interval bounds are ISO 8601 in UTC.
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    ext_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    url TEXT,
    source TEXT,
    lang TEXT NOT NULL,
    dct_value TEXT NOT NULL,
    dct_text TEXT NOT NULL,
    dct_start TEXT NOT NULL,
    dct_end TEXT NOT NULL,
    dct_granularity TEXT NOT NULL,
    text TEXT NOT NULL,
    origin TEXT,
    ingested_at TEXT NOT NULL
);

CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    tense TEXT,
    text TEXT NOT NULL,
    tokens TEXT
);
CREATE INDEX sentences_article ON sentences(article_id, idx);

CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content='sentences', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE timexes (
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
    interval_start TEXT,
    interval_end TEXT,
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
CREATE INDEX timexes_article ON timexes(article_id);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_id INTEGER REFERENCES sentences(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    title TEXT,
    source TEXT NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_text ON mentions(text COLLATE NOCASE);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    timex_id INTEGER REFERENCES timexes(id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    interval_start TEXT NOT NULL,
    interval_end TEXT NOT NULL,
    granularity TEXT NOT NULL,
    anchoring TEXT NOT NULL,
    relation TEXT NOT NULL,
    signal TEXT
);
CREATE INDEX events_time ON events(interval_start, interval_end);
CREATE INDEX events_sentence ON events(sentence_id);

CREATE TABLE event_mentions (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
    link TEXT NOT NULL,
    PRIMARY KEY (event_id, mention_id)
);
CREATE INDEX event_mentions_mention ON event_mentions(mention_id);
