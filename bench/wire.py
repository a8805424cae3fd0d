"""What a visit received, counted: each URL's kind, the bytes of the first screen, and what
the websocket carried (message kinds, a component's arguments, the GeoJSON in a map script,
each message's cost on the wire). Pure functions: no browser, no server."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit


def classify_url(url: str, origin: str) -> str:
    """'streamlit' (the framework's own page, bundle, fonts, endpoints), 'map' (what the
    map needs: the component iframe and its bundle, the app's static files such as Leaflet),
    'media' (files the app's own elements hand to Streamlit, e.g. a download button's data,
    served under /media/), 'inline' (data:, blob:) or 'external' (any other origin; none is
    expected offline)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return "inline"
    if f"{parts.scheme}://{parts.netloc}" != origin.rstrip("/"):
        return "external"
    path = parts.path
    if path.startswith(("/component/", "/app/static/")):
        return "map"
    if path.startswith("/media/"):
        return "media"
    return "streamlit"  # "/", /static/js|css|media, /_stcore/*, favicon, manifest


def first_screen_bytes(responses: Iterable[tuple[str, int]], origin: str,
                       kind: str = "map") -> tuple[int, dict[str, int]]:
    """Bytes of one kind of file (see `classify_url`) among (url, size) pairs, and the
    size per URL path (a path fetched twice counts twice).

    Streamlit's own bundle is left out: every Streamlit page pays it, the blank one too.
    """
    per_path: dict[str, int] = {}
    for url, size in responses:
        if classify_url(url, origin) == kind:
            path = urlsplit(url).path
            per_path[path] = per_path.get(path, 0) + int(size)
    return sum(per_path.values()), per_path


def _htmlsafe_len(value: object) -> int:
    """Bytes of `value` as folium writes it into the map script (Jinja's `tojson`)."""
    text = json.dumps(value)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, escaped)
    return len(text.encode("utf-8"))


def geojson_breakdown(script: str) -> dict:
    """Where the bytes of the GeoJSON layers embedded in a folium map script go.

    folium writes each layer as `<name>_add({...});`. Returns the bytes of those layers in
    total, of their geometries, of each property (all features together, as written), the
    feature count, each layer's bytes and features (e.g. the boundaries, the overlay), and the
    rest of the script (folium's code, styles, legend...).
    """
    decoder = json.JSONDecoder()
    layers, geometry, properties, features, per_layer = 0, 0, {}, 0, []
    position = 0
    while True:
        found = script.find("_add({", position)
        if found < 0:
            break
        start = found + len("_add(")
        try:
            value, end = decoder.raw_decode(script, start)
        except ValueError:
            position = start
            continue
        position = end
        if not isinstance(value, dict) or value.get("type") not in ("FeatureCollection", "Feature"):
            continue
        layers += len(script[start:end].encode("utf-8"))
        items = value["features"] if value["type"] == "FeatureCollection" else [value]
        per_layer.append({"bytes": len(script[start:end].encode("utf-8")), "features": len(items)})
        for feature in items:
            features += 1
            geometry += _htmlsafe_len(feature.get("geometry"))
            for key, prop in (feature.get("properties") or {}).items():
                properties[key] = properties.get(key, 0) + _htmlsafe_len(key) + 2 + _htmlsafe_len(prop)
    total = len(script.encode("utf-8"))
    return {"script_bytes": total, "geojson_bytes": layers, "geometry_bytes": geometry,
            "property_bytes": dict(sorted(properties.items(), key=lambda kv: -kv[1])),
            "features": features, "layers": per_layer, "other_script_bytes": total - layers}


# The server's side of permessage-deflate, as uvicorn's websockets-sansio protocol sets it up
# for Streamlit (memLevel 5, zlib's default level); the window bits and context takeover
# are read from what the browser negotiated.
WS_DEFLATE_MEM_LEVEL = 5


def ws_frame_header_len(size: int) -> int:
    """Bytes of an unmasked (server-to-client) websocket frame header."""
    return 2 if size < 126 else 4 if size < 65536 else 10


def ws_wire_bytes(payloads: Sequence[bytes], extensions: str | None) -> list[int]:
    """What each message costs on the wire, frame header included.

    Browsers report websocket payloads decompressed; with permessage-deflate negotiated
    (Streamlit's `server.enableWebsocketCompression`) the messages are compressed again
    here the way the server does it: one raw-deflate stream kept across messages unless
    `server_no_context_takeover`, each message ending in a sync flush minus its 4 bytes.
    """
    ext = (extensions or "").lower()
    if "permessage-deflate" not in ext:
        return [len(p) + ws_frame_header_len(len(p)) for p in payloads]
    params = dict(part.strip().partition("=")[::2] for part in ext.split(";")[1:])
    bits = int(params.get("server_max_window_bits") or 15)
    persistent = "server_no_context_takeover" not in params
    encoder = None
    sizes = []
    for payload in payloads:
        if encoder is None or not persistent:
            encoder = zlib.compressobj(wbits=-max(bits, 9), memLevel=WS_DEFLATE_MEM_LEVEL)
        size = len(encoder.compress(payload) + encoder.flush(zlib.Z_SYNC_FLUSH)) - 4
        sizes.append(size + ws_frame_header_len(size))
    return sizes


def decode_ws(payloads: Sequence[bytes]) -> dict:
    """What the websocket carried: bytes per message kind (element type for deltas) and,
    for each component, the bytes of each argument; needs Streamlit's protobufs."""
    try:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    except ImportError:
        return {"error": "streamlit is not importable"}
    kinds: dict[str, int] = {}
    frames: list[str] = []
    components: list[dict] = []
    index_of_component = None
    for index, payload in enumerate(payloads):
        try:
            msg = ForwardMsg.FromString(payload)
        except Exception:  # a frame that is not a ForwardMsg
            kinds["undecoded"] = kinds.get("undecoded", 0) + len(payload)
            frames.append("undecoded")
            continue
        kind = msg.WhichOneof("type") or "empty"
        if kind == "delta":
            delta = msg.delta
            sub = delta.WhichOneof("type")
            if sub == "new_element":
                element = delta.new_element.WhichOneof("type")
                kind = f"element:{element}"
                if element == "component_instance":
                    instance = delta.new_element.component_instance
                    try:
                        args = json.loads(instance.json_args or "{}")
                    except ValueError:
                        args = {}
                    sizes = {k: len(json.dumps(v).encode("utf-8")) for k, v in args.items()}
                    entry = {"name": instance.component_name, "frame_index": index,
                             "message_bytes": len(payload),
                             "arg_bytes": dict(sorted(sizes.items(), key=lambda kv: -kv[1]))}
                    if isinstance(args.get("script"), str):
                        entry["script"] = geojson_breakdown(args["script"])
                    components.append(entry)
                    if index_of_component is None:
                        index_of_component = index
            else:
                kind = f"delta:{sub}"
        kinds[kind] = kinds.get(kind, 0) + len(payload)
        frames.append(kind)
    return {"bytes_by_kind": dict(sorted(kinds.items(), key=lambda kv: -kv[1])), "frame_kinds": frames,
            "components": components, "first_component_frame": index_of_component}
