"""DeepStateMap's daily files as cyterat/deepstate-map-data publishes them: their names, what one
must hold to be taken, and the reproducible archives they are kept in.

One file a day, `data/deepstatemap_data_YYYYMMDD.geojson`: a FeatureCollection named after its
own file, with one feature whose geometry is the (Multi)Polygon DeepStateMap showed as held by
Russia when the file was made. The same checks apply to a file of the pinned archive and to one
`python -m reportmap update` fetches; a file that fails them is refused, never repaired.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import lzma
import re
import tarfile
from collections.abc import Iterator
from pathlib import Path

import shapely

from reportmap.errors import SourceError

MEMBER = re.compile(r"data/deepstatemap_data_(\d{8})\.geojson")
# Ukraine's extent (lon 22.1-40.2, lat 44.4-52.4) with about 20 km to spare: DeepState's outline
# follows its own border, which runs a little into Russia (every archived day lies within
# lon 31.5-40.22, lat 44.38-51.87).
UKRAINE_BOX = (22.0, 44.0, 40.5, 52.5)
CRS84 = {"urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"}


def member_name(day: str) -> str:
    """The published path of a day's file (YYYY-MM-DD in, data/deepstatemap_data_YYYYMMDD.geojson out)."""
    return f"data/deepstatemap_data_{dt.date.fromisoformat(day):%Y%m%d}.geojson"


def iso_day(stamp: str) -> str:
    """YYYYMMDD (file name) to YYYY-MM-DD."""
    return dt.datetime.strptime(stamp, "%Y%m%d").date().isoformat()


def missing_days(days: list[str]) -> list[str]:
    """Calendar days between the first and the last file that have no file."""
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    have = set(days)
    every = (first + dt.timedelta(n) for n in range((last - first).days + 1))
    return [d.isoformat() for d in every if d.isoformat() not in have]


def read_day(day: str, data: bytes, where: str) -> shapely.Geometry:
    """The occupied area of one day's file, checked; `where` (a file name or an address) names it."""
    try:
        collection = json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        raise SourceError(f"{where}: not valid JSON ({error})") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise SourceError(f"{where}: not a GeoJSON FeatureCollection")
    name = collection.get("name")
    stem = Path(member_name(day)).stem
    if name is not None and name != stem:
        raise SourceError(f"{where}: names itself {name!r}, not {stem!r}")
    crs = collection.get("crs")
    if crs is not None:
        properties = crs.get("properties") if isinstance(crs, dict) else None
        crs = properties.get("name") if isinstance(properties, dict) else crs
        crs = crs if isinstance(crs, str) else repr(crs)
    if crs is not None and crs not in CRS84:
        raise SourceError(f"{where}: coordinates in {crs}, not lon/lat (CRS84)")
    features = collection.get("features")
    if not isinstance(features, list) or len(features) != 1 or not isinstance(features[0], dict):
        count = len(features) if isinstance(features, list) else "no"
        raise SourceError(f"{where}: {count} features, expected one")
    try:
        geometry = shapely.geometry.shape(features[0].get("geometry") or {})
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, shapely.errors.ShapelyError):
        raise SourceError(f"{where}: its feature has no readable geometry") from None
    if geometry.geom_type not in ("Polygon", "MultiPolygon") or geometry.is_empty:
        raise SourceError(f"{where}: its geometry is a {geometry.geom_type}, not a non-empty (Multi)Polygon")
    west, south, east, north = geometry.bounds
    box_west, box_south, box_east, box_north = UKRAINE_BOX
    if not (box_west <= west and box_south <= south and east <= box_east and north <= box_north):
        raise SourceError(f"{where}: reaches outside Ukraine's bounding box {UKRAINE_BOX} "
                          f"(its own: {west:.2f}, {south:.2f}, {east:.2f}, {north:.2f})")
    return geometry


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive_days(path: Path) -> list[str]:
    """The days that have a file, from the archive's member names (nothing is decompressed twice)."""
    try:
        with tarfile.open(path, "r:xz") as tar:
            names = [m.name for m in tar.getmembers() if m.isfile()]
    except (OSError, tarfile.TarError, EOFError, lzma.LZMAError) as error:
        raise SourceError(f"{path.name}: not a readable .tar.xz archive ({error})") from None
    days = []
    for name in names:
        match = MEMBER.fullmatch(name)
        if not match:
            raise SourceError(f"{path.name}: unexpected member {name!r}")
        days.append(iso_day(match.group(1)))
    if len(set(days)) != len(days):
        raise SourceError(f"{path.name}: holds a day twice")
    return sorted(days)


def archive_files(path: Path, wanted: set[str] | None = None) -> Iterator[tuple[str, bytes]]:
    """Yield (day, the file's bytes) in archive order, streaming (xz cannot seek cheaply)."""
    try:
        with tarfile.open(path, "r:xz") as tar:
            for member in tar:
                match = MEMBER.fullmatch(member.name) if member.isfile() else None
                if not match:
                    continue
                day = iso_day(match.group(1))
                if wanted is not None and day not in wanted:
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    raise SourceError(f"{path.name}: {member.name} cannot be read")
                yield day, handle.read()
    except (OSError, tarfile.TarError, EOFError, lzma.LZMAError) as error:
        raise SourceError(f"{path.name}: not a readable .tar.xz archive ({error})") from None


def read_days(path: Path, wanted: set[str] | None = None) -> Iterator[tuple[str, shapely.Geometry]]:
    """Yield (day, EPSG:4326 geometry) of every file in an archive, each checked by `read_day`."""
    for day, data in archive_files(path, wanted):
        yield day, read_day(day, data, f"{path.name}: {member_name(day)}")


def pack(members: dict[str, bytes], dict_size: int) -> bytes:
    """A reproducible .tar.xz: members sorted by name, no times or owners, one xz stream.

    `dict_size` bounds the memory xz needs to pack and unpack it; consecutive days are nearly
    the same, so a window of a few days' files packs them almost as small as a larger one.
    """
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name in sorted(members):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(members[name]), 0, 0o644
            tar.addfile(info, io.BytesIO(members[name]))
    return lzma.compress(buffer.getvalue(), format=lzma.FORMAT_XZ,
                         filters=[{"id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME,
                                   "dict_size": dict_size}])
