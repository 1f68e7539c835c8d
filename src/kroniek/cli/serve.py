"""``kroniek serve``: the REST API and the web page; ``kroniek token``: tokens for its write endpoints."""
from __future__ import annotations

import click

from ..store import open_store
from .common import db_option, errors_to_exit, write_json


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--cors", "cors", multiple=True, help="An origin allowed to call the API from a browser (repeatable; "
              "none by default).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (each with its own connections).")
@click.option("--max-upload", type=click.IntRange(1, 2**31), default=20 * 2**20, show_default=True,
              help="The largest request body, in bytes.")
@click.option("--no-ner", is_flag=True, help="Uploaded articles get no entities (default: when Frog is installed).")
@click.option("--cache-seconds", type=click.FloatRange(0, 3600), default=5.0, show_default=True,
              help="How long a read answer is served again from memory (0: off). The server's own writes "
                   "make kept answers stale at once; an ingest by another process shows within this time.")
@errors_to_exit
def serve_command(db: str, host: str, port: int, cors: tuple[str, ...], workers: int, max_upload: int,
                  no_ner: bool, cache_seconds: float) -> None:
    """Serve the archive: the web page at /, the REST API under /api, its documentation at /docs.

    Read endpoints are open; writes (uploads, entity merges and splits) need
    a token made with 'kroniek token create'.
    """
    import os

    import uvicorn

    open_store(db, create=False).close()  # a missing archive is an error now, not at the first request
    os.environ["KRONIEK_SERVE_DB"] = db
    os.environ["KRONIEK_SERVE_CORS"] = "\n".join(cors)
    os.environ["KRONIEK_SERVE_MAX_BODY"] = str(max_upload)
    os.environ["KRONIEK_SERVE_NER"] = "0" if no_ner else ""
    os.environ["KRONIEK_SERVE_CACHE_SECONDS"] = str(cache_seconds)
    click.echo(f"kroniek serves {db} at http://{host}:{port}/ (API documentation at /docs)", err=True)
    uvicorn.run("kroniek.web.serve:app", host=host, port=port, workers=workers, factory=True,
                log_level="warning", access_log=False)


@click.group("token")
def token_group() -> None:
    """Tokens for the server's write endpoints (stored as their SHA-256 only)."""


@token_group.command("create")
@click.option("--name", required=True, help="Who or what the token is for.")
@db_option
@errors_to_exit
def token_create(name: str, db: str) -> None:
    """Make a token and print it: this is the only time it is shown."""
    click.echo(open_store(db, create=False).create_token(name))


@token_group.command("list")
@db_option
@errors_to_exit
def token_list(db: str) -> None:
    """The tokens: name, when made, when last used (never the token)."""
    write_json(open_store(db, create=False).list_tokens())


@token_group.command("revoke")
@click.option("--name", required=True, help="The token to remove.")
@db_option
@errors_to_exit
def token_revoke(name: str, db: str) -> None:
    """Remove a token: requests with it are refused from now on."""
    open_store(db, create=False).revoke_token(name)
    click.echo(f"revoked {name}")
