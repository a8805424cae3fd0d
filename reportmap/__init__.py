"""The report's figures on a map: records, loading and validation, area maths, map builder.

This package never imports streamlit; the page layer (`ui/`, `pages/`) does.
"""
