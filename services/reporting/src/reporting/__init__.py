"""Reporting: read models built only from events; provincial figures and the national oversight view."""
