"""The ingest run spread over Dask workers: the client reads the files and skips what is stored; each worker loads
the pipeline once (a worker plugin), extracts a batch of documents and writes each one to the shared store in
its own transaction. Needs the `cluster` extra (dask.distributed); the plain process pool stays the default.

    with Cluster(db_url, scheduler="tcp://host:8786") as cluster:   # or Cluster(db_url, workers=2): local
        counts = batch.ingest(paths, store, None, on_error, stage=cluster.stage)
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from claimscope.batch import BATCH_SIZE, OnError, Stored, origin, reason, store_extracted

try:
    from distributed import Client, LocalCluster, WorkerPlugin, get_worker
except ImportError:  # pragma: no cover - depends on the installation
    Client = None  # type: ignore[assignment,misc]
    WorkerPlugin = object  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from claimscope.ingest import Document

RETRIES = 2  # a batch whose worker died or failed is run again this many times, on any worker
MISSING = "the cluster options need dask.distributed: pip install 'claimscope[cluster]'"


class ClusterError(Exception):
    """The cluster cannot be used: distributed is not installed, the scheduler cannot be reached."""


class ExtractorPlugin(WorkerPlugin):
    """Per worker: the pipeline, loaded once at start, and the store, opened once."""

    def __init__(self, db_url: str, model: str | None = None) -> None:
        self.db_url = db_url
        self.model = model
        # One plugin per store and model; registering it again (another client, same store) replaces nothing.
        self.name = "claimscope-" + hashlib.sha1(f"{db_url}\0{model}".encode()).hexdigest()[:12]
        self.extractor: Any = None
        self.store: Any = None

    def setup(self, worker: Any) -> None:
        from claimscope.extract import Extractor
        from claimscope.store import Store

        self.extractor = Extractor(self.model)
        self.extractor.nlp  # noqa: B018  (load before the first batch)
        self.store = Store(self.db_url)

    def teardown(self, worker: Any) -> None:
        if self.store is not None:
            self.store.close()


def ingest_batch(plugin_name: str, documents: list[Document]) -> tuple[list[Stored], list[str]]:
    """On a worker: extract and store a batch; what became of each document, in order (the claims JSON of the
    new ones goes back for the client's reconciliation increment), and the error lines to report."""
    plugin: ExtractorPlugin = get_worker().plugins[plugin_name]
    errors: list[str] = []
    stored = store_extracted(plugin.store, plugin.extractor, documents, errors.append, len(documents))
    return [outcome for _, outcome in stored], errors


class Cluster:
    """A Dask client on a running scheduler (`scheduler`) or on a local cluster of `workers` processes, set up
    to extract into the store at `db_url` (which every worker must reach: PostgreSQL across machines)."""

    def __init__(self, db_url: str, scheduler: str | None = None, workers: int | None = None,
                 model: str | None = None, batch_size: int = BATCH_SIZE, processes: bool = True) -> None:
        if Client is None:
            raise ClusterError(MISSING)
        if scheduler is None and not workers:
            raise ClusterError("give a scheduler address or a number of local workers")
        self.batch_size = batch_size
        self._local = None
        try:
            if scheduler is None:
                self._local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                           dashboard_address=None, memory_limit=0)
                scheduler = self._local.scheduler_address
            self.client = Client(scheduler, timeout=30)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {reason(exc)}") from exc
        self.plugin = ExtractorPlugin(db_url, model)
        self.client.register_plugin(self.plugin)

    def stage(self, documents: Iterable[Document], on_error: OnError) -> Iterator[tuple[Document, Stored]]:
        """Batches of documents to the workers, a few per worker in flight; what became of each, in input order.
        A batch that still fails after its retries is reported: every document of it failed."""
        in_flight = max(2, 2 * sum(self.client.nthreads().values()))
        pending = iter(documents)
        futures: deque[tuple[list[Document], Any]] = deque()

        def submit() -> bool:
            chunk = list(islice(pending, self.batch_size))
            if chunk:
                futures.append((chunk, self.client.submit(ingest_batch, self.plugin.name, chunk, retries=RETRIES,
                                                          pure=False)))
            return bool(chunk)

        while len(futures) < in_flight and submit():
            pass
        while futures:
            chunk, future = futures.popleft()
            try:
                outcomes, errors = future.result()
            except Exception as exc:
                for document in chunk:
                    on_error(f"{origin(document)}: failed on the cluster: {reason(exc)}")
                outcomes, errors = [("failed", None)] * len(chunk), []
            for line in errors:
                on_error(line)
            yield from zip(chunk, outcomes)
            submit()

    def close(self) -> None:
        """Disconnect; a local cluster is shut down."""
        if getattr(self, "client", None) is not None:
            self.client.close()
        if self._local is not None:
            self._local.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
