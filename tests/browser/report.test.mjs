// Real-browser test of artdiff's HTML report.
//
// Exports the demo comparison (and a pair of hostile articles) with the artdiff binary, opens
// the reports in headless Chromium (Debian's chromium package, driven by playwright-core) with
// --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking and a
// fresh --user-data-dir, dumps the DOM, takes screenshots, and checks: every article column and
// the legend are there, clicking a passage marks its counterparts and scrolls them into view,
// the detail panel shows the diff and the conflicts (for a unique passage: its closest
// candidates below the thresholds), toggles hide classes, the summary fits its card at 1280 and
// 1440 pixels (five articles), the page stacks on a narrow window, reads with JavaScript off,
// makes no network request, and runs no article text.
//
// Usage: node tests/browser/report.test.mjs [OUT_DIR]
//   ARTDIFF_BIN  the artdiff binary (default target/debug/artdiff)
//   CHROMIUM     the browser (default /usr/bin/chromium)
// Artifacts in OUT_DIR (default target/browser): demo.html, dom.html, report.png,
// report-selected.png, report-narrow.png, report-nojs.png, report-five-1280.png, hostile.html,
// five.html (and seeds.html when the shared seeds are there).
// Last line: `browser: N passed, M failed`; exit 1 if any check failed.

import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const out = path.resolve(process.argv[2] || path.join(root, "target", "browser"));
const targetDir = process.env.CARGO_TARGET_DIR || path.join(root, "target");
const bin = process.env.ARTDIFF_BIN || path.join(targetDir, "debug", "artdiff");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`[${ok ? "PASS" : "FAIL"}] ${name}${detail ? ": " + detail : ""}`);
  return ok;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

fs.mkdirSync(out, { recursive: true });
function exportReport(file, inputs = []) {
  try {
    execFileSync(bin, ["--export", file, ...inputs], { stdio: ["ignore", "inherit", "inherit"] });
  } catch (e) {
    check(`artdiff --export ${path.basename(file)}`, false, String(e.message).split("\n")[0]);
    console.log(`browser: ${passed} passed, ${failed} failed`);
    process.exit(1);
  }
}
const demoPath = path.join(out, "demo.html");
exportReport(demoPath);

// Two articles full of markup, quotes, ampersands and control characters, sharing sentences so
// that the hostile text also reaches the diff, terms and conflicts of the embedded data.
const hostile = [
  "Security desk: the string <script>window.pwned=1</script> must be shown as text, never run.\n\n" +
    "Tags like </div></span></p></article><b>bold</b> and <img src=x onerror=\"window.pwned=2\"> stay inert, officials said on Monday.\n\n" +
    "Budget maths: a & b < c holds, \"quoted\" and 'single', and 14 councillors voted \u001b[31mred\u0007 today.\n\n" +
    "A closing </script><script>window.pwned=3</script> tag and a line\u2028separator are harmless here.\n",
  "Security desk: the string <script>window.pwned=1</script> must be shown as text, never run.\n\n" +
    "Tags like </div></span></p></article><b>bold</b> and <img src=x onerror=\"window.pwned=2\"> stay inert, officials said on Tuesday.\n\n" +
    "Budget maths: a & b < c holds, \"quoted\" and 'single', and 41 councillors voted \u001b[31mred\u0007 today.\n\n" +
    "The weather stayed dry and mild for most of the week, forecasters in the region reported.\n",
];
const hostilePaths = hostile.map((text, i) => {
  const p = path.join(out, `hostile-${i + 1}.txt`);
  fs.writeFileSync(p, text);
  return p;
});
const hostileReport = path.join(out, "hostile.html");
exportReport(hostileReport, hostilePaths);

// Five articles with long titles: the summary table is at its widest. The shared seeds are used
// too when they are there ($ARTDIFF_SEEDS, else ../shared/seeds beside the repository).
const fivePaths = [0, 1, 2, 3, 4].map((i) => {
  const p = path.join(out, `five-${i + 1}.txt`);
  fs.writeFileSync(
    p,
    `Regional council number ${i + 1} approves a long-delayed plan for the harbour bridge and the ferry terminal\n\n` +
      "The council approved the harbour plan on Monday after three years of debate, officials said. " +
      `Article ${i + 1} adds that the vote was ${40 + i} to ${10 - i}. ` +
      "Construction is expected to start next spring and to last two years.\n",
  );
  return p;
});
const fiveReport = path.join(out, "five.html");
exportReport(fiveReport, fivePaths);
const seedDir = process.env.ARTDIFF_SEEDS || path.join(root, "..", "shared", "seeds");
const seedFiles = fs.existsSync(seedDir)
  ? fs.readdirSync(seedDir).filter((f) => f.endsWith(".txt")).sort().slice(0, 5).map((f) => path.join(seedDir, f))
  : [];
