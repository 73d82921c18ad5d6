"""Stores: embedded SQLite by default (PostgreSQL as the server option)."""

from eventwire.store.sqlite import EventQuery, SQLiteStore, open_store

__all__ = ["EventQuery", "SQLiteStore", "open_store"]
