"""What the tests own and the benchmark borrows: `harness` (a Streamlit server on a free port,
Chromium, a process tree's memory and CPU from /proc). `bench/` imports from here, never the reverse."""
