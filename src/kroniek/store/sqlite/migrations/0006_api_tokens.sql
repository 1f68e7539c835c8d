-- kroniek schema, version 6: tokens for the write endpoints of 'kroniek serve'.
-- Only the SHA-256 of a token is kept; the token itself is shown once, when made.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used TEXT
);
