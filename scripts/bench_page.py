#!/usr/bin/env python3
"""Runs the bench page (already built into DIST) in headless Chromium through
chromedriver and prints what it shows, once per query given:

    scripts/bench_page.py DIST '?versus' '?data-path' ...

It waits for the page's <pre id="bench-result">, not for time (a run takes
minutes on a loaded machine). Used by scripts/bench-web.sh."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e import Driver, fail, serve  # noqa: E402

PAGE_MINUTES = 20


def main():
    if len(sys.argv) < 3:
        fail("usage: bench_page.py DIST QUERY...")
    server = serve(sys.argv[1])
    driver = Driver()
    try:
        driver.call("POST", f"/session/{driver.session}/timeouts",
                    {"script": PAGE_MINUTES * 60_000, "pageLoad": PAGE_MINUTES * 60_000})
        for query in sys.argv[2:]:
            driver.go(f"http://127.0.0.1:{server.server_port}/{query}")
            deadline = time.monotonic() + PAGE_MINUTES * 60
            result = None
            while result is None and time.monotonic() < deadline:
                result = driver.run("const r = document.getElementById('bench-result'); return r && r.textContent;")
                if result is None:
                    time.sleep(1)
            if result is None:
                fail(f"the bench page showed nothing for {query!r} in {PAGE_MINUTES} minutes")
            print(result, flush=True)
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
