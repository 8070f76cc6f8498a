"""Instructions, not seconds: the store benchmarks counted by valgrind's callgrind.

Run: python -m tests.bench.bench_instructions [--contacts 10000]   (needs `valgrind` on PATH)

On a shared machine the times of bench_store and bench_import swing by a factor of two from one
minute to the next. The number of instructions a run executes does not: it is the same within a
fraction of a percent on every run, so it shows what a change to the code did. It is not the
whole story: plain `json.load` is bound by memory (many small allocations), so each of its
instructions costs more time than ours, and time ratios run higher than instruction ratios.

Each operation runs once in a fresh Python under callgrind, after its imports and set-up; the
same script with no operation is subtracted, leaving the instructions of the operation alone.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CALLGRIND = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]

#: The child: set-up shared by every operation, then the one operation named.
CHILD = """
import gc, json, sys
from pathlib import Path
import orjson
from store import Store, network
from store.importer import import_file
from store.validate import _vn_valid
_vn_valid()  # phonenumbers' patterns load once per process: set-up, not import work
op, folder = sys.argv[1], Path(sys.argv[2])
listed, target, source = folder / "listed.json", folder / "target.json", folder / "rows.csv"
gc.disable()  # as the CLI runs its commands
if op == "floor":
    json.loads(listed.read_bytes())
elif op == "list":
    snapshot = Store(listed).load()
    views = network.list_contacts(snapshot, network.ContactFilter())
    orjson.dumps(views, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
elif op == "import":
    import_file(Store(target), source)
"""


def instructions(op: str, folder: Path) -> int:
    """Instructions executed by the child for `op`, as callgrind counts them."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}
    script = folder / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    shutil.copyfile(folder / "base.json", folder / "target.json")
    done = subprocess.run(
        [*CALLGRIND, sys.executable, str(script), op, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise RuntimeError(f"no instruction count from callgrind:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt install valgrind)")
    from store import Store
    from tests.bench.bench_import import write_csv
    from tests.bench.synth import build_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build_store(folder / "listed.json", args.contacts)
        build_store(folder / "base.json", 0)
        org_names = [o["name"] for o in Store(folder / "base.json").load().live("organisations")]
        write_csv(folder / "rows.csv", args.contacts, org_names)
        counts = {op: instructions(op, folder) for op in ("none", "floor", "list", "import")}
        # the floor of the import: json.load of the store the import produced
        shutil.copyfile(folder / "target.json", folder / "listed.json")
        counts["import floor"] = instructions("floor", folder)
    own = {op: n - counts["none"] for op, n in counts.items() if op != "none"}
    print(f"{args.contacts} contacts; instructions of each operation (callgrind), millions")
    print(f"  json.load of the listed store   {own['floor'] / 1e6:8.0f}M")
    print(
        f"  contacts list --json            {own['list'] / 1e6:8.0f}M  "
        f"({own['list'] / own['floor']:.2f}x)"
    )
    print(f"  json.load of the imported store {own['import floor'] / 1e6:8.0f}M")
    print(
        f"  import of {args.contacts} CSV rows        {own['import'] / 1e6:8.0f}M  "
        f"({own['import'] / own['import floor']:.2f}x)"
    )


if __name__ == "__main__":
    main()
