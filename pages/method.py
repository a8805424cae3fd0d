"""Data and method: every figure, its wording, range and source; downloads; provenance."""

from __future__ import annotations

import streamlit as st

from reportmap.areas import reconcile_area, reconcile_share
from reportmap.exports import figures_csv, figures_table, regions_geojson
from reportmap.geo import GEODATA_DIR
from reportmap.texts import fmt_int, fmt_km2_range, fmt_share_range
from ui import panels
from ui.page import data_or_stop

data = data_or_stop()
report, areas = data.report, data.areas

st.markdown("### Data and method")
st.markdown(f"Every Ukrainian region's figure from {panels.md(report.info.citation)}: the "
            "report's wording, our reading of it as a range, and the km² that range gives on the "
            "region's official area. This table says everything the map's colours say.")
sources = f"{report.info.citation}; area: {areas.source}"
st.dataframe(figures_table(data.joined, sources), hide_index=True, key="figures", width="stretch")

col_csv, col_geojson = st.columns(2)
col_csv.download_button("Download the figures (CSV)", figures_csv(data.joined),
                        file_name="report-figures.csv", mime="text/csv", key="download_csv")
col_geojson.download_button("Download the joined regions (GeoJSON)", regions_geojson(data.joined),
                            file_name="report-regions.geojson", mime="application/geo+json",
                            key="download_geojson")

st.markdown("#### From wording to range")
for statement in report.statements:
    st.markdown(f"- **“{panels.md(statement.wording)}”**: {panels.md(statement.reading)} "
                f"{panels.md(statement.pair_note)}")
st.markdown("- **Regions the report does not name** are shown as *none reported* and count as 0 "
            "in our totals; the report does not say that Russia controls nothing there.")

area, share = reconcile_area(report, areas), reconcile_share(report, areas)
st.markdown("#### Totals")
st.markdown(
    f"Each region's range is applied to its official area ({panels.md(areas.source)}; context), "
    "and the lows and highs are added up separately.\n\n"
    f"- The report: **{panels.md(area.stated.wording)}**. Ours, over all the regions it lists: "
    f"**{panels.md(fmt_km2_range(area.computed))}**: {area.verdict}.\n"
    f"- The report: **{panels.md(share.stated.wording)}**, said of the territory whose recognition "
    "Russia seeks (Crimea, Donetsk, Luhansk, Zaporizhzhia, Kherson). Ours, on Ukraine's "
    f"{fmt_int(areas.total_km2)} km²: **{panels.md(fmt_share_range(share.computed))}**: {share.verdict}.\n"
    f"- Kursk: the report's ≈{fmt_int(report.kursk.km2)} km² against the oblast's "
    f"{fmt_int(areas.kursk_km2)} km² ({panels.md(areas.kursk_source)}; context).\n\n"
    "km² are rounded to the nearest 100 because the shares they come from are ranges."
)

st.markdown("#### Boundaries")
st.markdown((GEODATA_DIR / "PROVENANCE.md").read_text(encoding="utf-8"))
