"""The Streamlit layer: cached loaders and panels. Only this package and the pages import streamlit."""
