// Debian's Chromium, driven by playwright-core: no browser download.
//
// Every browser test launches through here, so they all share the flags this
// machine needs: headless, no sandbox (CI runs as root), and none of
// Chromium's own calls home, which a closed network refuses.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const EXECUTABLE = process.env.NNCOURSE_CHROMIUM || "/usr/bin/chromium";
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
  "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

// A browser context with a fresh profile; `close()` removes the profile.
// Requests to anything but loopback are refused and recorded in `offline`,
// so a test can assert that a page needs nothing from the network.
export async function openBrowser({ width = 1280, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "nncourse-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE, args: FLAGS, headless: true,
    viewport: { width, height },
  });
  const offline = [];
  await context.route(/^https?:\/\/(?!(127\.0\.0\.1|localhost)[:/])/, (route) => {
    offline.push(route.request().url());
    return route.abort();
  });
  return {
    context, offline,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
