"""Use cases: one method per user action. Each opens its own unit of work. No Qt."""
