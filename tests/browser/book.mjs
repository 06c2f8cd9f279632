// The web book in a real browser: every page, its pictures, its formulas,
// its search box, its favicon and its console.
//
//   node tests/browser/book.mjs BASE_URL ARTIFACTS SEARCH_TERM PAGE...
//
// BASE_URL serves _build/html; each PAGE is a path under it
// ("lectures/01_neuron_models.html"). Saves a screenshot of each page in
// ARTIFACTS and prints one JSON line of what it measured; the pytest test
// (tests/test_book.py) judges it. Each page is opened as on a first visit,
// with nothing stored by the pages before it (a reader may arrive at any
// page from a search engine).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { openBrowser } from "./chromium.mjs";

const [base, artifacts, term, ...pages] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
const browser = await openBrowser();
const failed = [];         // responses with an error status
const errors = [];         // exceptions thrown by the pages' scripts
const consoleErrors = [];  // errors the pages' scripts logged
const report = { pages: {}, index: null, search: null, icons: null,
  narrow: null, offline: browser.offline, failed, errors, consoleErrors };

try {
  await browser.context.addInitScript(() => localStorage.clear());
  const page = await browser.context.newPage();
  page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  page.on("requestfailed", (r) => {
    // A request cut short because the test moved on to the next page (the
    // favicon, loaded last) is not the site's failure.
    const reason = r.failure()?.errorText ?? "";
    if (!browser.offline.includes(r.url()) && reason !== "net::ERR_ABORTED") {
      failed.push(`failed ${r.url()} (${reason})`);
    }
  });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${page.url()}: ${m.text()}`);
  });

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
  report.icons = await fetchIcons(page, Object.values(report.pages));
  report.narrow = await onAPhone(page, pages[0] ?? "intro.html");
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
    // Search boxes and buttons a reader can see (the search dialog's own
    // box appears only once one of them is pressed).
    searchBoxes: [...document.querySelectorAll(
      ".search-button__button, .search-button-field, form.bd-search")]
      .filter((el) => !el.closest("dialog") && el.checkVisibility(
        { checkOpacity: true, checkVisibilityCSS: true })).length,
    icon: document.querySelector("link[rel~=icon]")?.href ?? null,
  }));
}

// What a page shows on a phone's narrow screen, where the sidebar and its
// search box are folded away.
async function onAPhone(page, path) {
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 400, height: 800 });
  await page.goto(new URL(path, base).href, { waitUntil: "load" });
  const seen = await measurePage(page);
  await page.setViewportSize(wide);
  return { path, searchBoxes: seen.searchBoxes };
}

// Ask the server for each page's icon and for /favicon.ico, where browsers
// look for one on their own: {url: status}.
async function fetchIcons(page, measured) {
  const urls = new Set(measured.map((m) => m.icon).filter(Boolean));
  urls.add(new URL("favicon.ico", base).href);
  const icons = {};
  for (const url of urls) {
    const response = await page.request.get(url);
    icons[url] = { status: response.status(),
      type: response.headers()["content-type"] ?? "" };
  }
  return icons;
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
