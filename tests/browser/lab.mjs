// JupyterLab, used in a real browser the way a student uses the course.
//
//   node tests/browser/lab.mjs URL TOKEN ARTIFACTS LECTURE SLIDER CURRENT \
//        BLANK SOLVED
//
// URL and TOKEN: a running `jupyter lab --LabApp.expose_app_in_browser=True`
// (tests/test_browser_lab.py starts one on a copy of the course).
// ARTIFACTS: folder for the screenshots. LECTURE: the Hodgkin–Huxley lecture,
// relative to the server's root; SLIDER: the label of its explorer's current
// slider; CURRENT: the value to move that slider to, with the keyboard.
// BLANK and SOLVED: an assignment notebook as released and as solved, each
// checked with nbgrader's Validate button.
//
// The script measures and never judges: its last line on stdout is one JSON
// object with what it saw (picture hashes, dialog texts, errors, requests that
// tried to leave the machine); the pytest file makes the assertions. If a step
// fails, the JSON says which, in `failure`, next to what was measured before,
// and the exit status is 1.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { openBrowser } from "./chromium.mjs";

const [url, token, artifacts, lecture, sliderLabel, current, blank, solved] =
  process.argv.slice(2);
const TARGET = Number(current);
const LOAD = 60_000;        // ms for JupyterLab, a notebook or a kernel
const RUN_ALL = 180_000;    // ms for the whole lecture
const REDRAW = 30_000;      // ms for the explorer to draw after a change
const VALIDATE = 120_000;   // ms for nbgrader to run a notebook's tests
const SETTLE = 750;         // ms of quiet that count as "done drawing"
// JupyterLab shows error outputs (tracebacks) with the stderr renderer
const STDERR_MIME = "application/vnd.jupyter.stderr";

const result = { offline: [], pageErrors: [], screenshots: [], seconds: {} };
const started = Date.now();
let step = "start";

function sha256(text) {
  return createHash("sha256").update(text ?? "").digest("hex");
}

function elapsed() {
  return Math.round((Date.now() - started) / 100) / 10;
}

// `promise`, or an error naming `what` if it takes longer than `ms`.
function withTimeout(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function screenshot(target, name) {
  const path = join(artifacts, name);
  await target.screenshot({ path, animations: "disabled" });
  result.screenshots.push(path);
}

// --- JupyterLab, through window.jupyterapp ----------------------------------

// JupyterLab with its file browser in `folder`.
async function openLab(page, folder) {
  await page.goto(`${url}lab/tree/${folder}?token=${token}`);
  await page.waitForFunction(() => window.jupyterapp?.started, null,
    { timeout: LOAD });
  await withTimeout(page.evaluate(() => window.jupyterapp.restored), LOAD,
    "JupyterLab's start");
  await page.waitForSelector(".jp-LabShell", { timeout: LOAD });
}

// Opens `path` in a notebook tab, waits for its kernel; returns the panel id.
async function openNotebook(page, path) {
  const id = await page.evaluate(async (path) => {
    const app = window.jupyterapp;
    const panel = await app.commands.execute("docmanager:open",
      { path, factory: "Notebook" });
    await panel.context.ready;
    await panel.sessionContext.ready;
    app.shell.activateById(panel.id);
    return panel.id;
  }, path);
  await page.waitForFunction((id) => {
    const panel = window.jupyterapp.shell.currentWidget;
    return panel?.id === id &&
      panel.sessionContext.session?.kernel?.status === "idle";
  }, id, { timeout: LOAD, polling: 100 });
  return id;
}

// The state of the current notebook: cells run, and every error output.
function notebookReport(page) {
  return page.evaluate(() => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    const report = { codeCells: 0, executed: 0, errors: [] };
    notebook.widgets.forEach((cell, index) => {
      if (cell.model.type !== "code") return;
      report.codeCells += 1;
      if (cell.model.executionCount !== null) report.executed += 1;
      for (const output of cell.model.outputs.toJSON()) {
        if (output.output_type === "error") {
          report.errors.push({ cell: index, ename: output.ename,
                               evalue: output.evalue });
        }
      }
    });
    return report;
  });
}

