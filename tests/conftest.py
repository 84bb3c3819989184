"""Shared fixtures: the tests' résumé, a fake embedder for fast tests, the real model (loaded once),
LibreOffice."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from benchmarks.shared import has_shared_data, shared_dir
from hypothesis import settings

from tailor.job import parse_job
from tailor.model_store import Embedder

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
# The tests' own résumé: tests may assert what it says. The repository's resume.yaml is the
# users' example: test_end_to_end tailors it to the example jobs, other tests only check that
# it stays valid, so it can be edited freely.
RESUME = DATA / "resume.yaml"
SEED_RESUME = ROOT / "resume.yaml"
EXAMPLE_JOBS = sorted((ROOT / "examples" / "jobs").glob("*.txt"))
# The team's shared data (graded sets, real résumés), read at test time, never copied here.
# A clone without it still runs every other test: those that read it are marked `shared_data`
# and skip, saying where the data was looked for (benchmarks/shared.py).
SHARED = shared_dir()
HAS_SHARED = has_shared_data(SHARED)
NO_SHARED = (
    f"the team's shared data (eval-dev, corpus) is not in {SHARED}: put it beside "
    "the checkout as ../shared, or name its folder in TAILOR_SHARED"
)

# How many inputs each property test tries: 25 in the quick loop (`pytest -m "not slow"`),
# hypothesis's usual 100 in the whole suite, 1000 with HYPOTHESIS_PROFILE=thorough; and
# scripts/fuzz.py far more.
settings.register_profile("quick", max_examples=25)
settings.register_profile("thorough", max_examples=1000)


def pytest_configure(config: pytest.Config) -> None:
    # Before the test modules are imported: their settings take the profile's numbers then.
    quick = config.option.markexpr == "not slow"
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick" if quick else "default"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `shared_data` skip, with the reason, when the shared data is absent."""
    if HAS_SHARED:
        return
    for item in items:
        if item.get_closest_marker("shared_data"):
            item.add_marker(pytest.mark.skip(reason=NO_SHARED))


@pytest.fixture(scope="session")
def resume_path() -> Path:
    return RESUME


@pytest.fixture(scope="session")
def resume():
    from tailor.resume_yaml import load_resume

    return load_resume(RESUME)


class FakeEmbedder(Embedder):
    """A deterministic stand-in for the model, for fast tests of what is built on embeddings:
    each text is a bag of its words, hashed into DIMENSION counts and scaled to unit length.
    The same text gives the same vector, texts that share words have a higher cosine, texts
    with no word in common have cosine 0 (but for rare hash collisions), and a text with no
    words is all zeros. It knows nothing of meaning ("serve" and "hosting" are unrelated to
    it): what needs meaning is tested with the real model."""

    name = "fake-bag-of-words"
    DIMENSION = 512
    STOP_WORDS = frozenset(
        "a an and as at by for from in into of on or our the to we with "
        "you your is are be will this that".split()
    )

    def __init__(self) -> None:
        self.encoded: list[str] = []  # every text asked for, in order

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encoded += texts
        vectors = np.zeros((len(texts), self.DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            words = [w for w in re.findall(r"\w+", text.lower()) if w not in self.STOP_WORDS]
            for word in words:
                digest = hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest()
                vectors[row, int.from_bytes(digest, "little") % self.DIMENSION] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=vectors, where=norms > 0)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch):
    """`tailor ... --model fake` on the FakeEmbedder, registered as a model is (as llm's tests
    register a mock model): the CLI's whole path in milliseconds. The report pictures no page
    (that would start LibreOffice). Gives the options to pass."""
    from tailor import batch, embed

    embed.register_model("fake", lambda progress: FakeEmbedder())
    monkeypatch.setattr(batch, "can_picture_page", lambda: False)
    yield ["--model", "fake"]
    embed.unregister_model("fake")


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedding cache and ONNX export for the whole session, never the user's own."""
    return tmp_path_factory.mktemp("tailor-cache")


