"""Sessions in SQLite: the Store, its errors, and the rows it returns."""

from interview.store.errors import AmbiguousSessionId, SessionNotFound, StoreError
from interview.store.store import Store
from interview.store.summaries import SearchHit, SessionSummary

__all__ = ["AmbiguousSessionId", "SearchHit", "SessionNotFound", "SessionSummary", "Store", "StoreError"]
