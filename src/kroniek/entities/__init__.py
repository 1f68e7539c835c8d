"""Named entities: the mention finder and canonical entities across articles.

* :mod:`.finder` — mentions of one document from a tagger's analysis
  (Frog, a spaCy pipeline, or none) plus our own layer: :mod:`.tokens`,
  :mod:`.spans` (spans, particles, titles), :mod:`.evidence` (type votes),
  :mod:`.document` (one type per name, short forms, propagation, confidence);
* :mod:`.gazetteer` — places, first names and group words from CLDR,
  ISO 3166 and Frog's lists; :mod:`.langdata` — ``lang/<code>/entities.yaml``;
* :mod:`.backends` — the entity backend setting and the spaCy backend;
* :mod:`.grouping` — when two names may be one entity across articles
  (:mod:`kroniek.store.sqlite.entities` applies it to the database);
* :mod:`.mentions` — the first version (Frog's IOB tags, trimmed), kept for its callers.
"""
