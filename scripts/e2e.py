#!/usr/bin/env python3
"""End-to-end check of the release build: serve dist/ on loopback, open it in
headless Chromium through chromedriver (the widget lives in a shadow root,
which --dump-dom does not show), and see the demo deals listed (and no panic
screen), and a demo deal's page with its buy box, waiting for each state
rather than for time."""

import functools
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The strict policy of issue 10: the example host page is served under it.
STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        if self.path.startswith(("/example", "/embed")):
            self.send_header("Content-Security-Policy", STRICT_CSP)
        super().end_headers()


def serve(directory):
    handler = functools.partial(QuietHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Driver:
    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [os.environ.get("CHROMEDRIVER", "chromedriver"), f"--port={self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), 1).close()
                break
            except OSError:
                time.sleep(0.1)
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=390,844"]
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"args": args}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.load(response)["value"]

    def go(self, url):
        self.call("POST", f"/session/{self.session}/url", {"url": url})

    def run(self, script, *args):
        return self.call("POST", f"/session/{self.session}/execute/sync", {"script": script, "args": list(args)})

    def cdp(self, command, params):
        """A Chrome DevTools Protocol command, through chromedriver."""
        return self.call("POST", f"/session/{self.session}/goog/cdp/execute", {"cmd": command, "params": params})

    def frame(self, index):
        """Switches into frame `index` of the page, or back to the page with None."""
        if index is None:
            self.call("POST", f"/session/{self.session}/frame/parent", {})
        else:
            self.call("POST", f"/session/{self.session}/frame", {"id": index})

    def widget_html(self, host):
        script = "const h = document.querySelector(arguments[0]); return h && h.shadowRoot ? h.shadowRoot.innerHTML : '';"
        return self.run(script, host)

    def wait_for(self, what, check, host="#fujin", seconds=90):
        deadline = time.monotonic() + seconds
        html = ""
        while time.monotonic() < deadline:
            html = self.widget_html(host)
            if "fujin-panic" in html:
                fail("the panic screen is showing")
            if check(html):
                return html
            time.sleep(0.2)
        text = re.sub(r"<[^>]*>", " ", html)
        fail(f"never saw {what}; the widget says: {' '.join(text.split())[:400]}")

    def quit(self):
        try:
            self.call("DELETE", f"/session/{self.session}")
        finally:
            self.proc.terminate()


def wait(check, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    fail(f"never saw {what}")


def fail(message):
    print(f"e2e: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    server = serve(sys.argv[1] if len(sys.argv) > 1 else "dist")
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = Driver()
    try:
        driver.go(base + "?lang=zh")
        html = driver.wait_for("deal cards", lambda h: 'class="deal-card' in h)
        cards = html.count('class="deal-card')
        html = driver.wait_for("the deal count", lambda h: "个团购" in h)
        if "<canvas" not in html:
            fail("no map canvas")
        deal = re.search(r'data-deal="([^"]*)"', html).group(1)
        driver.go(base + f"?lang=zh&deal={deal}")
        driver.wait_for(f"deal {deal}'s page", lambda h: 'class="deal-page' in h)
        driver.wait_for(f"deal {deal}'s buy box", lambda h: re.search(r'class="(buy|checkout no-payment)', h))
        # A merchant's page with hostile global CSS and the two-line snippet.
        driver.go(base + "example.html")
        html = driver.wait_for("deal cards in <fujin-deals>", lambda h: 'class="deal-card' in h, host="fujin-deals")
        style = driver.run("""
            const root = document.querySelector('fujin-deals').shadowRoot;
            const title = getComputedStyle(root.querySelector('.deal-title'));
            const banner = getComputedStyle(root.querySelector('.status-banner'));
            const canvas = getComputedStyle(root.querySelector('canvas'));
            const bar = getComputedStyle(document.querySelector('header.top-bar'));
            return [title.fontSize, banner.display, canvas.display, bar.backgroundColor, document.body.children.length];
        """)
        if style[:4] != ["16px", "block", "block", "rgb(4, 5, 6)"]:
            fail(f"styles crossed the widget's boundary: {style}")
        if style[4] < 5:
            fail("the host page lost elements")
        violations = driver.run("return window.fujinCspViolations")
        if violations:
            fail(f"Content-Security-Policy violations on the example page: {violations}")
        deadline = time.monotonic() + 30
        heard = ""
        while not heard.startswith("fujin-ready: 2000 merchants"):
            if time.monotonic() > deadline:
                fail(f"the page's stub handler did not hear fujin-ready: {heard!r}")
            time.sleep(0.2)
            heard = driver.run("return document.querySelector('#heard output').textContent")

        # Attributes changed after mount apply in place.
        driver.run("const d = document.querySelector('fujin-deals'); d.setAttribute('lang', 'en'); d.setAttribute('radius', '5000');")
        driver.wait_for("English after lang=en", lambda h: "Within" in h, host="fujin-deals")
        radius = wait(lambda: driver.run(
            "const s = document.querySelector('fujin-deals').shadowRoot.querySelector('.controls select');"
            "return s && s.value === '5' ? s.value : null"), "radius 5 km after radius=5000")
        # A setting of the running widget: no locate button, same widget (no remount, no reload).
        driver.run("const d = document.querySelector('fujin-deals'); d.shadowRoot.querySelector('.fujin-root').dataset.probe = 'same';"
                   "d.setAttribute('locate', 'off');")
        wait(lambda: driver.run(
            "const r = document.querySelector('fujin-deals').shadowRoot.querySelector('.fujin-root');"
            "return r.dataset.probe === 'same' && !r.querySelector('.top-bar .locate');"), "no locate button after locate=off, in place")

        # The iframe mode: events reach the parent, commands reach the frame.
        driver.go(base + "example-iframe.html")
        def heard(event):
            return driver.run("return (window.heardMessages || []).filter(m => m.event === arguments[0])", event)
        wait(lambda: heard("fujin-ready"), "the frame's fujin-ready message")
        driver.run("window.sendToFrame({command: 'openDeal', id: arguments[0]})", deal)
        opened = wait(lambda: heard("fujin-deal-open"), "the frame's fujin-deal-open after an openDeal message")
        if opened[0]["detail"]["dealId"] != deal:
            fail(f"the frame opened {opened}")
        # A frame told another parent origin neither sends to this page nor obeys it.
        driver.go(base + "example-iframe.html?claim-origin=https%3A%2F%2Fother.example")
        driver.frame(0)
        driver.wait_for("deal cards in the frame", lambda h: 'class="deal-card' in h, host="#fujin-frame")
        driver.frame(None)
        driver.run("window.sendToFrame({command: 'openDeal', id: arguments[0]})", deal)
        driver.frame(0)
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            if 'class="deal-page' in driver.widget_html("#fujin-frame"):
                fail("the frame obeyed a message from an origin it was not told")
            time.sleep(0.2)
        driver.frame(None)
        if driver.run("return window.heardMessages.length") != 0:
            fail("events reached a parent the frame was not told")

        # Geolocation from inside the frame (allow="geolocation"): the
        # browser is given a position in Futian and the permission.
        driver.cdp("Browser.grantPermissions", {"permissions": ["geolocation"], "origin": base.rstrip("/")})
        driver.cdp("Emulation.setGeolocationOverride", {"latitude": 22.54, "longitude": 114.06, "accuracy": 10})
        driver.go(base + "example-iframe.html?locate=auto")
        driver.frame(0)
        driver.wait_for("the shopper located inside the frame", lambda h: "Showing deals near you" in h, host="#fujin-frame")
        driver.frame(None)
    finally:
        driver.quit()
        server.shutdown()
    print(f"e2e: release build lists {cards} demo deals and opens deal {deal} with its buy box, and "
          "<fujin-deals> works on a page with hostile CSS under a strict CSP, tells its events and "
          "follows its attributes, and the iframe mode talks to its parent and only to it and locates the shopper, "
          "in headless Chromium: 7 passed, 0 failed")


if __name__ == "__main__":
    main()
