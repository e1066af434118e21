"""Handing a conversation to a person: tickets, the bot's pause, the helpline's hours, and the
notice to people nobody has answered yet. The staff console itself lives in bot/console/."""
