"""The `semon` command line: the top of the stack (it may import every other package)."""
