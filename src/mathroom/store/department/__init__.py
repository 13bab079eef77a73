"""The department library: a second store, on the department's PostgreSQL server, and the
laptop's bookkeeping of which local item is which library item."""
