// Feedback pages as a student opens them: a file on their own machine,
// with no network.
//
//   node tests/browser/feedback.mjs ARTIFACTS PAGE...
//
// Each PAGE is the path of a feedback HTML file. Saves a screenshot of each
// in ARTIFACTS and prints one JSON line of what it measured; the pytest test
// (tests/test_feedback_page.py) judges it.
import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { openBrowser } from "./chromium.mjs";

const [artifacts, ...files] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
const browser = await openBrowser();
const report = { pages: {}, offline: browser.offline, errors: [] };

try {
  const page = await browser.context.newPage();
  page.on("pageerror", (e) => report.errors.push(`${page.url()}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") report.errors.push(`${page.url()}: ${m.text()}`);
  });
  for (const file of files) {
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    report.pages[file] = await measure(page);
    await page.screenshot({
      path: join(artifacts, `feedback-${basename(file, ".html")}.png`),
    });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));

// Formulas drawn (an SVG with a size), TeX left as text in the prose, and
// the score list's entries.
async function measure(page) {
  return page.evaluate(() => {
    const drawn = [...document.querySelectorAll("mjx-container svg")]
      .filter((svg) => svg.getBoundingClientRect().width > 0).length;
    const prose = [...document.querySelectorAll(".text_cell_render")]
      .map((cell) => {
        const copy = cell.cloneNode(true);
        copy.querySelectorAll("code, pre, mjx-container").forEach((n) => n.remove());
        return copy.textContent;
      }).join("\n");
    const rawTeX = prose.match(/\$[^$\n]{1,60}\$?|\\\(|\\\[/g) || [];
    const scores = [...document.querySelectorAll("#toc li")]
      .map((li) => li.textContent.replace(/\s+/g, " ").trim());
    return { drawn, rawTeX, scores };
  });
}
