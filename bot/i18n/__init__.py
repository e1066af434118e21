"""Languages: gettext catalogs, and reading countries, languages and options from free text."""
