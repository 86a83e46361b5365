"""Where a process's own metrics are read from: the registry (one process or, in multiprocess
mode, every process on the machine) and the worker's metrics port."""

import logging
import os

from prometheus_client import REGISTRY, CollectorRegistry, multiprocess, start_http_server

logger = logging.getLogger(__name__)


def process_registry() -> CollectorRegistry:
    """This process's metrics or, in multiprocess mode, those of every process on the machine."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def serve_worker_metrics(port: int) -> None:
    """The worker's endpoint, served by its main process for all of its pool's children."""
    start_http_server(port, registry=process_registry())
    logger.info("worker metrics served on port %s", port)
