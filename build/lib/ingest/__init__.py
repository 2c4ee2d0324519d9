"""Read, validate, pseudonymise and load source extracts into the raw layer."""
