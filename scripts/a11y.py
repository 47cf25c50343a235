#!/usr/bin/env python3
"""Accessibility checks of the release build (scripts/a11y.sh): axe-core
(pinned, installed into .tools/ by scripts/setup.sh --browser) audits every
view of the standalone page in both languages (the deals, a deal page, the
checkout, the order page with its voucher, My orders) and fails on any
serious or critical violation; then a keyboard-only shopper goes from the
page start to a voucher, with real key presses (WebDriver actions), never a
click. Each step waits for the state it needs, never for time."""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import e2e  # noqa: E402
from e2e import Driver, serve, wait  # noqa: E402


def fail(message):
    print(f"a11y: {message}", file=sys.stderr)
    sys.exit(1)


e2e.fail = fail  # the shared helpers' failures say where they come from

AXE = os.path.join(os.path.dirname(__file__), "..", ".tools", "node_modules", "axe-core", "axe.min.js")

KEYS = {"Tab": "\ue004", "Enter": "\ue007", "Space": "\ue00d", "Escape": "\ue00c"}


def press(driver, key, shift=False):
    """A real key press, as the browser gets it from a keyboard."""
    down = [{"type": "keyDown", "value": "\ue008"}] if shift else []
    up = [{"type": "keyUp", "value": "\ue008"}] if shift else []
    actions = down + [{"type": "keyDown", "value": KEYS[key]}, {"type": "keyUp", "value": KEYS[key]}] + up
    driver.call("POST", f"/session/{driver.session}/actions",
                {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})


def focused(driver):
    """What has focus inside the widget: tag, class and text, or None."""
    return driver.run("""
        let e = document.activeElement;
        while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
        if (!e || e === document.body) return null;
        return {tag: e.tagName.toLowerCase(), cls: e.className || '', text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 80)};
    """)


def audit(driver, view):
    """axe-core on the whole page (it reaches into the open shadow root);
    the serious and critical violations, described."""
    if not driver.run("return !!window.axe"):
        with open(AXE, encoding="utf-8") as f:
            driver.run(f.read() + "\nreturn true;")
    result = driver.call("POST", f"/session/{driver.session}/execute/async", {"script": """
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))
        }))), e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
    """, "args": []})
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    for v in bad:
        print(f"a11y: {view}: {v['impact']} {v['id']}: {v['help']}", file=sys.stderr)
        for node in v["nodes"]:
            print(f"        {node}", file=sys.stderr)
    return len(bad)


def keyboard_journey(driver, base):
    """From the page start to a voucher with the keyboard alone: the skip
    link, a card, the deal page (and back to the same card), the checkout,
    the hand-off, "I have paid", the voucher, and back to the deal page and
    its card. Returns the number of key presses."""
    presses = 0

    def key(name):
        nonlocal presses
        press(driver, name)
        presses += 1

    def tab_to(cls, limit=25):
        for _ in range(limit):
            key("Tab")
            now = focused(driver)
            if now and cls in now["cls"].split():
                return now
        fail(f"keyboard: {limit} Tab presses never reached .{cls}; focus is on {focused(driver)}")

    def expect(cls, what):
        now = wait(lambda: (lambda f: f if f and cls in f["cls"].split() else None)(focused(driver)),
                   f"focus on .{cls} ({what})", seconds=30)
        return now

    driver.go(base + "?lang=en")
    driver.wait_for("deal cards", lambda h: 'class="deal-card' in h)
    key("Tab")
    first = focused(driver)
    if not first or first["text"] != "Skip to the deals":
        fail(f"keyboard: the first Tab should reach the skip link, not {first}")
    key("Enter")
    card = expect("deal-open", "the skip link moves to the first deal")
    key("Enter")
    expect("back", "the deal page takes the focus")
    key("Enter")
    again = expect("deal-open", "closing the deal page gives the focus back to its card")
    if again["text"] != card["text"]:
        fail(f"keyboard: back on another card: {again['text']!r}, not {card['text']!r}")
    key("Enter")
    expect("back", "the deal page again")
    tab_to("buy")
    key("Enter")
    expect("provider", "the checkout takes the focus to the first way to pay")
    key("Enter")
    step = expect_any(driver, ("pay-open", "paid"), "the hand-off takes the focus")
    if "paid" not in step["cls"].split():
        tab_to("paid", limit=5)
    key("Enter")
    driver.wait_for("the voucher", lambda h: 'class="voucher' in h)
    expect("back", "the order page takes the focus")
    key("Enter")
    driver.wait_for("the deal page again", lambda h: 'class="deal-page' in h and 'class="voucher' not in h)
    expect("back", "closing the order page returns to the deal page it came from")
    key("Enter")
    expect("deal-open", "and closing that to the deal's card")
    return presses


def expect_any(driver, classes, what):
    def check():
        now = focused(driver)
        return now if now and any(c in now["cls"].split() for c in classes) else None
    return wait(check, f"focus on one of {classes} ({what})", seconds=30)


def main():
    server = serve(sys.argv[1] if len(sys.argv) > 1 else "dist")
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = Driver()
    failures = 0
    views = 0
    try:
        for lang in ("zh", "en"):
            driver.go(base + f"?lang={lang}")
            html = driver.wait_for("deal cards", lambda h: 'class="deal-card' in h)
            failures += audit(driver, f"{lang} deals")
            deal = re.search(r'data-deal="([^"]*)"', html).group(1)
            driver.go(base + f"?lang={lang}&deal={deal}")
            driver.wait_for("the buy button", lambda h: 'class="buy"' in h)
            failures += audit(driver, f"{lang} deal page")
            # Each step: what to click, what shows then, the view's name.
            for click, shows, view in [
                (".checkout .buy", 'class="providers"', "checkout"),
                (".checkout .provider", 'class="paid"', "hand-off"),
                (".paid", 'class="voucher', "order page"),
                (".my-orders", 'class="order-row', "my orders"),
            ]:
                driver.run("document.querySelector('#fujin').shadowRoot.querySelector(arguments[0]).click()", click)
                driver.wait_for(view, lambda h, shows=shows: shows in h)
                failures += audit(driver, f"{lang} {view}")
            views += 6
        if failures:
            fail(f"{failures} serious or critical accessibility violations (above)")
        presses = keyboard_journey(driver, base)
    finally:
        driver.quit()
        server.shutdown()
    print(f"a11y: axe-core finds no serious or critical violation in {views} views (both languages); "
          f"a keyboard alone goes from the page start to a voucher and back to the deal's card in {presses} key presses")


if __name__ == "__main__":
    main()
