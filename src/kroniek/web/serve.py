"""The application uvicorn runs for ``kroniek serve`` (its settings come from the environment)."""
from __future__ import annotations

import os

from .app import CACHE_SECONDS, MAX_BODY, create_app


def app():
    """Build the application from ``KRONIEK_SERVE_*`` (set by ``kroniek serve``)."""
    cors = [o for o in os.environ.get("KRONIEK_SERVE_CORS", "").split("\n") if o]
    ner = False if os.environ.get("KRONIEK_SERVE_NER") == "0" else None
    return create_app(os.environ["KRONIEK_SERVE_DB"], cors=cors or None,
                      max_body=int(os.environ.get("KRONIEK_SERVE_MAX_BODY") or MAX_BODY), ner=ner,
                      cache_seconds=float(os.environ.get("KRONIEK_SERVE_CACHE_SECONDS") or CACHE_SECONDS))
