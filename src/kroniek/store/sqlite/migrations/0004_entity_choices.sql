-- kroniek schema, version 4: the name and type a user chose for an entity
-- by merging ("kroniek entities merge KEEP OTHER" keeps KEEP's name and
-- type). Grouping and regrouping use them instead of the most frequent
-- name and type of the entity's mentions.
CREATE TABLE entity_choices (
    uid TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
