"""Every task's registered name, written once: the tasks register under them, dispatch sends by
them and the beat schedule names them. Imports nothing, so any layer may read it."""

SYNC_MEETING = "lunova.sync_meeting"
PROCESS_WEBHOOK = "lunova.process_webhook"
RECONCILE = "lunova.reconcile_meetings"
SWEEP_ORPHANS = "lunova.sweep_zoom_orphans"
SWEEP_DUPLICATES = "lunova.sweep_meeting_duplicates"
DELIVER_EVENT = "lunova.deliver_event"
SETTLE_ATTENDANCE = "lunova.settle_meeting_attendance"
SETTLE_DUE_ATTENDANCE = "lunova.settle_attendance"
PRUNE_RECORDS = "lunova.prune_records"
DELETE_RECORDINGS = "lunova.delete_recordings"
