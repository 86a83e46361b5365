"""`make bench` entry point: `python bench/run.py [--help]` from the repository root."""

import sys
from pathlib import Path

if __name__ == "__main__":
    # Run as a script, so the repository root (with `bench`, `lunova`, `tests`) goes on the path.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.suite import main

    sys.exit(main())
