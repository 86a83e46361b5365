"""bench/spy.py: a py-spy raw profile of a worker's tree, added up per kind of process and part."""

from bench.spy import shares

MAIN = 'process 10:"celery worker"'
POOL = 'process 11:"celery worker"'


def test_samples_are_counted_per_kind_and_for_every_part_on_their_stack(tmp_path):
    # given a profile: the main process sending a task event, a pool process in a Zoom create
    # inside a sync, and a pool process writing a task result
    raw = tmp_path / "worker.txt"
    raw.write_text(
        f"{MAIN};Consumer.loop (kombu/x.py:1);EventDispatcher.send (celery/events.py:2) 5\n"
        f"{MAIN};{POOL};trace_task (celery/trace.py:3);meeting_sync (sync.py:4);"
        "ZoomClient.create_meeting (client.py:5);Session.request (requests/s.py:6) 7\n"
        f"{MAIN};{POOL};trace_task (celery/trace.py:3);"
        "Backend.store_result (celery/backends/base.py:7) 2\n"
        "a line that is no sample\n"
    )
    # when it is added up
    found = shares(raw)
    # then each kind has its samples, and each part those with it on their stack
    main_total, main_parts = found["main"]
    pool_total, pool_parts = found["pool"]
    assert (main_total, pool_total) == (5, 9)
    assert main_parts["Flower's task events"] == 5
    assert pool_parts["the sync task"] == 7
    assert pool_parts["  the Zoom create (client, limiter, HTTP)"] == 7
    assert pool_parts["  HTTP exchanges (requests: Zoom, the event)"] == 7
    assert pool_parts["task results (STARTED, SUCCESS)"] == 2
    assert pool_parts["Celery's tracer (the task within)"] == 9
    assert pool_parts["  claim (lease, row read)"] == 0
