"""Clocks: virtual time moves only when told; real time pauses; typing time from words."""

from __future__ import annotations

import time

from interview.engine.clock import ClockState, RealClock, VirtualClock, typing_seconds


def test_virtual_clock_moves_only_forward_when_told() -> None:
    clock = VirtualClock(10)
    assert clock.now() == 10
    clock.advance(5)
    clock.advance(-3)
    assert clock.now() == 15
    clock.set(2)
    assert clock.now() == 2


def test_real_clock_pauses_and_resumes_from_a_start() -> None:
    clock = RealClock(start=100)
    assert clock.now() >= 100
    clock.pause()
    frozen = clock.now()
    time.sleep(0.02)
    assert clock.now() == frozen and clock.paused
    clock.resume()
    time.sleep(0.01)
    assert clock.now() > frozen


def test_typing_time_at_a_words_per_minute_rate() -> None:
    assert typing_seconds("one two three", 60) == 3.0
    assert typing_seconds("one two three", 30) == 6.0
    assert typing_seconds("", 60) == 0.0


def test_clock_state_goes_negative_in_overtime() -> None:
    state = ClockState(elapsed_s=400, phase_elapsed_s=350, phase_budget_s=300, total_budget_s=2700)
    assert state.phase_remaining_s == -50 and state.total_remaining_s == 2300
