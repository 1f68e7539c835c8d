-- kroniek schema, version 7: the MinHash signatures in an index of their own.
-- A row of articles holds the text before the signature; for a long text the
-- signature sits behind the text's overflow pages, so reading the signatures of
-- a new article's band candidates read their texts too (megabytes per article
-- in a large archive). This covering index holds id, group and signature only.
CREATE INDEX IF NOT EXISTS articles_signature ON articles(id, syndication_group, signature)
    WHERE signature IS NOT NULL;
