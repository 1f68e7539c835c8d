"""Storage: one SQLite file with a versioned schema and FTS5 over sentences."""
from .db import connect, schema_version
from .writer import article_key, is_present, store_article

__all__ = ["article_key", "connect", "is_present", "schema_version", "store_article"]
