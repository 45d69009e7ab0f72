"""The per-test time limit: it stops runaway loops and nothing else."""

import contextlib
import time

import pytest

from course.timeouts import TimeLimitExceeded, debugger_attached, time_limit


def _loop_that_swallows_exceptions() -> None:
    while True:
        with contextlib.suppress(Exception):
            time.sleep(0.001)


def test_stops_a_loop_that_swallows_exceptions():
    started = time.perf_counter()
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        _loop_that_swallows_exceptions()
    assert time.perf_counter() - started < 2


def test_finished_code_is_never_interrupted_later():
    with time_limit(0.2):
        time.sleep(0.05)
    time.sleep(0.4)  # past the deadline: a stray interruption would fire here


def test_zero_turns_the_limit_off():
    with time_limit(0):
        time.sleep(0.05)


def test_no_debugger_in_a_plain_run():
    assert debugger_attached() is False
