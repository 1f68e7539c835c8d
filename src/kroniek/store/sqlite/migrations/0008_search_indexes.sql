-- kroniek schema, version 8: covering indexes for full-text search with histograms.
-- A search reads, for every matching merged event, its day, its event mentions'
-- articles and their publication dates. From these indexes alone it reads a few
-- pages per thousand matches; from the rows it read a page per match, and in a
-- big archive most of those pages came from disk.
CREATE INDEX IF NOT EXISTS events_cluster_article ON events(cluster_id, article_id);
DROP INDEX IF EXISTS events_cluster;
CREATE INDEX IF NOT EXISTS clusters_pos_sort ON clusters(pos, sort_key);
CREATE INDEX IF NOT EXISTS articles_published ON articles(id, dct_start);
