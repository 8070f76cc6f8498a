"""Benchmark of `lantoa import`: a 10k-row CSV, as a ratio to plain `json.load` of the result.

Run: python -m tests.bench.bench_import [--rows 10000 50000]
The import runs in-process (parse, validate, plan, one atomic write) into a store that already
holds the 163 organisations; the floor is `json.load` of the store it produced, measured in the
same run. Also measured: re-importing the same file (every row unchanged, nothing written) and
the wall time of the real `lantoa import` command (with Python start-up). Ratios use the best
of the attempts, in wall time and (second line) in CPU time of the process.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from store import Store
from store.importer import import_file
from store.reference import provinces
from tests.bench.synth import BEATS, FAMILY, GIVEN, MIDDLE, TITLES, build_store

#: The `lantoa` script of the Python running the benchmark (a venv need not be activated).
LANTOA = str(Path(sys.executable).with_name("lantoa"))

ROLES_VI = ["Phóng viên", "Biên tập viên", "Người phát ngôn", "Lãnh đạo", "Chuyên viên"]
HEADERS = [
    "STT",
    "Họ và tên",
    "Cơ quan",
    "Chức vụ",
    "Vai trò",
    "Lĩnh vực",
    "Email",
    "SĐT",
    "Tỉnh/thành",
    "Thẻ",
    "Ghi chú",
]


def write_csv(path: Path, rows: int, org_names: list[str], seed: int = 11) -> None:
    """A spreadsheet as a press office keeps it: Vietnamese headers, ';', national phones."""
    rng = random.Random(seed)
    names = [p.name for p in provinces().values()]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for i in range(rows):
        phone = f"091{i:07d}"
        writer.writerow(
            [
                i + 1,
                f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                rng.choice(org_names),
                rng.choice(TITLES),
                rng.choice(ROLES_VI),
                "; ".join(rng.sample(BEATS, 2)),
                f"nguoi{i}@example.org",
                f"{phone[:4]} {phone[4:7]} {phone[7:]}",
                rng.choice(names),
                "nhập khẩu",
                "Liên hệ qua Zalo trước khi gọi." if i % 3 == 0 else "",
            ]
        )
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process): on a shared machine the CPU time is the
    steadier of the two (it leaves out time waiting for the disk, like the final fsync)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="*", default=[10_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = folder / "base.json"
        build_store(base, 0)
        org_names = [o["name"] for o in Store(base).load().live("organisations")]
        print(
            f"{'rows':>7} {'store MB':>8} {'json.load':>10} {'import':>17} "
            f"{'re-import':>17} {'CLI wall':>9}"
        )
        for rows in args.rows:
            source = folder / f"import{rows}.csv"
            write_csv(source, rows, org_names)
            imports, reimports, floors = [], [], []
            for attempt in range(args.repeat):
                target = folder / f"s{rows}-{attempt}.json"
                shutil.copyfile(base, target)
                store = Store(target)
                report = {}
                imports.append(
                    timed(
                        lambda s=store, r=report, source=source: r.update(
                            rep=import_file(s, source)
                        )
                    )
                )
                assert report["rep"].total("added") == rows, report["rep"].rejections[:3]
                floors.append(timed(lambda t=target: json.loads(t.read_bytes())))
                reimports.append(timed(lambda s=store, source=source: import_file(s, source)))
            floor, imported, again = (min(t[0] for t in ts) for ts in (floors, imports, reimports))
            cpu_floor, cpu_imported, cpu_again = (
                min(t[1] for t in ts) for ts in (floors, imports, reimports)
            )
            cli_target = folder / f"cli{rows}.json"
            walls = []
            for _ in range(2):
                shutil.copyfile(base, cli_target)
                walls.append(
                    timed(
                        lambda t=cli_target, source=source: subprocess.run(
                            [LANTOA, "--store", str(t), "import", str(source)],
                            check=True,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                        )
                    )[0]
                )
            mb = (folder / f"s{rows}-0.json").stat().st_size / 1e6
            print(
                f"{rows:>7} {mb:>8.1f} {floor * 1000:>8.0f}ms "
                f"{imported * 1000:>7.0f}ms ({imported / floor:>4.2f}x) "
                f"{again * 1000:>7.0f}ms ({again / floor:>4.2f}x) "
                f"{statistics.median(walls) * 1000:>7.0f}ms"
            )
            print(
                f"{'CPU':>7} {'':>8} {cpu_floor * 1000:>8.0f}ms "
                f"{cpu_imported * 1000:>7.0f}ms ({cpu_imported / cpu_floor:>4.2f}x) "
                f"{cpu_again * 1000:>7.0f}ms ({cpu_again / cpu_floor:>4.2f}x)"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
