"""`eventwire serve`: safe defaults at the command line, and a real server that starts and stops."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
from typer.testing import CliRunner

from eventwire.cli import app
from tests.serve.livesrv import free_port

runner = CliRunner()


def test_refuses_a_public_address_without_a_token(store_path):
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    result = runner.invoke(app, ["serve", "--db", str(store_path), "--host", "0.0.0.0"], env=env)
    assert result.exit_code == 2
    assert "refusing to listen on 0.0.0.0 without an access token" in result.output
    assert "--token" in result.output and "EVENTWIRE_TOKEN" in result.output


def test_refuses_a_missing_store_with_a_hint(tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no store at" in result.output and "eventwire ingest" in result.output
    assert not (tmp_path / "none.db").exists()


def test_serves_on_loopback_until_stopped(store_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(store_path), "--port", str(port), "--read-only"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                resp = httpx.get(f"http://127.0.0.1:{port}/api/info", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"server did not start: {proc.communicate()[1]}") from None
                time.sleep(0.1)
        assert resp.status_code == 200 and resp.json()["counts"]["events"] == 5
        assert resp.json()["read_only"] is True
        assert "server" not in resp.headers
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=15)
    assert f"http://127.0.0.1:{port}/" in err
