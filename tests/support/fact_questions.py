"""Questions a candidate asks, and the fact each should reveal (None: no fact answers it).

Shared by tests/unit/test_facts_focus.py and bench/facts.py. Near-misses (a question that
shares words with a fact but asks something else) expect None or a different fact.
"""

from __future__ import annotations

# (scenario id, question, expected fact id or None)
QUESTIONS: list[tuple[str, str, str | None]] = [
    # ---- url-shortener
    ("url-shortener", "How long do we keep the links?", "retention"),
    ("url-shortener", "Do links ever expire?", "retention"),
    ("url-shortener", "How many new URLs are created per month?", "scale"),
    ("url-shortener", "What's the read/write ratio?", "read_write_ratio"),
    ("url-shortener", "How big is each record?", "record_size"),
    ("url-shortener", "Do we need custom aliases?", "custom_alias"),
    ("url-shortener", "Is click analytics in scope?", "analytics"),
    ("url-shortener", "What availability do we need?", "availability"),
    ("url-shortener", "How fast should a redirect be?", "latency"),
    ("url-shortener", "What's the traffic like?", "scale"),
    ("url-shortener", "Can users pick their own short code?", "custom_alias"),
    ("url-shortener", "What's the history of this project?", None),  # near-miss: not retention
    ("url-shortener", "How many engineers are on the team?", None),  # near-miss: "how many"
    ("url-shortener", "How long is the short code?", None),  # near-miss: the candidate's decision
    ("url-shortener", "Which database should I use?", None),
    ("url-shortener", "Is there a budget we have to stay within?", None),
    # ---- chat
    ("chat", "How many daily active users do we have?", "daily_active_users"),
    ("chat", "How many messages does each user send per day?", "messages_per_user"),
    ("chat", "What's the average message size?", "message_size"),
    ("chat", "How long are messages kept?", None),  # near-miss: retention, not message size
    ("chat", "Do we need to support group chats?", "conversation_types"),
    ("chat", "How big can a group be?", "conversation_types"),
    ("chat", "Should we show when someone is online?", "presence"),
    ("chat", "Do we need read receipts?", "receipts"),
    ("chat", "Do messages need to arrive in order?", "ordering"),
    ("chat", "Can a user be logged in on several phones at once?", "multi_device"),
    ("chat", "What about images and video?", "media"),
    ("chat", "What happens to messages sent to someone who is offline?", "offline_delivery"),
    ("chat", "How many servers do we have?", None),  # near-miss: "how many"
    ("chat", "Should I assume end-to-end encryption?", None),
    ("chat", "Do we need message search?", None),
    ("chat", "Which countries are the users in?", None),  # near-miss: "users"
    # ---- payment-rail
    ("payment-rail", "How many payments a day?", "volume"),
    ("payment-rail", "What's the peak traffic compared to the average?", "peak_factor"),
    ("payment-rail", "How fast must a payment settle?", "settlement_time"),
    ("payment-rail", "Can a payment ever be applied twice?", "no_duplicates"),
    ("payment-rail", "What message format do the banks exchange?", "message_standard"),
    ("payment-rail", "What availability is required?", "availability"),
    ("payment-rail", "How long do we keep records for audit?", "audit_retention"),
    ("payment-rail", "How big is a payment message?", "message_size"),
    ("payment-rail", "What's the settlement model?", None),  # near-miss: not the latency target
    ("payment-rail", "How many banks are connected?", None),  # near-miss: "how many"
    ("payment-rail", "Which currencies do we support?", None),
    ("payment-rail", "Is fraud checking part of this?", None),
    ("payment-rail", "What is the history of this project?", None),  # near-miss: not audit retention
    # ---- pastebin (unseen: written from the template for tests)
    ("pastebin", "How many pastes are created each day?", "paste_volume"),
    ("pastebin", "How often is a paste read?", "read_ratio"),
    ("pastebin", "What's the maximum paste size?", "paste_size"),
    ("pastebin", "Do pastes expire?", "expiry"),
    ("pastebin", "How long are pastes kept?", "expiry"),
    ("pastebin", "Can a paste be private?", "privacy"),
    ("pastebin", "Do we need syntax highlighting?", "highlighting"),
    ("pastebin", "How many users are there?", None),  # near-miss: "how many"
    ("pastebin", "Do users need accounts to paste?", None),
    ("pastebin", "What availability do we need?", None),
    # ---- file-sync (unseen: written from the template for tests)
    ("file-sync", "How many active users are there?", "users"),
    ("file-sync", "How many devices does a user have?", "devices"),
    ("file-sync", "How big can a file be?", "file_size"),
    ("file-sync", "How much storage does each user get?", "quota"),
    ("file-sync", "What happens if two devices edit the same file?", "conflicts"),
    ("file-sync", "Can folders be shared with other people?", "sharing"),
    ("file-sync", "Do we keep old versions of files?", "history"),
    ("file-sync", "How quickly should a change show up on other devices?", "sync_latency"),
    ("file-sync", "How many files does a user have?", None),  # near-miss: "how many"
    ("file-sync", "Which operating systems must the client support?", None),
    ("file-sync", "Is there a mobile app?", None),
]

