"""Use cases of the notifications service."""
