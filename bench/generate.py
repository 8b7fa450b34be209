"""Generate a large, valid story for benchmarks and smoke tests.

    python bench/generate.py --claims 10000 --reactions 10000 -o bench/corpora/big.toml

The story is synthetic and says so in its title; its shape matches the real seed
(claims by actors, reactions replying to claims and to each other, GPUs, fleets), so
every pane, link and search is exercised at scale.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

STANCES = ("skeptical", "supportive", "neutral", "mixed")
STATUSES = ("established", "reported", "asserted", "disputed", "speculative", "misreported")
KINDS = ("capability", "cost", "hardware", "geopolitics", "accusation", "rivalry", "market")
WORDS = [
    "cluster",
    "cost",
    "chips",
    "export",
    "rule",
    "model",
    "training",
    "cheap",
    "claim",
    "hidden",
    "fleet",
    "rivalry",
    "data",
    "hardware",
    "price",
    "benchmark",
    "sanctions",
    "open",
    "weights",
    "reasoning",
    "compute",
    "budget",
    "lab",
    "paper",
]


def _q(text: str) -> str:
    return '"' + text.replace("\\\\", "\\\\\\\\").replace('"', '\\\\"') + '"'


def story_toml(claims: int, reactions: int, seed: int = 7) -> str:
    """The TOML text of a synthetic story with the given numbers of claims and reactions."""
    rng = random.Random(seed)
    actors = max(10, claims // 50)
    out: list[str] = [
        "format = 1",
        "",
        "[story]",
        f'id = "synthetic-{claims}-{reactions}"',
        f'title = "Synthetic benchmark story: {claims:,} claims, {reactions:,} reactions"',
        'publisher = "deepseek-tui bench"',
        'source = "bench/generate.py"',
        'date = { date = 2025-01-27, precision = "day" }',
        'summary = "Generated data for measuring speed. Not a real story."',
        "",
        "[[sections]]",
        'id = "generated"',
        'title = "Generated"',
        "",
        "[[sources]]",
        'id = "generator"',
        'title = "bench/generate.py"',
        'url = "https://example.com/generated"',
        "",
    ]
    for a in range(actors):
        out += ["[[actors]]", f'id = "actor-{a}"', f'name = "Person {a}"', 'kind = "person"', ""]
    for g, (name, bf16) in enumerate((("Chip A", 312.0), ("Chip B", 989.4), ("Chip C", 148.0))):
        out += [
            "[[gpus]]",
            f'id = "gpu-{g}"',
            f'name = "{name}"',
            'vendor = "Generated"',
            'architecture = "Synthetic"',
            'form_factor = "SXM"',
            'launch = { date = 2023-01-01, precision = "month" }',
            "memory_gb = 80",
            'memory_type = "HBM3"',
            "memory_bandwidth_gbs = 3350",
            f"bf16_dense_tflops = {bf16}",
            'fp8_dense_tflops = "unsupported"' if g == 0 else f"fp8_dense_tflops = {bf16 * 2}",
            "tdp_w = 700",
            'export_status = "restricted"',
            'sources = ["generator"]',
            'status = "derived"',
            "",
        ]
    for c in range(claims):
        words = " ".join(rng.choice(WORDS) for _ in range(6))
        out += [
            "[[claims]]",
            f'id = "claim-{c}"',
            f'by = "actor-{rng.randrange(actors)}"',
            f"short = {_q(f'Claim {c}: {words}')}",
            f"text = {_q(f'Generated claim number {c} about {words}.')}",
            f'kind = "{rng.choice(KINDS)}"',
            f'status = "{rng.choice(STATUSES)}"',
            'section = "generated"',
            f'gpus = ["gpu-{rng.randrange(3)}"]',
            "",
        ]
    for f in range(max(1, claims // 1000)):
        out += [
            "[[fleets]]",
            f'id = "fleet-{f}"',
            f'label = "Fleet {f}"',
            f'owner = "actor-{f % actors}"',
            f'stated_by = "actor-{(f + 1) % actors}"',
            f'parts = [{{ gpu = "gpu-{f % 3}", count = {1000 * (f + 1)} }}]',
            'status = "estimated"',
            f'claim = "claim-{f}"',
            "",
        ]
    for r in range(reactions):
        words = " ".join(rng.choice(WORDS) for _ in range(5))
        about = f"claim-{rng.randrange(claims)}" if claims else None
        replies = (
            f'replies_to = "reaction-{rng.randrange(r)}"'
            if r and rng.random() < 0.3
            else (f'replies_to = "{about}"' if about else "")
        )
        out += [
            "[[reactions]]",
            f'id = "reaction-{r}"',
            f'actor = "actor-{rng.randrange(actors)}"',
            f"quote = {_q(f'Reaction {r}: {words}')}",
            f"paraphrase = {_q(f'Generated reaction {r}.')}",
            f'stance = "{rng.choice(STANCES)}"',
            'channel = "X"',
            'date = { date = 2025-01-27, precision = "day" }',
        ]
        if replies:
            out.append(replies)
        if about:
            out.append(f'about = ["{about}"]')
        out += ['section = "generated"', 'status = "confirmed-secondary"', ""]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--reactions", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(story_toml(args.claims, args.reactions, args.seed), encoding="utf-8")
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
