"""`make bench`: every benchmark, one table, JSON and a PNG chart in benchmarks/results/.

Pass `--quick` for a run under ten minutes; any other `docqa bench` option
passes through.  Benchmarks measure; they never fail on a time.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.cli import main

OUT = Path(__file__).resolve().parent / "results"

if __name__ == "__main__":
    main(["bench", "--json", str(OUT / "results.json"), "--report", str(OUT), *sys.argv[1:]])
