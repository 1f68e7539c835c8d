-- kroniek schema, version 3: covering indexes for full-text search with histograms
-- (index-only scans for the matching merged events' days, their event mentions'
-- articles and those articles' publication dates).
CREATE INDEX IF NOT EXISTS events_cluster_article ON events(cluster_id) INCLUDE (article_id);
DROP INDEX IF EXISTS events_cluster;
CREATE INDEX IF NOT EXISTS clusters_pos_sort ON clusters(pos) INCLUDE (id, sort_key);
CREATE INDEX IF NOT EXISTS articles_published ON articles(id) INCLUDE (dct_start);
