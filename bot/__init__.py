"""The pathways assistant: knowledge base, eligibility engine, NLG, channels and web service."""