@pytest.fixture(scope="session")
def embedder(cache_dir: Path):
    """The real all-MiniLM-L6-v2 as users run it (ONNX, cached), once per session: no mocked
    model anywhere it matters."""
    from tailor.embed import load_embedder

    return load_embedder(cache_dir=cache_dir)


@pytest.fixture(scope="session")
def reference_embedder():
    """sentence-transformers itself, which defines what the embeddings are."""
    from tailor.embed import load_embedder

    return load_embedder(backend="torch", use_cache=False)


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice, which proves page counts. Missing is a failure, not a skip: the README's
    test command installs it (scripts/system-deps.sh)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found or not shutil.which("pdfinfo"):
        pytest.fail(
            "LibreOffice and poppler-utils are needed to prove page counts; run "
            "scripts/system-deps.sh (or `make test`, which does)."
        )
    return found


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache_dir: Path) -> None:
    """Tests never read the developer's own models folder, cache or settings."""
    monkeypatch.setenv("TAILOR_MODELS", str(tmp_path / "no-models-here"))
    monkeypatch.setenv("TAILOR_CACHE", str(cache_dir))
    for variable in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    os.environ.setdefault("COLUMNS", "120")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def units_by_section(text: str) -> dict[str, list[str]]:
    """The texts of a parsed posting's units, by the section the rules give them."""
    found: dict[str, list[str]] = {}
    for unit in parse_job(text).units:
        found.setdefault(unit.section, []).append(unit.text)
    return found


_VERBS = (
    "Built",
    "Led",
    "Designed",
    "Shipped",
    "Cut",
    "Automated",
    "Migrated",
    "Launched",
    "Rewrote",
    "Scaled",
    "Introduced",
    "Owned",
    "Mentored",
    "Drove",
    "Standardised",
    "Replaced",
    "Hardened",
    "Profiled",
    "Instrumented",
    "Consolidated",
    "Prototyped",
    "Negotiated",
    "Documented",
    "Redesigned",
    "Streamlined",
    "Delivered",
    "Piloted",
    "Coordinated",
    "Optimised",
    "Unified",
)
_QUALITIES = (
    "billing",
    "search",
    "payroll",
    "mobile",
    "on-call",
    "warehouse",
    "fraud",
    "release",
    "clinic",
    "supplier",
    "recommendation",
    "routing",
    "design",
    "chaos-testing",
    "ETL",
    "CRM",
    "triage",
    "GPU",
    "partner",
    "retention",
    "ledger",
    "vendor",
    "kitchen",
    "grant",
    "help-centre",
    "customs",
    "laboratory",
    "audit",
    "pricing",
    "identity",
    "shipping",
    "forecasting",
    "onboarding",
    "donor",
    "insurance",
    "exam",
    "tenant",
    "fleet",
    "energy",
    "subtitle",
)
_NOUNS = (
    "pipeline",
    "service",
    "dashboard",
    "rotation",
    "warehouse",
    "model",
    "process",
    "API",
    "portal",
    "workflow",
    "schema",
    "cluster",
    "backlog",
    "playbook",
    "library",
    "queue",
    "test suite",
    "runbook",
    "budget",
    "roadmap",
    "data model",
    "scheduler",
    "integration",
    "report",
    "curriculum",
    "checklist",
    "migration plan",
    "front end",
    "SDK",
    "monitoring",
)
_HOW = (
    "with Kubernetes",
    "in Go",
    "on Spark",
    "using dbt",
    "in React",
    "with Terraform",
    "on Airflow",
    "in Rust",
    "with Kafka",
    "using SQL",
    "in Python",
    "with Excel macros",
    "on AWS Lambda",
    "with Tableau",
    "in Java",
    "on GCP",
    "with a two-person team",
    "across four countries",
    "for 12 hospitals",
    "under a fixed budget",
)
_FOR = (
    "for the payments team",
    "for finance",
    "for two hospitals",
    "for the EU launch",
    "for field sales",
    "for our biggest client",
    "for the analytics guild",
    "for new hires",
    "for the night shift",
    "for three product lines",
    "for the SRE team",
    "for school districts",
    "for the board",
    "for the app store release",
    "for retail stores",
    "for the research group",
    "for the call centre",
    "for a merger",
    "for the data platform",
    "for regulators",
)
_RESULTS = (
    "cutting costs by {n}%",
    "saving {n} hours a week",
    "for {n}k daily users",
    "raising conversion {n}%",
    "reducing incidents by {n}%",
    "in {n} weeks",
    "halving latency for {n} services",
    "adopted by {n} teams",
    "lifting retention {n} points",
    "with {n}% fewer errors",
)


