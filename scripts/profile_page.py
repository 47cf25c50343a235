#!/usr/bin/env python3
"""Runs one bench probe (`?probe=NAME`, src/bench/probe.rs) in headless
Chromium under its sampling CPU profiler (through chromedriver's DevTools
endpoint) and prints where the time went, by function, self and total:

    scripts/profile_page.py DIST NAME [TOP] [FOCUS]
    scripts/profile_page.py - SAVED.cpuprofile [TOP] [FOCUS]

With FOCUS (part of a function's name), only the samples taken inside
that function count, and shares are of those.

Used by scripts/profile-web.sh, which builds DIST with function names."""

import collections
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e import Driver, fail, serve  # noqa: E402


def main():
    if len(sys.argv) < 3:
        fail("usage: profile_page.py DIST NAME [TOP] [FOCUS]")
    if sys.argv[2].endswith(".cpuprofile"):
        with open(sys.argv[2]) as saved:
            report(json.load(saved), int(sys.argv[3]) if len(sys.argv) > 3 else 40, sys.argv[4] if len(sys.argv) > 4 else None)
        return
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    focus = sys.argv[4] if len(sys.argv) > 4 else None
    server = serve(sys.argv[1])
    driver = Driver()
    try:
        driver.call("POST", f"/session/{driver.session}/timeouts", {"script": 1_200_000, "pageLoad": 1_200_000})
        driver.go("about:blank")
        driver.cdp("Profiler.enable", {})
        driver.cdp("Profiler.setSamplingInterval", {"interval": 250})
        driver.cdp("Profiler.start", {})
        driver.go(f"http://127.0.0.1:{server.server_port}/?probe={sys.argv[2]}")
        result = None
        deadline = time.monotonic() + 1_200
        while result is None and time.monotonic() < deadline:
            result = driver.run("const r = document.getElementById('bench-result'); return r && r.textContent;")
            if result is None:
                time.sleep(1)
        profile = driver.cdp("Profiler.stop", {})["profile"]
        # For DevTools' Performance panel, or another look with other options.
        with open(os.path.join(sys.argv[1], f"{sys.argv[2]}.cpuprofile"), "w") as out:
            json.dump(profile, out)
        print(result)
        report(profile, top, focus)
    finally:
        driver.quit()
        server.shutdown()


def report(profile, top, focus=None):
    nodes = {n["id"]: n for n in profile["nodes"]}
    parent = {}
    for n in profile["nodes"]:
        for child in n.get("children", []):
            parent[child] = n["id"]
    name = {i: n["callFrame"]["functionName"] or "(anonymous)" for i, n in nodes.items()}
    own = collections.Counter()
    whole = collections.Counter()
    total = 0
    for i, n in nodes.items():
        hits = n.get("hitCount", 0)
        if not hits:
            continue
        if focus:
            at = i
            while at is not None and focus not in name[at]:
                at = parent.get(at)
            if at is None:
                continue
        total += hits
        own[name[i]] += hits
        seen = set()
        at = i
        while at is not None:
            if name[at] not in seen:
                seen.add(name[at])
                whole[name[at]] += hits
            at = parent.get(at)
    print(f"{total} samples")
    for title, counts in (("self", own), ("total", whole)):
        print(f"--- {title}")
        for fn, hits in counts.most_common(top):
            print(f"{100 * hits / total:6.2f}%  {fn[:150]}")


if __name__ == "__main__":
    main()
