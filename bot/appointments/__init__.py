"""Booking visits to one-stop migrant centres: schedules, free slots, bookings (issue 13)."""
