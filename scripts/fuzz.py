"""Fuzz the loaders at scale with hypothesis and report how many inputs were tried.

    python scripts/fuzz.py [--examples N]

Targets: job bytes → decode_job_bytes → parse_job; YAML-shaped documents and raw text →
parse_resume. Anything but a result or tailor's own clean errors (UserError / InvalidInput) is
a finding, printed with the input that caused it.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.strategies import job_like_text, resume_shaped

from tailor.errors import UserError
from tailor.job import decode_job_bytes, parse_job
from tailor.resume import parse_resume

counts: dict[str, int] = {}


def count(target: str) -> None:
    counts[target] = counts.get(target, 0) + 1


def job_bytes(raw: bytes) -> None:
    count("job bytes")
    with contextlib.suppress(UserError):
        parse_job(decode_job_bytes(raw, "job.txt"))


def job_text(text: str) -> None:
    count("job text")
    parse_job(text)


def resume_document(document: dict) -> None:
    count("résumé YAML documents")
    try:
        text = yaml.safe_dump(document, allow_unicode=True)
    except yaml.YAMLError:
        return
    with contextlib.suppress(UserError):
        parse_resume(text)


def resume_text(text: str) -> None:
    count("résumé raw text")
    with contextlib.suppress(UserError):
        parse_resume(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=20_000, help="inputs per target")
    args = parser.parse_args()
    config = settings(max_examples=args.examples, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
    targets = [
        given(st.binary(max_size=4000))(job_bytes),
        given(job_like_text)(job_text),
        given(resume_shaped)(resume_document),
        given(st.text(max_size=600))(resume_text),
    ]
    started = time.monotonic()
    failures = 0
    for target in targets:
        try:
            config(target)()
        except Exception as error:  # a finding: report it and go on with the next target
            failures += 1
            print(f"FINDING in {target.__name__}: {type(error).__name__}: {error}")
        print(f"{target.__name__}: done after {time.monotonic() - started:.0f} s", flush=True)
    total = sum(counts.values())
    for name, tried in counts.items():
        print(f"{name:24} {tried:>8,} inputs")
    print(f"{'total':24} {total:>8,} inputs in {time.monotonic() - started:.0f} s, "
          f"{failures} findings")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
