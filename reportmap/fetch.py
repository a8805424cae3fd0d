"""Fetching one day's file from cyterat/deepstate-map-data or a mirror of it (the standard library only).

A source is the base of the published layout: `https://raw.githubusercontent.com/...` (or any
`http(s)://` mirror) or a local folder, with the day's file at `data/deepstatemap_data_YYYYMMDD.geojson`
under it. A missing file (HTTP 404, or no such file in the folder) is an answer: that day has no
file. Anything else that is not a whole file within the size limit is an error, never half taken.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from reportmap.deepstate import member_name

DEFAULT_SOURCE = "https://raw.githubusercontent.com/cyterat/deepstate-map-data/main"
TIMEOUT_S = 30.0  # per connection and per read: a source that stalls longer is down
MAX_FILE_BYTES = 4 << 20  # dozens of times the largest day the archive holds: a file this large is no day's map
CHUNK = 1 << 16


class FetchError(Exception):
    """The source could not give an answer: unreachable, too slow, broken off, too large, an error."""


@dataclass(frozen=True)
class Answer:
    day: str
    address: str
    data: bytes | None  # None: the source has no file for this day


def is_web(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def address(source: str, day: str) -> str:
    if is_web(source):
        return f"{source.rstrip('/')}/{member_name(day)}"
    return str(Path(source) / member_name(day))


def fetch(source: str, day: str, timeout: float = TIMEOUT_S, limit: int = MAX_FILE_BYTES) -> Answer:
    """The file of one day, whole, or None if the source has none; FetchError otherwise."""
    where = address(source, day)
    if not is_web(source):
        folder = Path(source)
        if not folder.is_dir():
            raise FetchError(f"{source}: no such folder")
        path = Path(where)
        if not path.is_file():
            return Answer(day, where, None)
        if path.stat().st_size > limit:
            raise FetchError(f"{where}: larger than {limit:,} bytes")
        return Answer(day, where, path.read_bytes())
    request = urllib.request.Request(where, headers={"User-Agent": "reportmap-update (python urllib)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(day, where, _body(response, where, limit))
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return Answer(day, where, None)
        raise FetchError(f"{where}: HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"{where}: no answer within {timeout:g} s") from None
        raise FetchError(f"{where}: cannot reach the source ({reason})") from None
    except TimeoutError:
        raise FetchError(f"{where}: no answer within {timeout:g} s") from None
    except (http.client.HTTPException, OSError) as error:
        raise FetchError(f"{where}: the download broke off ({type(error).__name__}: {error})") from None


def _body(response: http.client.HTTPResponse, where: str, limit: int) -> bytes:
    """The whole body, or FetchError if it is larger than `limit` or shorter than announced."""
    declared = response.headers.get("Content-Length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{where}: announces {int(declared):,} bytes, more than {limit:,}")
    chunks, size = [], 0
    while chunk := response.read(CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{where}: larger than {limit:,} bytes")
    if declared is not None and declared.isdigit() and size != int(declared):
        raise FetchError(f"{where}: the download broke off ({size:,} of {int(declared):,} bytes)")
    return b"".join(chunks)
