"""What every page does first: load the data, or show one clear error and stop."""

from __future__ import annotations

import streamlit as st

from reportmap.loading import DataError
from ui.data import Data, load_data


def data_or_stop() -> Data:
    try:
        return load_data()
    except DataError as error:
        st.error(f"The dashboard's data could not be loaded. {error}")
        st.stop()
        raise  # unreachable: st.stop() ends the run
