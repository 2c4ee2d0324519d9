"""Sociale Economie Monitor: command-line tool and synthetic data."""
