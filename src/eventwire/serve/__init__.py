"""HTTP API and web page over a store (``eventwire serve``)."""

from eventwire.serve.app import create_app

__all__ = ["create_app"]
