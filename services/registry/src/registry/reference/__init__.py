"""Reference data loaded from packages made for it, rather than typed by hand (docs/adr/0015)."""
