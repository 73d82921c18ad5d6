"""``eventwire serve``: the HTTP API and the web page over one store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from eventwire.serve.app import DEFAULT_MAX_BODY_BYTES
from eventwire.serve.security import TOKEN_ENV, check_bind, is_loopback

__all__ = ["serve"]

err = Console(stderr=True)


def serve(
    db: Annotated[Path, typer.Option("--db", help="SQLite store to serve (built by `eventwire ingest`).")],
    host: Annotated[str, typer.Option("--host", help="Address to listen on; beyond loopback a token is required.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to listen on.")] = 8765,
    token: Annotated[
        Optional[str],
        typer.Option("--token", envvar=TOKEN_ENV, help=f"Access token every request must carry (or set {TOKEN_ENV})."),
    ] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="Refuse POSTed articles; open the store read-only.")]
    = False,
    create: Annotated[bool, typer.Option("--create", help="Create an empty store if the file is missing.")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="TOML config for POSTed articles.")] = None,
    stages: Annotated[
        Optional[str], typer.Option("--stages", help="Comma-separated stages for POSTed articles instead of the config's.")
    ] = None,
    max_body_bytes: Annotated[
        int, typer.Option("--max-body-bytes", min=1, help="Largest request body accepted (bytes).")
    ] = DEFAULT_MAX_BODY_BYTES,
) -> None:
    """Serve the store over an HTTP API (OpenAPI at /api/openapi.json) and a web page (map, timeline, network)."""
    import uvicorn

    from eventwire.serve.app import create_app

    try:
        check_bind(host, token)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    pipeline = None
    if config is not None or stages:
        from eventwire.config import load_config
        from eventwire.pipeline import Pipeline

        try:
            pipeline = Pipeline(load_config(config), stages=stages.split(",") if stages else None)
        except (ValueError, KeyError, OSError) as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from None
    try:
        app = create_app(db, token=token, pipeline=pipeline, max_body_bytes=max_body_bytes, read_only=read_only,
                         create=create)
    except (FileNotFoundError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    shown = f"[{host}]" if ":" in host else host
    where = f"http://{shown}:{port}/" + ("?token=…" if token else "")
    err.print(f"serving {db} at {where} (API spec: /api/openapi.json); Ctrl-C stops", highlight=False)
    if not is_loopback(host):
        err.print("[yellow]note:[/yellow] listening beyond this machine; requests need the token. "
                  "Use a TLS proxy in front of it on untrusted networks.", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("EVENTWIRE_LOG_LEVEL", "warning"),
                server_header=False, proxy_headers=False)
