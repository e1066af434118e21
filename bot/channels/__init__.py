"""Phone channels (Twilio SMS and WhatsApp, Meta WhatsApp Cloud, Telegram): rendering and limits.

Channels know nothing of eligibility: they turn the bot's messages (text, buttons, custom
metadata) into what each provider can show, and people's replies back into answers.
"""
