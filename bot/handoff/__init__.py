"""Handing a conversation to a person: tickets now; the staff console comes in a later issue."""
