"""The floor: a blank Streamlit page that writes one line of text.

`bench/run.py` measures the time from navigation start to this line on screen; the map
page is compared against it.
"""

import streamlit as st

# bench/run.py waits for exactly this text (BLANK_TEXT there).
st.write("Blank page: the floor of the benchmark.")
