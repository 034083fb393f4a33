"""Benchmark: reading a funded-project list, and starting the command line.

    python benchmarks/bench_datasets.py [--quick]

The 2014-2020 list in ../shared/data is repeated to at least 100 000 data rows
(and to a quarter of that, to show whether memory grows with the file). In one
run, interleaved, each size is read by ``read_funded_projects`` (every row
validated, kept whole), ``iter_funded_projects`` (validated, streamed and
dropped) and the baseline ``csv.DictReader`` (no validation at all). It prints
rows per second, the time ratio ours / bare reader (aim: at most 5), and the
peak memory tracemalloc sees. Then it times ``ekosysteemi --help`` and
``ekosysteemi calls`` beside ``python -c pass`` in fresh interpreters (aim:
well under half a second).
"""

from __future__ import annotations

import csv
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from ekosysteemi import datasets

SOURCE = Path(__file__).parents[2] / "shared" / "data" / "rakennerahastot-hankkeet-2014-2020.csv"


def repeated(rows: int, folder: Path) -> Path:
    """The list with its data rows repeated until it has at least ``rows`` of them."""
    header, *body = SOURCE.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    times = -(-rows // len(body))
    path = folder / f"list-{rows}.csv"
    path.write_text(header + "".join(body) * times, encoding="utf-8")
    return path


def bare(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def whole(path: Path) -> int:
    found = datasets.read_funded_projects(path)
    return len(found.projects) + len(found.errors)


def streamed(path: Path) -> int:
    return sum(1 for _ in datasets.iter_funded_projects(path))


def measure(fn: Callable[[Path], int], path: Path) -> tuple[float, int, int]:
    """Seconds, rows and peak traced bytes of one call."""
    tracemalloc.start()
    start = time.perf_counter()
    rows = fn(path)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, rows, peak


def timed(fn: Callable[[Path], int], path: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(path)
        best = min(best, time.perf_counter() - start)
    return best


def startup(args: list[str], repeat: int) -> float:
    """The median wall time of a fresh interpreter running ``args``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    large = 20_000 if quick else 100_000
    repeat = 2 if quick else 3
    with tempfile.TemporaryDirectory() as folder:
        sizes = [repeated(large // 4, Path(folder)), repeated(large, Path(folder))]
        print(f"{'reader':<22}{'rows':>9}{'rows/s':>11}{'x bare':>8}{'peak MiB':>10}")
        for path in sizes:
            times = {name: float("inf") for name in ("csv.DictReader", "read", "iter")}
            for _ in range(repeat):  # interleaved, so each sees the same machine
                times["csv.DictReader"] = min(times["csv.DictReader"], timed(bare, path, 1))
                times["read"] = min(times["read"], timed(whole, path, 1))
                times["iter"] = min(times["iter"], timed(streamed, path, 1))
            for name, fn in (("csv.DictReader", bare), ("read", whole), ("iter", streamed)):
                _, rows, peak = measure(fn, path)
                label = name if name == "csv.DictReader" else f"{name}_funded_projects"
                print(
                    f"{label:<22}{rows:>9}{rows / times[name]:>11.0f}"
                    f"{times[name] / times['csv.DictReader']:>8.2f}{peak / 2**20:>10.1f}"
                )
        print("aim: read and iter within 5x of csv.DictReader; iter's memory flat as rows grow")

    n = 5 if quick else 15
    base = startup(["-c", "pass"], n)
    print(f"\npython -c pass        {base * 1000:6.0f} ms")
    for args in (["--help"], ["calls"]):
        wall = startup(["-m", "ekosysteemi", *args], n)
        print(f"ekosysteemi {' '.join(args):<10}{wall * 1000:6.0f} ms   (aim: under 500 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
