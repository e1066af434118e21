"""The /chat page: try the bot in a browser through Rasa's REST channel, no phone needed."""
