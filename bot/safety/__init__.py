"""Danger first: recognising people in danger from their words, and who can help them now."""

from bot.safety.signals import contacts_for, danger_signals

__all__ = ["contacts_for", "danger_signals"]
