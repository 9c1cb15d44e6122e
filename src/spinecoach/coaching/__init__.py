"""Use cases every front end calls: the safety gate, planning today, a session's life, the diary.

Nothing here knows about Typer, Textual or FastAPI: adapters gather input, call these functions
and render what they return.
"""
