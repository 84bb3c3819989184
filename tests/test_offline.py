"""No network, ever: a whole run with a socket guard, the same run watched by strace (which sees
the sockets of every library, not only Python's), and the offline switches set by tailor."""

from __future__ import annotations

import os
import re
import shutil
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
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HF_", "TRANSFORMERS_"))
    }  # tailor must set these itself
    out = tmp_path / "out.docx"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            GUARDED_RUN,
            str(ROOT / "examples/jobs/ml-platform.txt"),
            "--resume",
            str(RESUME),
            "-o",
            str(out),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert "tried the network" not in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert out.is_file()


def test_the_guard_catches_a_connection_attempt():
    probe = GUARDED_RUN.split("from tailor.cli")[0] + (
        "import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert "tried the network: socket." in result.stderr


def network_calls(command: list[str], home: Path, cwd: Path) -> tuple[list[str], str]:
    """Run `command` under `strace -f -e trace=network` with HOME=home: every socket and connect
    call that names an address family other than AF_UNIX (local), from any thread or child, and
    the command's stderr."""
    strace = shutil.which("strace")
    assert strace, "strace is missing: run scripts/system-deps.sh (apt-get install strace)"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HF_", "TRANSFORMERS_", "ORT_", "TAILOR_", "XDG_"))
    }
    env["HOME"] = str(home)
    trace = cwd / "strace.txt"
    result = subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=network", "-o", str(trace), *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return [
        line
        for line in trace.read_text().splitlines()
        if set(re.findall(r"\bAF_[A-Z0-9]+", line)) - {"AF_UNIX"}
    ], result.stderr


def test_a_whole_run_in_a_fresh_home_opens_no_network_socket_and_leaves_no_telemetry(
    tmp_path: Path,
):
    """onnxruntime's telemetry (a device id and an event queue in ~/.cache/Microsoft, sent to a
    collector) is native code: the audit hook above never sees it; strace does."""
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "out.docx"
    remote, stderr = network_calls(
        [
            sys.executable,
            "-m",
            "tailor",
            str(ROOT / "examples/jobs/ml-platform.txt"),
            "--resume",
            str(RESUME),
            "-o",
            str(out),
        ],
        home,
        tmp_path,
    )
    assert remote == []
    assert out.is_file(), stderr
    assert (home / ".cache" / "tailor" / "onnx").is_dir()  # the run did load onnxruntime
    assert not (home / ".cache" / "Microsoft").exists()


def test_strace_sees_a_connection_attempt_from_native_code(tmp_path: Path):
    probe = (
        "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
        "except OSError:\n    pass\n"
    )
    remote, _ = network_calls([sys.executable, "-c", probe], tmp_path, tmp_path)
    assert any("AF_INET" in line for line in remote)


def test_the_offline_switches_are_set_before_the_model_loads(monkeypatch: pytest.MonkeyPatch):
    from tailor.model_store import set_offline

    for variable in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.setenv(variable, "0")
    set_offline()
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
