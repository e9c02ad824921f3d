"""The registry's rules, whatever the storage: statuses, the quality-system lifecycle, checks, and errors as codes
with parameters (`registry.messages` says them in words). Pure Python: no framework, no I/O."""
