"""The DuckDB warehouse: paths, connections and atomic publishing."""
