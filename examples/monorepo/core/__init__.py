"""Shared money helpers used by every other package."""
