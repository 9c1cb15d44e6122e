"""Outputs built from plain records: history summaries, trends, exports."""
