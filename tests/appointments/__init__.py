"""Booking visits to one-stop centres: slots, codes, bookings (issue 13)."""
