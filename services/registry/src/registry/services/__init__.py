"""Use cases of the registry, one module per aggregate: one function per verb; each owns its transaction."""
