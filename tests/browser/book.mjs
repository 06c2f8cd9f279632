// The web book in a real browser: every page, its pictures, its formulas,
// and the search box.
//
//   node tests/browser/book.mjs BASE_URL ARTIFACTS SEARCH_TERM PAGE...
//
// BASE_URL serves _build/html; each PAGE is a path under it
// ("lectures/01_neuron_models.html"). Saves a screenshot of each page in
// ARTIFACTS and prints one JSON line of what it measured; the pytest test
// (tests/test_book.py) judges it.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { openBrowser } from "./chromium.mjs";

const [base, artifacts, term, ...pages] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
const browser = await openBrowser();
const failed = [];         // responses with an error status
const errors = [];         // exceptions thrown by the pages' scripts
const report = { pages: {}, index: null, search: null, offline: browser.offline, failed, errors };

try {
  const page = await browser.context.newPage();
  page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  page.on("requestfailed", (r) => {
    if (!browser.offline.includes(r.url())) failed.push(`failed ${r.url()}`);
  });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));

  // The site's address opens the front page (Jupyter Book's redirect).
  await page.goto(base, { waitUntil: "load" });
  await page.waitForURL(/intro\.html$/, { timeout: 30000 });
  report.index = page.url();

  for (const path of ["intro.html", ...pages]) {
    await page.goto(new URL(path, base).href, { waitUntil: "load" });
    report.pages[path] = await measurePage(page);
    const name = path.replace(/\.html$/, "").replaceAll("/", "-");
    await page.screenshot({ path: join(artifacts, `book-${name}.png`) });
    if (await scrollToFirstInteractiveFigure(page)) {
      await page.screenshot({ path: join(artifacts, `book-${name}-interactive.png`) });
    }
  }
  report.search = await search(page, term);
  await page.screenshot({ path: join(artifacts, "book-search.png") });
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));

// Title, pictures (a picture that failed to load has no natural width),
// formulas typeset by MathJax, and the links on the page.
async function measurePage(page) {
  await page.waitForFunction(
    () => !window.MathJax?.startup?.promise || window.MathJax.typesetDone !== false,
    null, { timeout: 30000 });
  await page.evaluate(() => window.MathJax?.startup?.promise);
  await page.evaluate(async () => {
    // Images below the fold may be lazy: bring each into view once.
    for (const img of document.images) { img.loading = "eager"; }
    await Promise.all([...document.images].map((img) => img.decode().catch(() => {})));
  });
  return page.evaluate(() => ({
    title: document.title,
    images: [...document.querySelectorAll("article img")].map((img) => ({
      src: img.getAttribute("src"), width: img.naturalWidth })),
    formulas: document.querySelectorAll("mjx-container").length,
    unrendered: [...document.querySelectorAll("article")].some(
      (a) => /\\\(|\\\[/.test(a.innerText)),
    links: [...document.querySelectorAll("article a[href]")].map(
      (a) => a.getAttribute("href")),
    searchBox: !!document.querySelector(".search-button__button, form.bd-search"),
  }));
}

// Bring the first widget snapshot and its note into view; false if none.
async function scrollToFirstInteractiveFigure(page) {
  return page.evaluate(() => {
    const note = [...document.querySelectorAll(".admonition.note")].find(
      (n) => n.innerText.includes("interactive in JupyterLab"));
    if (!note) return false;
    note.scrollIntoView({ block: "end" });
    window.scrollBy(0, 40);
    return true;
  });
}

// Type the term into the search box, as a reader would, and read the hits.
async function search(page, term) {
  await page.goto(new URL("intro.html", base).href);
  await page.locator("button.search-button__button:visible").first().click();
  const box = page.locator("#pst-search-dialog input[name=q]");
  await box.fill(term);
  await box.press("Enter");
  await page.waitForURL(/search\.html/);
  const hits = page.locator("#search-results ul.search li");
  await hits.first().waitFor({ timeout: 30000 });
  return {
    url: page.url(),
    hits: await hits.evaluateAll((items) => items.map(
      (li) => li.querySelector("a")?.getAttribute("href"))),
  };
}
