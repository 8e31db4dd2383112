"""The interview engine: clock, planner, voices and the session that ties them together."""

from __future__ import annotations

from interview.engine.clock import Clock, ClockState, RealClock, VirtualClock
from interview.engine.factory import SessionSetupError, new_session, resume_session
from interview.engine.session import InterviewSession, SessionOver

__all__ = [
    "Clock",
    "ClockState",
    "InterviewSession",
    "RealClock",
    "SessionOver",
    "SessionSetupError",
    "VirtualClock",
    "new_session",
    "resume_session",
]
