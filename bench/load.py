"""HTTP load: N client threads, each with its own kept-alive connection, for a fixed time.

http.client rather than requests: the load generator shares this machine's two cores with the
server, and requests costs several times more CPU per call.
"""

import http.client
import json
import math
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# (client index, n) -> (method, path, JSON body or None) of that client's n-th request.
RequestFactory = Callable[[int, int], tuple[str, str, dict | None]]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class LoadResult:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    server_cpu: float = 0.0  # CPU seconds the server used meanwhile, when measured

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def cpu_per_request(self) -> float:
        """Server CPU seconds per request: what the cores can do, whatever else runs on them."""
        return self.server_cpu / max(1, len(self.latencies))

    def merged(self, other: "LoadResult") -> "LoadResult":
        return LoadResult(
            self.seconds + other.seconds,
            self.latencies + other.latencies,
            self.statuses + other.statuses,
            self.server_cpu + other.server_cpu,
        )


class Client:
    """One kept-alive connection that sends JSON with a bearer token."""

    def __init__(self, base_url: str, token: str):
        parts = urlsplit(base_url)
        self._connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self._headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }

    def send(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        payload = None if body is None else json.dumps(body).encode()
        self._connection.request(method, path, body=payload, headers=self._headers)
        response = self._connection.getresponse()
        return response.status, response.read()

    def close(self) -> None:
        self._connection.close()


def run_load(
    base_url: str,
    tokens: list[str],
    make_request: RequestFactory,
    *,
    seconds: float,
    warmup: float = 1.0,
    server_cpu: Callable[[], float] = lambda: 0.0,
) -> LoadResult:
    """One thread per token for warmup + seconds; only requests that start after the warm-up
    count. A failed exchange is counted as status "error" and the connection opened again.
    server_cpu() gives the server's CPU seconds so far; it is read at the start and the end."""
    start = time.monotonic() + warmup
    end = start + seconds
    results = [LoadResult(seconds) for _ in tokens]

    def client_loop(index: int) -> None:
        client = Client(base_url, tokens[index])
        result = results[index]
        n = 0
        try:
            while (began := time.monotonic()) < end:
                try:
                    status, _body = client.send(*make_request(index, n))
                except (OSError, http.client.HTTPException):
                    status = "error"
                    client.close()  # the next request connects again
                n += 1
                if began >= start:
                    result.latencies.append(time.monotonic() - began)
                    result.statuses[status] += 1
        finally:
            client.close()

    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(len(tokens))]
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, start - time.monotonic()))
    cpu_at_start = server_cpu()
    for thread in threads:
        thread.join()
    total = LoadResult(seconds, server_cpu=server_cpu() - cpu_at_start)
    for result in results:
        total.latencies += result.latencies
        total.statuses += result.statuses
    return total
