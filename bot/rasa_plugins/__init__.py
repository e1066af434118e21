"""Classes Rasa loads by module path from endpoints.yml; they read bot/settings.py."""
