"""The benchmark, the load check and Lighthouse runs, as a package: `python -m bench.run`,
`python -m bench.load_check`, `python -m bench.lighthouse` (or `make bench`, `make load-check`,
`make lighthouse`). Their servers and Chromium come from the tests' harness, `tests/support/harness.py`."""
