"""Our own tables (Rasa manages its tracker tables itself), the engine, and migrations."""