const seedsReport = path.join(out, "seeds.html");
if (seedFiles.length >= 2) exportReport(seedsReport, seedFiles);

const args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"];
const profiles = [];
async function launch(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "artdiff-chromium-"));
  profiles.push(dir);
  return chromium.launchPersistentContext(dir, {
    executablePath: browserPath,
    headless: true,
    args,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    ...options,
  });
}

// Opens file in a new page; records console errors, page errors, dialogs and every request.
async function open(context, file) {
  const page = await context.newPage();
  const log = { errors: [], dialogs: [], external: [] };
  page.on("console", (m) => {
    if (m.type() === "error") log.errors.push(m.text());
  });
  page.on("pageerror", (e) => log.errors.push(String(e)));
  page.on("dialog", (d) => {
    log.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on("request", (r) => {
    if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) log.external.push(r.url());
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, log };
}

const inColumnView = (page, id) =>
  page.evaluate((id) => {
    const n = document.getElementById(id);
    const box = n.closest(".col-body");
    const r = n.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return r.bottom > b.top && r.top < b.bottom && r.height > 0;
  }, id);

try {
  // ---------------------------------------------------------------- the demo, script on
  const context = await launch();
  const { page, log } = await open(context, demoPath);
  const data = await page.evaluate(() => JSON.parse(document.getElementById("artdiff-data").textContent));
  const n = data.articles.length;

  check("page loads as a complete document", (await page.title()).startsWith("Comparison:"), await page.title());
  check(
    "the report's script runs under its own Content-Security-Policy",
    await page.evaluate(() => document.body.classList.contains("js")),
  );

  const cols = await page.$$eval(".columns > .col", (els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { title: e.querySelector("h2").textContent, x: Math.round(r.left), y: Math.round(r.top), w: r.width };
    }),
  );
  const titlesOk = cols.every((c, i) => c.title.includes(data.articles[i].title));
  check(
    `every article has a column (${n})`,
    n >= 2 && cols.length === n && titlesOk,
    cols.map((c) => c.title).join(" | "),
  );
  const sideBySide = new Set(cols.map((c) => c.x)).size === n && new Set(cols.map((c) => c.y)).size === 1;
  check("columns stand side by side on a wide window", sideBySide, cols.map((c) => `${c.x},${c.y}`).join(" "));

  const legend = await page.$eval("#legend", (e) => ({
    visible: e.getBoundingClientRect().height > 0,
    text: e.textContent,
    boxes: e.querySelectorAll("input[type=checkbox]").length,
  }));
  check(
    "the legend is there with a toggle per class",
    legend.visible && legend.boxes === 4 && ["Shared", "Paraphrased", "Unique", "Boilerplate"].every((w) => legend.text.includes(w)),
    `${legend.boxes} toggles`,
  );

  const colours = await page.evaluate(() => {
    const bg = (sel) => {
      const e = document.querySelector(sel);
      return e ? getComputedStyle(e).backgroundColor : null;
    };
    return { shared: bg(".p.shared"), paraphrased: bg(".p.paraphrased"), unique: bg(".p.unique") };
  });
  check(
    "passages are coloured by class",
    colours.shared && colours.paraphrased && colours.shared !== colours.paraphrased && colours.shared !== colours.unique,
    JSON.stringify(colours),
  );

  await page.screenshot({ path: path.join(out, "report.png") });

  // Pick a passage of the first article linked to passages in more than one other article,
  // preferably one whose counterparts are out of view in their columns before the click.
  await page.evaluate(() => document.getElementById("articles").scrollIntoView());
  const candidates = [];
  data.articles[0].passages.forEach((p, k) => {
    const others = new Set(p.matches.map((m) => m.article));
    if (others.size >= 1) candidates.push({ k, p, spread: others.size, conflicts: p.matches.some((m) => m.conflicts.length) });
  });
  let pick = null;
  for (const c of candidates) {
    const hidden = [];
    for (const m of c.p.matches) hidden.push(!(await inColumnView(page, `p-${m.article}-${m.passage}`)));
    c.hiddenBefore = hidden.some(Boolean);
    c.score = (c.hiddenBefore ? 4 : 0) + (c.spread >= 2 ? 2 : 0) + (c.conflicts ? 1 : 0);
    if (!pick || c.score > pick.score) pick = c;
  }
  check("the demo has a passage with counterparts to click", !!pick, pick ? `1:${pick.k + 1}` : "");
  if (pick) {
    const id = `p-0-${pick.k}`;
    const expected = pick.p.matches.map((m) => `p-${m.article}-${m.passage}`).sort();
    await page.click(`#${id} .t`);
    await sleep(900); // smooth scrolling
    const state = await page.evaluate((id) => ({
      sel: [...document.querySelectorAll(".p.sel")].map((e) => e.id),
      cp: [...document.querySelectorAll(".p.cp")].map((e) => e.id).sort(),
      panel: (() => {
        const d = document.getElementById("detail");
        return { hidden: d.hidden, text: d.textContent, height: d.getBoundingClientRect().height };
      })(),
    }), id);
    check("clicking a passage selects it", state.sel.length === 1 && state.sel[0] === id, state.sel.join(","));
    check(
      "…and marks exactly its counterparts",
      JSON.stringify(state.cp) === JSON.stringify(expected),
      `${state.cp.join(", ")} (expected ${expected.join(", ")})`,
    );
    const firstPerColumn = {};
    for (const m of pick.p.matches) if (!(m.article in firstPerColumn)) firstPerColumn[m.article] = `p-${m.article}-${m.passage}`;
    const inView = [];
    for (const cid of Object.values(firstPerColumn)) inView.push(await inColumnView(page, cid));
    check(
      "…and scrolls them into view in their columns",
      inView.every(Boolean),
      `${inView.filter(Boolean).length}/${inView.length} in view` + (pick.hiddenBefore ? " (some were out of view before)" : ""),
    );
    const conflicts = pick.p.matches.flatMap((m) => m.conflicts);
    const wantDiff = pick.p.matches.some((m) => m.diff.length);
    check(
      "the detail panel shows each link with its word diff and conflicts",
      !state.panel.hidden &&
        state.panel.height > 40 &&
        (!wantDiff || state.panel.text.includes("Word diff")) &&
        pick.p.matches.every((m) => state.panel.text.includes(`${m.article + 1}:${m.passage + 1}`)) &&
        conflicts.every((c) => state.panel.text.includes(c.a) && state.panel.text.includes(c.b)),
      `${pick.p.matches.length} link(s), ${conflicts.length} conflict(s)`,
    );
    await page.screenshot({ path: path.join(out, "report-selected.png") });

    await page.keyboard.press("Escape");
    const cleared = await page.evaluate(() => ({
      marked: document.querySelectorAll(".p.sel, .p.cp").length,
      hidden: document.getElementById("detail").hidden,
    }));
    check("Escape clears the selection and closes the panel", cleared.marked === 0 && cleared.hidden);

    await page.hover(`#${id} .t`);
    const hovered = await page.$$eval(".p.cp-hover", (els) => els.map((e) => e.id).sort());
    check("hovering a passage highlights its counterparts", JSON.stringify(hovered) === JSON.stringify(expected), hovered.join(", "));
    await page.mouse.move(1, 1);
  }

  // A reference in the conflicts table (or any passage's link) selects its target.
  const ref = await page.$("#conflicts a.ref") || (await page.$(".p a.ref"));
  if (ref) {
    const href = await ref.getAttribute("href");
    await ref.click();
    await sleep(900);
    const sel = await page.$$eval(".p.sel", (els) => els.map((e) => e.id));
    const visible = sel.length === 1 && (await inColumnView(page, sel[0]));
    check("a passage reference selects and shows its passage", sel[0] === href.slice(1) && visible, `${href} -> ${sel.join(",")}`);
    await page.keyboard.press("Escape");
  }

  // A unique passage with candidates below the thresholds: the panel lists them ("Why unique?"),
  // and the tooltip carries them for readers without the script.
  let near = null;
  data.articles.forEach((art, a) => art.passages.forEach((p, k) => {
    if (!near && p.class === "unique" && p.near && p.near.length) near = { a, k, p };
  }));
  check("the demo has a unique passage with near misses", !!near, near ? `${near.a + 1}:${near.k + 1}` : "");
  if (near) {
    const id = `p-${near.a}-${near.k}`;
    await page.click(`#${id} .t`);
    await sleep(300);
    const shown = await page.evaluate((id) => ({
      text: document.getElementById("detail").textContent,
      title: document.getElementById(id).getAttribute("title") || "",
    }), id);
    check(
      "…its detail panel shows the closest candidates with their scores",
      shown.text.includes("Closest (below thresholds)") &&
        near.p.near.every((m) => shown.text.includes(m.reference) && shown.text.includes(m.score.toFixed(2))) &&
        shown.title.startsWith("Closest, below the thresholds:"),
      near.p.near.map((m) => m.reference).join(", "),
    );
    await page.keyboard.press("Escape");
  }

  // Toggles.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click("label:has(#show-shared)");
  const hiddenShared = await page.$$eval(".p.shared", (els) => els.every((e) => getComputedStyle(e).display === "none"));
  const otherShown = await page.$$eval(".p.unique", (els) => els.some((e) => getComputedStyle(e).display !== "none"));
  await page.click("label:has(#show-shared)");
  const back = await page.$$eval(".p.shared", (els) => els.every((e) => getComputedStyle(e).display !== "none"));
  check("the Shared toggle hides and shows shared passages only", hiddenShared && otherShown && back);

  // Print stylesheet.
  await page.emulateMedia({ media: "print" });
  const print = await page.evaluate(() => ({
    toolbarInputs: [...document.querySelectorAll(".toolbar input")].every((e) => getComputedStyle(e).display === "none"),
    bodies: [...document.querySelectorAll(".col-body")].every((e) => getComputedStyle(e).overflowY === "visible"),
  }));
  check("the print stylesheet drops the controls and prints every article in full", print.toolbarInputs && print.bodies);
  await page.emulateMedia({ media: "screen" });

  // Narrow window: columns stack.
  await page.setViewportSize({ width: 480, height: 900 });
  await sleep(100);
  const narrow = await page.$$eval(".columns > .col", (els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
  check("columns stack on a narrow window", new Set(narrow).size === 1, narrow.join(","));
  await page.evaluate(() => document.getElementById("articles").scrollIntoView());
  await page.screenshot({ path: path.join(out, "report-narrow.png") });
  await page.setViewportSize({ width: 1440, height: 900 });

  fs.writeFileSync(path.join(out, "dom.html"), await page.content());
  check("no console errors or CSP violations", log.errors.length === 0, log.errors.slice(0, 3).join(" | "));
  check("no network requests", log.external.length === 0, log.external.slice(0, 3).join(" "));
  await context.close();

  // ---------------------------------------------------------------- the demo, script off
  const nojs = await launch({ javaScriptEnabled: false });
  const off = await open(nojs, demoPath);
  const still = await off.page.evaluate(() => ({
    nojs: document.body.classList.contains("nojs"),
    cols: document.querySelectorAll(".columns > .col").length,
    legend: !!document.getElementById("legend"),
    shared: getComputedStyle(document.querySelector(".p.shared")).backgroundColor,
    unique: getComputedStyle(document.querySelector(".p.unique")).backgroundColor,
    refs: document.querySelectorAll(".p a.ref").length,
  }));
  check(
    "with JavaScript off: columns, legend, class colours and counterpart links are all there",
    still.nojs && still.cols === n && still.legend && still.shared !== still.unique && still.refs > 0,
    JSON.stringify(still),
  );
  await off.page.click("label:has(#show-boilerplate)");
  const cssToggle = await off.page.$$eval(".p.boilerplate", (els) => els.every((e) => getComputedStyle(e).display === "none"));
  check("with JavaScript off the toggles still hide a class", cssToggle);
  await off.page.click("label:has(#show-boilerplate)");
  await off.page.evaluate(() => document.getElementById("articles").scrollIntoView());
  await off.page.screenshot({ path: path.join(out, "report-nojs.png") });
  await nojs.close();

  // ---------------------------------------------------------------- the summary's width
  // At 1280 and 1440 pixels every summary column is visible inside its card without scrolling
  // (the matrix goes below when both do not fit); on a narrow window the table scrolls inside
  // the card and the page itself never scrolls sideways.
  const wctx = await launch();
  const reports = [["demo", demoPath], ["five articles", fiveReport]];
  if (seedFiles.length >= 2) reports.push([`${seedFiles.length} seeds`, seedsReport]);
  for (const [name, file] of reports) {
    const w = await open(wctx, file);
    for (const width of [1280, 1440, 480]) {
      await w.page.setViewportSize({ width, height: 900 });
      await sleep(100);
      const fit = await w.page.evaluate(() => {
        const card = document.getElementById("summary");
        const wrap = card.querySelector(".table-wrap");
        const c = card.getBoundingClientRect();
        const ths = [...card.querySelectorAll("thead th")];
        const last = ths[ths.length - 1].getBoundingClientRect();
        return {
          card: [Math.round(c.left), Math.round(c.right)],
          lastRight: Math.round(last.right),
          client: wrap.clientWidth,
          scroll: wrap.scrollWidth,
          overflowX: getComputedStyle(wrap).overflowX,
          page: document.documentElement.scrollWidth,
          view: window.innerWidth,
        };
      });
      const detail = JSON.stringify(fit);
      if (width >= 1280) {
        check(
          `${name} at ${width}px: every summary column shows inside its card`,
          fit.scroll <= fit.client + 1 && fit.lastRight <= fit.card[1] && fit.card[1] <= fit.view,
          detail,
        );
        if (name === "five articles" && width === 1280)
          await w.page.screenshot({ path: path.join(out, "report-five-1280.png") });
      } else {
        check(
          `${name} at ${width}px: the summary scrolls inside its card, the page does not`,
          fit.overflowX === "auto" && fit.page <= fit.view && fit.card[1] <= fit.view,
          detail,
        );
      }
    }
    check(`no console errors in the ${name} report`, w.log.errors.length === 0, w.log.errors.slice(0, 3).join(" | "));
    await w.page.close();
  }
  await wctx.close();

  // ---------------------------------------------------------------- hostile articles
  const hctx = await launch();
  const h = await open(hctx, hostileReport);
  await sleep(200);
  // Click every passage so that the panel renders every link's diff, terms and conflicts.
  for (const id of await h.page.$$eval(".col-body .p", (els) => els.map((e) => e.id))) {
    await h.page.click(`#${id} .t`);
    await h.page.keyboard.press("Escape");
  }
  const hs = await h.page.evaluate(() => ({
    pwned: window.pwned,
    scripts: document.scripts.length,
    imgs: document.querySelectorAll("img").length,
    bolds: document.querySelectorAll(".col-body b").length,
    text: document.getElementById("articles").textContent,
    raw: /[\u0000-\u0008\u000b-\u001f\u007f]/.test(document.body.textContent),
    js: document.body.classList.contains("js"),
  }));
  check(
    "hostile article text never runs and never becomes markup",
    hs.pwned === undefined && h.log.dialogs.length === 0 && hs.scripts === 2 && hs.imgs === 0 && hs.bolds === 0 && hs.js,
    JSON.stringify({ pwned: hs.pwned, dialogs: h.log.dialogs.length, scripts: hs.scripts, imgs: hs.imgs, bolds: hs.bolds }),
  );
  const shown = [
    "<script>window.pwned=1</script>",
    "</div></span></p></article><b>bold</b>",
    "a & b < c",
    "\"quoted\" and 'single'",
    "voted red␇ today", // ingest drops the escape sequence; the bell shows as a picture
    "</script><script>window.pwned=3</script>",
  ];
  const missing = shown.filter((s) => !hs.text.includes(s));
  check(
    "…and shows as text, control characters made visible",
    missing.length === 0 && !hs.raw,
    (missing.length ? `missing ${JSON.stringify(missing)}` : "") + (hs.raw ? " raw control characters in the page" : ""),
  );
  check("no network requests from the hostile report", h.log.external.length === 0, h.log.external.slice(0, 3).join(" "));
  await hctx.close();
} catch (e) {
  check("browser session", false, e && e.stack ? e.stack.split("\n").slice(0, 3).join(" ") : String(e));
} finally {
  for (const dir of profiles) fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`artifacts: ${path.relative(process.cwd(), out) || "."}/ (report.png, report-selected.png, report-narrow.png, report-nojs.png, dom.html)`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
