"""Every provider limit the channels respect, in one place (values from the providers' docs)."""

SMS_MAX_CHARS = 1600  # Twilio: longer bodies are refused; it concatenates up to this many
WHATSAPP_MAX_CHARS = 4096  # WhatsApp text body
TELEGRAM_MAX_CHARS = 4096  # Telegram sendMessage text

WHATSAPP_MAX_REPLY_BUTTONS = 3  # interactive "button" messages
WHATSAPP_BUTTON_TITLE_MAX = 20
WHATSAPP_MAX_LIST_ROWS = 10  # interactive "list" messages, all sections together
WHATSAPP_LIST_ROW_TITLE_MAX = 24
WHATSAPP_LIST_BUTTON_MAX = 20  # the label of the button that opens the list
WHATSAPP_INTERACTIVE_BODY_MAX = 1024

TELEGRAM_CALLBACK_DATA_MAX_BYTES = 64

MAX_CHARS = {"sms": SMS_MAX_CHARS, "whatsapp": WHATSAPP_MAX_CHARS, "telegram": TELEGRAM_MAX_CHARS}
