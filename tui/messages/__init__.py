"""The Messages section's parts: the list, the story-card editor with its live checklist, the
preview, exports and $EDITOR round trips. The section itself is tui/sections/messages.py.

Everything here shows store text literally (Content/Text built from strings, never markup) and
writes only through store.messages, in store jobs (workers) run by the app.
"""
