"""Boundaries and the measurement, with the scripts that build them: run as modules from the
repository root (`python -m geodata.build`, `python -m geodata.build_measured`), so they import
`reportmap` from the same tree without editing `sys.path`."""
