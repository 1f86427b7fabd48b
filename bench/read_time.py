"""Where reading a JSON spec goes (``load_spec``), part by part, and what keeping its value
for the next run would cost instead of parsing it.

    python bench/read_time.py bench/.work/specs/github-field.json --rounds 7

Each round (the cycle collector off, as a run has it): reading the bytes and their
sha256; decoding them; parsing (``_JsonIndex.parsed``); the walk for ``$ref``s and prose
strings (``_find_refs``), and without its depth check of literal data; ``load_spec``
whole (the rest of it: the ``$ref`` targets and cycles); ``prose_origins`` (what
carrying the model takes of the spec). Then what a run would pay to take the parsed
value from a cache instead of parsing it (its pickle read back, with the walk's
findings, whose prose objects it shares), what writing that pickle costs, and the
decoding of the same text were its characters beyond the Basic Multilingual Plane
(GitHub's spec has six, emoji) replaced: they make the text four bytes a character.
Prints CPU seconds: the least and the median.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import pickle
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sdkforge.cache.carried import prose_origins
from sdkforge.spec.load import _find_refs, _JsonIndex, _walk_document, load_spec, read_spec_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path, help="a spec of one JSON file")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    gc.disable()
    path: Path = args.spec
    raw = read_spec_bytes(path)
    text = raw.decode("utf-8-sig")
    data, _ = _JsonIndex.parsed(text)
    walked = _find_refs(data, path, shared=False)
    spec = load_spec(path)
    kept = pickle.dumps((data, walked), pickle.HIGHEST_PROTOCOL)
    narrow = re.sub("[\U00010000-\U0010ffff]", "\ufffd", text).encode("utf-8")
    parts: dict[str, Callable[[], Any]] = {
        "read the bytes": lambda: read_spec_bytes(path),
        "their sha256": lambda: hashlib.sha256(raw).hexdigest(),
        "decode": lambda: raw.decode("utf-8-sig"),
        "parse": lambda: _JsonIndex.parsed(text),
        "walk": lambda: _find_refs(data, path, shared=False),
        "walk, no depth check": lambda: _walk_document(data, False, False),
        "load_spec whole": lambda: load_spec(path),
        "prose_origins": lambda: prose_origins(spec),
        "kept value read back": lambda: pickle.loads(kept),  # noqa: S301 - made above
        "kept value written": lambda: pickle.dumps((data, walked), pickle.HIGHEST_PROTOCOL),
        "decode, narrow": lambda: narrow.decode("utf-8"),
    }
    took: dict[str, list[float]] = {name: [] for name in parts}
    for _ in range(args.rounds):
        for name, part in parts.items():
            started = time.process_time()
            made = part()
            took[name].append(time.process_time() - started)
            del made
    print(f"{path.name}: {len(raw):,} bytes, {len(walked[0]):,} $refs, {len(walked[1]):,} prose strings")
    for name, times in took.items():
        print(f"  {name:<22} {min(times):.4f} s  (median {statistics.median(times):.4f})")


if __name__ == "__main__":
    main()
