"""Tools beside the runtime: the synthetic demo-data generator and a local server for tests and benchmarks."""