function kernelStatus(page) {
  return page.evaluate(() =>
    window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel
      ?.status);
}

// --- the Hodgkin–Huxley lecture and its explorer ----------------------------

async function runLecture(page) {
  step = "open the lecture";
  await openNotebook(page, lecture);
  result.seconds.lectureOpen = elapsed();

  step = "run all cells of the lecture";
  const t0 = Date.now();
  result.lecture = { path: lecture };
  result.lecture.runAllSucceeded = await withTimeout(page.evaluate(() =>
    window.jupyterapp.commands.execute("notebook:run-all-cells")), RUN_ALL,
  "Run All");
  await page.waitForFunction(() =>
    window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel
      ?.status === "idle", null, { timeout: LOAD, polling: 100 });
  result.lecture.runSeconds = (Date.now() - t0) / 1000;
  Object.assign(result.lecture, await notebookReport(page));
  result.seconds.lectureRun = elapsed();
}

// The explorer: the code cell that displays interactive_output(...).
function explorerCell(page) {
  return page.locator(".jp-CodeCell")
    .filter({ hasText: "interactive_output(" })
    .filter({ has: page.locator(".widget-output") });
}

// The explorer's picture, once nothing has changed for SETTLE ms with the
// kernel idle (a slider change can run the callback twice: ipywidgets sends
// the first change at once and the rest together when the kernel is idle).
// A picture equal to `previous` only counts once REDRAW ms have passed, so
// an explorer that does not redraw is measured, not waited on forever.
async function settledPicture(page, image, previous) {
  const deadline = Date.now() + REDRAW;
  let last = null;
  let since = Date.now();
  for (;;) {
    const src = await image.getAttribute("src", { timeout: REDRAW })
      .catch(() => null);
    const idle = (await kernelStatus(page)) === "idle";
    if (src !== last || !idle) {
      last = src;
      since = Date.now();
    }
    const late = Date.now() >= deadline;
    if (src !== null && Date.now() - since >= SETTLE &&
        (src !== previous || late)) {
      return src;
    }
    if (late) {
      throw new Error(
        `the explorer's picture did not settle in ${REDRAW / 1000} s`);
    }
    await page.waitForTimeout(100);
  }
}

async function exploreCurrent(page) {
  step = "find the explorer";
  const cell = explorerCell(page);
  await cell.first().waitFor({ timeout: LOAD });
  result.explorer = { cells: await cell.count() };
  const slider = cell.locator(".widget-slider")
    .filter({ has: page.locator(".widget-label", { hasText: sliderLabel }) });
  const readout = slider.locator(".widget-readout");
  const handle = slider.locator(".noUi-handle");
  const image = cell.locator(".widget-output img");
  const outputArea = cell.locator(".jp-Cell-outputArea");
  await handle.waitFor({ timeout: LOAD });
  await image.waitFor({ timeout: REDRAW });
  await outputArea.evaluate((node) => node.scrollIntoView({ block: "end" }));

  step = "read the explorer's first picture";
  const before = await settledPicture(page, image, null);
  // The same picture read again must compare equal, or "changed" means
  // nothing.
  await page.waitForTimeout(SETTLE);
  const beforeAgain = await image.getAttribute("src");
  Object.assign(result.explorer, {
    valueBefore: (await readout.textContent()).trim(),
    before: sha256(before), beforeAgain: sha256(beforeAgain),
  });
  await screenshot(outputArea, "lab-explorer-before.png");

  step = `move the slider '${sliderLabel}' to ${TARGET} with the keyboard`;
  await handle.focus();
  // big steps up (PageUp), small steps back if one went too far
  for (let presses = 0; presses < 100; presses++) {
    const value = Number(await handle.getAttribute("aria-valuenow"));
    if (value === TARGET) break;
    await handle.press(value < TARGET ? "PageUp" : "ArrowLeft");
  }
  await page.waitForFunction(
    ([node, target]) => Number(node.textContent) === target,
    [await readout.elementHandle(), TARGET], { timeout: REDRAW });
  result.explorer.valueAfter = (await readout.textContent()).trim();

  step = "wait for the explorer to draw the new current";
  const after = await settledPicture(page, image, before);
  Object.assign(result.explorer, {
    after: sha256(after),
    pictures: await image.count(),
    errorOutputs: await cell.locator(
      `.widget-output [data-mime-type="${STDERR_MIME}"]`).allInnerTexts(),
  });
  await handle.blur();
  await outputArea.evaluate((node) => node.scrollIntoView({ block: "end" }));
  await screenshot(outputArea, "lab-explorer-after.png");
  await screenshot(page, "lab-hodgkin-huxley.png");
  result.seconds.explorer = elapsed();
}

