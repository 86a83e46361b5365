"""Session starts keep the local wall-clock hour across daylight saving, with the UTC hour
moving, every one or more weeks, by count or until a local date."""

from datetime import UTC, date, datetime

from zoom_worker.series.rule import session_starts

# Berlin leaves summer time on 2030-10-27: 18:00 local is 16:00 UTC before, 17:00 after.
BEFORE = datetime(2030, 10, 14, 16, 0, tzinfo=UTC)


def test_the_local_hour_stays_and_the_utc_hour_moves_across_the_change():
    # given a Monday 18:00 Berlin session two weeks before summer time ends
    # when four weekly starts are computed
    starts = session_starts(anchor=BEFORE, every_weeks=1, zone="Europe/Berlin", count=4, limit=52)
    # then they are 18:00 local every Monday: 16:00 UTC before the change, 17:00 after
    assert [(s.day, s.hour) for s in starts] == [(14, 16), (21, 16), (28, 17), (4, 17)]


def test_until_a_local_date_every_two_weeks_from_a_later_one():
    # given a rule every two weeks up to 2030-11-25 (a Monday: the last may fall on it)
    # when the starts are computed from the second one on
    starts = session_starts(
        anchor=BEFORE,
        every_weeks=2,
        zone="Europe/Berlin",
        until=date(2030, 11, 25),
        skip=1,
        limit=52,
    )
    # then they are the 28th of October, the 11th and the 25th of November
    assert [(s.month, s.day) for s in starts] == [(10, 28), (11, 11), (11, 25)]


def test_never_more_than_the_limit():
    # given an until years ahead
    # when computed with a limit
    starts = session_starts(
        anchor=BEFORE, every_weeks=1, zone="Europe/Berlin", until=date(2040, 1, 1), limit=53
    )
    # then no more than the limit is made
    assert len(starts) == 53
