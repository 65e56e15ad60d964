// axe-core on every page a journey visits: injected into every page of every browser context the
// suites open (openPage), it audits the page each time it has been still for a moment — after a
// navigation, a dialog opening, a list loading — and reports serious and critical violations,
// which fail the test that met them (support/accessibility.ts). One exception, tree items (below).
import fs from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext } from "playwright-core";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The violations met since the current test began (one line each: rule, impact, page, nodes). */
export const violations: string[] = [];

// In the page: audits once the DOM has been quiet for QUIET_MS, at most once every GAP_MS.
const auditor = `(() => {
  if (window.top !== window || location.protocol === "about:") return;
  const QUIET_MS = 600, GAP_MS = 1200, SETTLE_MS = 1000;
  let timer = 0, running = false, last = 0;
  const seen = new Set();
  const audit = async () => {
    if (running || !document.body) return schedule();
    const wait = last + GAP_MS - Date.now();
    if (wait > 0) { timer = setTimeout(audit, wait); return; }
    running = true;
    try {
      const where = location.pathname + location.search;
      const first = await axe.run(document, { resultTypes: ["violations"] });
      const found = first.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      // What a user meets is the page at rest, not a frame of a transition (a dialog fading in, a
      // list re-rendering): a violation counts when it is still there a moment later.
      let result = { violations: [] };
      if (found.length) {
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        if (location.pathname + location.search !== where) return;
        result = await axe.run(document, {
          runOnly: { type: "rule", values: found.map((v) => v.id) },
          resultTypes: ["violations"],
        });
      }
      last = Date.now();
      const lines = [];
      for (const v of result.violations) {
        if (v.impact !== "serious" && v.impact !== "critical") continue;
        for (const node of v.nodes) {
          // A tree item is named by its unit and described by its figures (ARIA's tree pattern);
          // axe's label-in-name check counts the description and the nested items as its label.
          if (v.id === "label-content-name-mismatch" && /role="treeitem"/.test(node.html || "")) continue;
          const key = v.id + " " + node.target.join(" ");
          if (seen.has(key)) continue;
          seen.add(key);
          lines.push("axe " + v.id + " (" + v.impact + ") on " + where + ": " + node.target.join(" ") +
            " — " + (node.failureSummary || v.help).replace(/\\s+/g, " ").slice(0, 300) +
            " — " + (node.html || "").replace(/\\s+/g, " ").slice(0, 200));
        }
      }
      if (lines.length) window.__axeReport(lines);
    } catch (e) {
      // a page torn down mid-audit
    } finally {
      running = false;
    }
  };
  const schedule = () => { clearTimeout(timer); timer = setTimeout(audit, QUIET_MS); };
  const start = () => {
    new MutationObserver(schedule).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    schedule();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();`;

/** Makes every page of `context` audit itself with axe-core and report into `violations`. */
export async function auditAccessibility(context: BrowserContext) {
  await context.exposeBinding("__axeReport", (_source, lines: string[]) => {
    violations.push(...lines);
  });
  await context.addInitScript({ content: `${axeSource}\n${auditor}` });
}
