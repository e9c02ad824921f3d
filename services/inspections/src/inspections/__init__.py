"""Inspections: how a province checks that its agencies build, apply, maintain and improve their QMS."""
