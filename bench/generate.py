"""Generate a large, valid story for benchmarks and smoke tests.

    python bench/generate.py --claims 10000 --reactions 10000 -o bench/corpora/big.toml
    python bench/generate.py --items 19999 -o bench/corpora/just-below.toml
    python bench/generate.py --replicate 714 -o bench/corpora/seed-x714.toml
    python bench/generate.py --archive 200 -o bench/corpora/archive-200

The story is synthetic and says so in its title; its shape matches the real seed
(claims by actors, reactions replying to claims and to each other, GPUs, fleets), so
every pane, link and search is exercised at scale. ``--items`` picks the numbers of
claims and reactions that make a story of exactly that many items (what the
dashboard's thresholds count). ``--replicate`` makes the bundled story's claims and
reactions that many times over instead: real text, at scale. ``--archive`` writes a
folder of that many stories, each the bundled story under its own id, title and date
(a claims desk's archive), one story a day going back from the bundled story's date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import tomllib
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "deepseek-r1.toml"
"""The bundled story, which ``replicated_toml`` multiplies."""

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
        'kind = "reference"',
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


def story_items(claims: int, reactions: int) -> int:
    """Items (everything with an id) in ``story_toml(claims, reactions)``: the claims,
    reactions, actors, GPUs and fleets, one section and one source."""
    return claims + reactions + max(10, claims // 50) + 3 + max(1, claims // 1000) + 2


def sized_for(items: int) -> tuple[int, int]:
    """The claims and reactions of a generated story of exactly ``items`` items (about
    as many reactions as claims)."""
    claims = items // 2
    reactions = items - story_items(claims, 0)
    if reactions < 0:
        raise ValueError(f"a generated story has at least {story_items(1, 0)} items")
    return claims, reactions


_SPLIT = re.compile(r"^(?=\[)", re.MULTILINE)
"""Before every table header: a seed split into its tables (it has no multi-line strings)."""


def replicated_toml(copies: int, seed: Path = SEED) -> str:
    """The bundled story with its claims and reactions ``copies`` times over.

    Each copy's ids get a ``-cN`` suffix, and so do its references to the claims and
    reactions it copies (``about``, ``replies_to``), so each copy links within itself;
    everything else (actors, sources, GPUs, fleets…) is the story's own, once.
    """
    text = seed.read_text(encoding="utf-8")
    document = tomllib.loads(text)
    ids = {item["id"] for name in ("claims", "reactions") for item in document[name]}
    quoted = re.compile('"(' + "|".join(re.escape(i) for i in sorted(ids, key=len,
                                                                        reverse=True)) + ')"')
    tables = _SPLIT.split(text)
    copied = [t for t in tables if t.startswith(("[[claims]]", "[[reactions]]"))]
    out = []
    for table in tables:
        if table.startswith("[story]"):
            table = re.sub(r'^id = "(.*)"$', rf'id = "\1-x{copies}"', table, count=1,
                           flags=re.MULTILINE)
            table = re.sub(r'^title = "(.*)"$', rf'title = "\1 (claims and reactions ×{copies})"',
                           table, count=1, flags=re.MULTILINE)
        out.append(table)
    for n in range(1, copies):
        for table in copied:
            out.append("\n" + quoted.sub(lambda m, n=n: f'"{m.group(1)}-c{n}"',
                                          table.rstrip("\n")) + "\n")
    return "".join(out)


def replicated_items(copies: int, seed: Path = SEED) -> int:
    """Items in ``replicated_toml(copies)``."""
    document = tomllib.loads(seed.read_text(encoding="utf-8"))
    lists = ("sections", "sources", "actors", "claims", "gpus", "fleets", "reactions",
             "events", "notes", "runs", "prices", "utilisations")
    total = sum(len(document.get(name, ())) for name in lists)
    return total + (copies - 1) * (len(document["claims"]) + len(document["reactions"]))


ARCHIVE_NEWEST = dt.date(2025, 1, 26)
"""The newest archive copy's date: a day before the bundled story, so the bundled
story, put in the same folder, is what a launch opens."""


def archive_story_toml(number: int, seed_text: str) -> str:
    """Archive story ``number``: the bundled story's text, with its own id, title and
    date (``number`` days before ``ARCHIVE_NEWEST``)."""
    day = ARCHIVE_NEWEST - dt.timedelta(days=number)
    text = re.sub(r'^id = "(.*)"$', f'id = "archive-{number:04d}"', seed_text, count=1,
                  flags=re.MULTILINE)
    text = re.sub(r'^title = "(.*)"$', rf'title = "Archive {number:04d}: \1"', text, count=1,
                  flags=re.MULTILINE)
    return re.sub(r'^date = \{ date = [0-9-]+, precision = "[a-z]+"(.*)$',
                  rf'date = {{ date = {day.isoformat()}, precision = "day"\1', text, count=1,
                  flags=re.MULTILINE)


def write_archive(folder: Path, stories: int, seed: Path = SEED) -> None:
    """A folder of ``stories`` archive stories (``archive_story_toml``), one file each."""
    folder.mkdir(parents=True, exist_ok=True)
    seed_text = seed.read_text(encoding="utf-8")
    for number in range(stories):
        (folder / f"archive-{number:04d}.toml").write_text(
            archive_story_toml(number, seed_text), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--reactions", type=int, default=10_000)
    parser.add_argument("--items", type=int, help="exactly this many items (overrides both)")
    parser.add_argument("--replicate", type=int, metavar="COPIES",
                        help="the bundled story's claims and reactions, COPIES times over")
    parser.add_argument("--archive", type=int, metavar="STORIES",
                        help="a folder of STORIES copies of the bundled story (-o: the folder)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    if args.archive:
        write_archive(args.output, args.archive)
        size = sum(path.stat().st_size for path in args.output.iterdir())
        print(f"wrote {args.archive} stories to {args.output} ({size / 1e6:.1f} MB)")
        return
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.replicate:
        text = replicated_toml(args.replicate)
    else:
        claims, reactions = sized_for(args.items) if args.items else (args.claims,
                                                                       args.reactions)
        text = story_toml(claims, reactions, args.seed)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
