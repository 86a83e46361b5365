"""Where a worker's CPU goes: py-spy recording a worker's process tree, and its samples added up.

`recording(pid, path)` runs `py-spy record --gil --subprocesses --format raw` on the worker's
main process for the block (`--gil`: only samples taken while a thread held the interpreter
lock, its CPU, not its waits on PostgreSQL, Redis or Zoom). `shares(path)` reads the raw output
(one stack a line, `process A:"cmd";process B:"cmd";frame;frame;... count`) and counts, per
kind of process (the main process, the pool processes), the samples with each named part of
the job on their stack. `python bench/spy.py FILE [CPU ms per meeting]` prints them.

Written here rather than taken from a library: py-spy's own viewers draw flame graphs, and
what the bench needs is a few named shares printed beside its figures.
"""

import contextlib
import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

# What each part of the job is called on a stack (function names as py-spy prints them). A
# sample counts for every part on its stack, so nested parts (the create inside the sync) and
# their parents both count it.
PARTS = {
    "main": {
        "Flower's task events": ("EventDispatcher.send", "EventDispatcher.flush"),
        "receiving a message (BRPOP, decode)": (
            "Channel._brpop_read",
            "Consumer._receive_callback",
        ),
        "acknowledging it (late ack)": ("Message.ack",),
        "handing it to a pool process": ("BasePool.apply_async",),
        "reading the pool's results": ("ResultHandler._recv_message",),
    },
    "pool": {
        "the sync task": ("meeting_sync",),
        "  claim (lease, row read)": ("lease_claim",),
        "  hold before the create": ("lease_hold",),
        "  the Zoom create (client, limiter, HTTP)": ("ZoomClient.create_meeting",),
        "  HTTP exchanges (requests: Zoom, the event)": ("Session.request",),
        "    the call's record (SyncAttempt)": ("sync_attempt_recorder.<locals>.record",),
        "  write-back (and its events)": ("_write_back",),
        "    events recorded": ("platform_events_after_sync",),
        "  first delivery attempt": ("platform_event_send",),
        "the delivery task": ("platform_event_deliver",),
        "task results (STARTED, SUCCESS)": ("Backend.store_result",),
        "per-task signals": ("_reuse_database_connection", "_ids_from_headers", "_task_done"),
        "Celery's tracer (the task within)": ("trace_task", "fast_trace_task"),
    },
}

_PROCESS = re.compile(r'^process \d+:".*"$')


@contextlib.contextmanager
def recording(pid: int, path: Path):
    """py-spy on `pid` and its children for the block; nothing when py-spy is not installed."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        print("  (no py-spy: no profile)", flush=True)
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    command = [spy, "record", "--gil", "--subprocesses", "--rate", "200", "--format", "raw"]
    process = subprocess.Popen(
        [*command, "--nonblocking", "--pid", str(pid), "--output", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        process.send_signal(signal.SIGINT)  # py-spy writes its output when interrupted
        process.wait(timeout=60)


def shares(path: Path) -> dict[str, tuple[int, Counter]]:
    """Per kind of process: its samples in all, and per named part the samples that had it."""
    totals, counted = Counter(), {kind: Counter() for kind in PARTS}
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        entries = stack.split(";")
        depth = sum(1 for entry in entries if _PROCESS.match(entry))
        kind = "main" if depth == 1 else "pool"
        functions = {entry.split(" (", 1)[0] for entry in entries[depth:]}
        totals[kind] += int(count)
        for part, names in PARTS[kind].items():
            if functions.intersection(names):
                counted[kind][part] += int(count)
    return {kind: (totals[kind], counted[kind]) for kind in PARTS}


def report(path: Path, *, cpu_per_meeting: float | None = None) -> None:
    """Print each part's share of its kind's samples (and, given the tree's CPU per meeting,
    its share of that in ms, the samples of both kinds taken as the whole)."""
    found = shares(path)
    everything = sum(total for total, _ in found.values()) or 1
    for kind, (total, counted) in found.items():
        share = total / everything
        cost = f", {share * cpu_per_meeting * 1000:.2f} ms a meeting" if cpu_per_meeting else ""
        print(f"    {kind} process{'es' if kind == 'pool' else ''}: {share:.0%} of samples{cost}")
        for part in PARTS[kind]:
            part_share = counted[part] / everything
            ms = f"{part_share * cpu_per_meeting * 1000:6.2f} ms" if cpu_per_meeting else ""
            print(f"      {part:<45} {counted[part] / (total or 1):5.0%}   {ms}")


if __name__ == "__main__":
    report(Path(sys.argv[1]), cpu_per_meeting=float(sys.argv[2]) / 1000 if sys.argv[2:] else None)
