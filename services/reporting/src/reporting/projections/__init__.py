"""The use cases that apply one topic's events to the read models, a module per consumed topic: each commits
once, and a redelivered, stale or replayed event leaves the read model as it was."""
