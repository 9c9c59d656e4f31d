"""Invoices, built on core's money helpers."""
