"""Scaling out: a local process pool (``eventwire.scale.pool``) and Spark (``eventwire.scale.spark``).

Both run the same batch function, ``Pipeline.run``, with models loaded once per worker process.
"""