// --- nbgrader's Validate button ---------------------------------------------

async function validate(page, path, name) {
  step = `validate ${path}`;
  const id = await openNotebook(page, path);
  await page.locator(`#${id} .validate-button`).click();
  const dialog = page.locator(".jp-Dialog");
  await dialog.waitFor({ timeout: VALIDATE });
  const report = await dialog.evaluate((node) => {
    const body = node.querySelector(".jp-Dialog-body");
    // nbgrader marks its message validation-failed, validation-success...
    const verdicts = [body, ...body.querySelectorAll("*")]
      .flatMap((element) => [...element.classList])
      .filter((name) => name.startsWith("validation-"));
    // a failed cell: <p>The following cell failed:</p>, then its source
    // and the error, each in a <pre>
    const failures = [];
    for (const p of body.querySelectorAll("p")) {
      if (!p.innerText.includes("The following cell failed")) continue;
      const source = p.parentElement.nextElementSibling;
      const error = source?.nextElementSibling;
      failures.push({ source: source?.innerText ?? "",
                      error: error?.innerText ?? "" });
    }
    return {
      title: node.querySelector(".jp-Dialog-header")?.innerText.trim(),
      text: body.innerText,
      verdicts,
      failures,
    };
  });
  report.path = path;
  await screenshot(page, name);
  await dialog.locator(".jp-Dialog-button.jp-mod-accept").click();
  await dialog.waitFor({ state: "detached", timeout: LOAD });
  // close the tab (Validate saved it), so the next screenshot shows one
  await page.evaluate((id) => {
    const shell = window.jupyterapp.shell;
    [...shell.widgets("main")].find((widget) => widget.id === id).close();
  }, id);
  await page.locator(`#${id}`).waitFor({ state: "detached", timeout: LOAD });
  return report;
}

// --- main -------------------------------------------------------------------

const WINDOW = { width: 1400, height: 1000 };
result.window = [WINDOW.width, WINDOW.height];
mkdirSync(artifacts, { recursive: true });
let browser = null;
let page = null;
let failed = false;
try {
  step = "start Chromium";
  browser = await openBrowser(WINDOW);
  result.offline = browser.offline;
  page = await browser.context.newPage();
  page.on("pageerror", (error) => result.pageErrors.push(String(error)));
  step = "open JupyterLab";
  await openLab(page, dirname(lecture));
  result.seconds.labOpen = elapsed();
  await runLecture(page);
  await exploreCurrent(page);
  result.validateBlank = await validate(page, blank,
    "lab-validate-blank.png");
  result.validateSolved = await validate(page, solved,
    "lab-validate-solved.png");
  result.seconds.validate = elapsed();
} catch (error) {
  failed = true;
  result.failure = `${step}: ${error.stack ?? error}`;
  if (page) await screenshot(page, "lab-failure.png").catch(() => {});
} finally {
  if (browser) await browser.close();
}
result.seconds.total = elapsed();
console.log(JSON.stringify(result));
process.exit(failed ? 1 : 0);
