"""Sync in the app: "sync now" (key and palette), the shared file chosen once, sync on start and
exit, the status-line slot, and the conflicts view. Built on store/sync's public API only.

- actions.py: the App mixin (worker, messages, palette commands, status slot, quit);
- settings.py: `[sync]` of config.toml and which shared file a store syncs with;
- status.py: the status-line text; conflicts.py (+ sync.tcss): the conflicts view.
"""
