"""A tiny request handler that bills customers."""
