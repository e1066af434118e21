"""Natural-language generation: bot responses rendered in the person's language from the catalogs."""
