"""Widgets of the interview app, one per module."""