# Written after the engine's last change and run once, unchanged: a held-out measure.
HELD_OUT: list[tuple[str, str, str | None]] = [
    ("url-shortener", "Roughly how much traffic should we plan for?", "scale"),
    ("url-shortener", "Are redirects much more common than new links?", "read_write_ratio"),
    ("url-shortener", "What uptime is expected?", "availability"),
    ("url-shortener", "Do we track clicks?", "analytics"),
    ("url-shortener", "Who are the users of this service?", None),
    ("chat", "What's the user base?", "daily_active_users"),
    ("chat", "Are there group conversations, and how large can they get?", "conversation_types"),
    ("chat", "Do we show last seen?", "presence"),
    ("chat", "Can people send photos?", "media"),
    ("chat", "How many messages per day does an average user send?", "messages_per_user"),
    ("chat", "How many developers will maintain this?", None),
    ("payment-rail", "What's the daily payment volume?", "volume"),
    ("payment-rail", "How long can settlement take?", "settlement_time"),
    ("payment-rail", "What uptime does the rail need?", "availability"),
    ("payment-rail", "What are the audit requirements?", "audit_retention"),
    ("payment-rail", "How many countries does it cover?", None),
    ("pastebin", "Are pastes deleted after some time?", "expiry"),
    ("pastebin", "How large can a paste get?", "paste_size"),
    ("pastebin", "Is the site read-heavy?", "read_ratio"),
    ("pastebin", "Can pastes be password protected?", "privacy"),
    ("pastebin", "Do we need an API for developers?", None),
    ("file-sync", "What's the scale in users?", "users"),
    ("file-sync", "How do we handle conflicting edits?", "conflicts"),
    ("file-sync", "Can a user restore an older version?", "history"),
    ("file-sync", "Is there a storage limit per user?", "quota"),
    ("file-sync", "What's the largest file we must sync?", "file_size"),
    ("file-sync", "How many regions do we deploy in?", None),
]

# Written by the lead on 2026-11-26 from the facts' answers only, before running them: questions a
# candidate would ask on five library scenarios the fact reader was never tuned on. Run as written.
LIBRARY_HELD_OUT: list[tuple[str, str, str | None]] = [
    ("ticket-booking", "How long do we hold a seat while someone pays?", "hold_duration"),
    ("ticket-booking", "Can two people ever end up with the same seat?", "double_booking"),
    ("ticket-booking", "How big is the largest on-sale?", "onsale"),
    ("ticket-booking", "Who handles the card payment?", "payments"),
    ("ticket-booking", "Do we need to stop scalper bots?", "fairness"),
    ("ticket-booking", "Does the seat map have to be exactly up to date?", "seat_map_freshness"),
    ("news-feed", "How many people use it every day?", "daily_users"),
    ("news-feed", "How many followers does a typical user have?", "follower_count"),
    ("news-feed", "Is the feed ranked or chronological?", "ordering"),
    ("news-feed", "How fast must the feed load?", "latency"),
    ("news-feed", "How quickly should a new post show up for followers?", "freshness"),
    ("news-feed", "Do we support direct messages?", None),
    ("ride-hailing", "How often do drivers send their location?", "update_interval"),
    ("ride-hailing", "How many drivers are online at once?", "drivers_online"),
    ("ride-hailing", "Can a driver be on two trips at the same time?", "one_trip"),
    ("ride-hailing", "How long do we keep GPS trails?", "history"),
    ("ride-hailing", "Do we need surge pricing?", None),
    ("video-streaming", "How many videos are uploaded a day?", "uploads"),
    ("video-streaming", "How long is an average video?", "video_length"),
    ("video-streaming", "Do we need live streaming?", "scope"),
    ("video-streaming", "How soon after upload must a video be playable?", "processing_time"),
    ("notification-service", "Which channels do we send on?", "channels"),
    ("notification-service", "Can users turn off marketing messages?", "preferences"),
    ("notification-service", "Is it OK to lose a notification now and then?", "guarantee"),
    ("notification-service", "How long do we keep the delivery history?", "retention"),
]

# Written by the lead after the fact reader's changes of 2026-11-26 (shared-word discount, irregular
# stems, the exclusive/opt-out/freshness senses), from the facts' answers only, and run once unchanged.
LIBRARY_HELD_OUT_2: list[tuple[str, str, str | None]] = [
    ("key-value-store", "Do we need range queries?", "operations"),
    ("key-value-store", "How large can a value be?", "value_size"),
    ("key-value-store", "How much data do we store in total?", "data_size"),
    ("key-value-store", "What read and write throughput should we plan for?", "traffic"),
    ("key-value-store", "Is it acceptable to reject writes during a partition?", "availability"),
    ("key-value-store", "Do clients need strongly consistent reads?", "consistency"),
    ("key-value-store", "How much disk does each machine have?", "node_disk"),
    ("search-autocomplete", "How many suggestions do we show?", "suggestion_count"),
    ("search-autocomplete", "How are the suggestions ordered?", "ranking"),
    ("search-autocomplete", "What latency budget do suggestions have?", "latency"),
    ("search-autocomplete", "Do we have to filter offensive suggestions?", "safety"),
    ("search-autocomplete", "Do we support multiple languages?", None),
    ("metrics-alerting", "How many machines report metrics?", "hosts"),
    ("metrics-alerting", "How often is each series reported?", "interval"),
    ("metrics-alerting", "How long do we keep the raw data?", "retention"),
    ("metrics-alerting", "How fast must an alert fire?", "alert_latency"),
    ("collaborative-editing", "How many people can edit one document at once?", "editors_per_doc"),
    ("collaborative-editing", "Can an acknowledged edit ever be lost?", "durability"),
    ("collaborative-editing", "Can users see old versions of a document?", "history"),
    ("collaborative-editing", "Do we need offline editing?", "features"),
]
