"""Lan Tỏa's faces: the Textual app and the `lantoa` command line.

The command line imports Textual only when it launches the app, so scripted commands stay fast.
"""
