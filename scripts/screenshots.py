#!/usr/bin/env python3
"""The README's screenshots, taken from the release build in dist/ (after
`trunk build --release`) in headless Chromium, offline (the map shows its
grid): `python3 scripts/screenshots.py dist docs`. Chinese text needs a CJK
font on the machine (Debian: fonts-wqy-microhei or fonts-noto-cjk). Each
shot waits for the state it shows, never for time."""

import base64
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from e2e import Driver, serve, wait  # noqa: E402

WIDGET = "document.querySelector(arguments[0]).shadowRoot"


def size(driver, width, height):
    """The page's own size (the window's would include the browser's frame)."""
    driver.cdp("Emulation.setDeviceMetricsOverride",
               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def shot(driver, path):
    png = driver.call("GET", f"/session/{driver.session}/screenshot")
    with open(path, "wb") as f:
        f.write(base64.b64decode(png))
    print(f"screenshots: {path}")


def click(driver, selector, host="#fujin"):
    driver.run(f"{WIDGET}.querySelector(arguments[1]).click()", host, selector)


def images_loaded(driver, host="#fujin"):
    """Every photo in view drawn (or hidden as failed): no half-loaded shot.
    (Those below the fold load lazily, when scrolled to.)"""
    return driver.run(
        f"return [...{WIDGET}.querySelectorAll('img')]"
        ".filter(i => { const r = i.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0 && r.left < innerWidth; })"
        ".every(i => i.complete && (i.naturalWidth > 0 || i.hasAttribute('data-failed')))", host)


def main():
    dist, out = (sys.argv[1:] + ["dist", "docs"])[:2]
    server = serve(dist)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = Driver()
    try:
        # The list beside the map, on a desktop.
        size(driver, 1280, 800)
        driver.go(base + "?lang=zh")
        driver.wait_for("the list", lambda h: 'class="deal-card' in h and "个团购" in h and "正在定位" not in h)
        wait(lambda: images_loaded(driver), "the photos")
        shot(driver, os.path.join(out, "screenshot.png"))

        # A deal page on a phone, with its photos and its buy box.
        size(driver, 390, 844)
        driver.go(base + "?lang=zh&deal=d001990-1")
        driver.wait_for("the deal page", lambda h: 'class="buy"' in h and 'class="gallery"' in h and "正在定位" not in h)
        wait(lambda: images_loaded(driver), "the photos")
        shot(driver, os.path.join(out, "screenshot-phone.png"))

        # Paying with WeChat on a desktop: the QR code to scan.
        size(driver, 1280, 800)
        driver.go(base + "?lang=zh&deal=d001990-1")
        driver.wait_for("the buy button", lambda h: 'class="buy"' in h and "正在定位" not in h)
        click(driver, ".checkout .buy")
        driver.wait_for("the providers", lambda h: 'class="providers"' in h)
        click(driver, ".checkout .provider")
        driver.wait_for("the hand-off", lambda h: 'class="paid"' in h)
        shot(driver, os.path.join(out, "screenshot-checkout.png"))

        # The voucher on a phone.
        click(driver, ".paid")
        driver.wait_for("the voucher", lambda h: 'class="voucher' in h)
        size(driver, 390, 844)
        driver.wait_for("the voucher", lambda h: 'class="voucher' in h)
        driver.run(f"{WIDGET}.querySelector('.voucher').scrollIntoView({{block: 'start'}})", "#fujin")
        shot(driver, os.path.join(out, "screenshot-voucher.png"))

        # A merchant's page with the two lines (and hostile global CSS).
        size(driver, 1280, 800)
        driver.go(base + "example.html")
        driver.wait_for("the widget on the page", lambda h: 'class="deal-card' in h and "正在定位" not in h, host="fujin-deals")
        wait(lambda: images_loaded(driver, "fujin-deals"), "the photos")
        shot(driver, os.path.join(out, "screenshot-embedded.png"))
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