def long_career_yaml(
    bullets: int, projects: int = 0, seed: int = 0, long_title: bool = False
) -> str:
    """A résumé of `bullets` distinct, plausible bullets in roles of about ten (newest first)
    and `projects` projects of two bullets each, as YAML: a long career, built at test time.

    Besides common résumé phrases, each bullet names two things drawn from a large made-up
    vocabulary with Zipf's law (systems, clients, tools), as real bullets do: a vocabulary of a
    few hundred words would make every bullet half-repeat hundreds of others."""
    import itertools
    import random

    rnd = random.Random(seed)
    syllables = [
        "ka",
        "lo",
        "ven",
        "tri",
        "mar",
        "so",
        "dex",
        "qui",
        "ra",
        "pol",
        "ent",
        "zu",
        "ber",
        "nix",
        "ta",
        "gro",
        "lum",
        "fi",
        "cor",
        "ash",
    ]
    names = sorted({"".join(rnd.choices(syllables, k=3)).capitalize() for _ in range(6000)})
    # Cumulative, as random.choices would make them on every call: the same draws, sooner.
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(names) + 1)))

    def bullet(n: int) -> str:
        first, second = rnd.choices(names, cum_weights=weights, k=2)
        return (
            f"{rnd.choice(_VERBS)} the {rnd.choice(_QUALITIES)} {rnd.choice(_NOUNS)} of "
            f"{first} {rnd.choice(_HOW)} {rnd.choice(_FOR)} with {second}, "
            f"{rnd.choice(_RESULTS).format(n=rnd.randint(2, 95))} (#{n})."
        )

    roles, made = [], 0
    while made < bullets - 2 * projects:
        year, month = divmod(2025 * 12 - len(roles), 12)  # a month each, newest first
        count = min(10, bullets - 2 * projects - made)
        roles.append(
            {
                "company": f"Company {len(roles) + 1}",
                "title": (
                    "Senior Registered Nurse and Clinical Education Coordinator"
                    if long_title
                    else f"Engineer {len(roles) + 1}"
                ),
                "location": "Saint Paul, Minnesota" if long_title else None,
                "start": f"{year}-{month + 1:02}",
                "end": f"{year}-{month + 1:02}",
                "bullets": [bullet(made + i) for i in range(count)],
            }
        )
        made += count
    data = {
        "basics": {"name": "Ada Long", "email": "ada@example.com"},
        "summary": ["Engineer with a long career across many teams."],
        "experience": [{k: v for k, v in role.items() if v is not None} for role in roles],
        "projects": [
            {
                "name": f"Project {p + 1}",
                "start": str(2024 - p % 20),
                "bullets": [bullet(made + 2 * p), bullet(made + 2 * p + 1)],
            }
            for p in range(projects)
        ],
        "skills": [{"name": "Tools", "items": ["Python", "Go", "SQL", "Kubernetes"]}],
    }
    if not projects:
        del data["projects"]
    return dump_yaml(data)


def load_yaml(text: str) -> Any:
    """yaml.safe_load with libyaml's loader when PyYAML has it: the same data, ten times sooner
    on the long careers above."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def dump_yaml(data: Any) -> str:
    """yaml.safe_dump(data, allow_unicode=True, sort_keys=False), with libyaml when it can."""
    import yaml

    return yaml.dump(
        data,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
    )
