"""No network, ever: a whole run with a socket guard, and the offline switches set by tailor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import RESUME, ROOT

pytestmark = pytest.mark.slow

GUARDED_RUN = """
import sys

def no_network(event, args):
    if event.startswith("socket.") and event not in ("socket.__new__", "socket.gethostname"):
        raise RuntimeError(f"tailor tried the network: {event} {args!r}")

sys.addaudithook(no_network)
from tailor.cli import main
sys.argv = ["tailor", *sys.argv[1:]]
main()
"""


def test_a_whole_run_opens_no_socket(tmp_path: Path):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("HF_", "TRANSFORMERS_"))}  # tailor must set these itself
    out = tmp_path / "out.docx"
    result = subprocess.run(
        [sys.executable, "-c", GUARDED_RUN, str(ROOT / "examples/jobs/ml-platform.txt"),
         "--resume", str(RESUME), "-o", str(out), "--json"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert "tried the network" not in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert out.is_file()


def test_the_guard_catches_a_connection_attempt():
    probe = GUARDED_RUN.split("from tailor.cli")[0] + (
        "import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60)
    assert "tried the network: socket." in result.stderr


def test_the_offline_switches_are_set_before_the_model_loads(monkeypatch: pytest.MonkeyPatch):
    from tailor.model_store import set_offline

    for variable in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.setenv(variable, "0")
    set_offline()
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
