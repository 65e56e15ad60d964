import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./app/global.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { Providers } from "./app/Providers";
import { router } from "./app/router";
import { i18nReady } from "./lib/i18n";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

// A page's chunk that fails to load after a new release (its hashed name is gone): reload once
// to get the new index.html, rather than show an error; a second failure shows the error page.
const RELOADED_KEY = "tg.chunk-reload";
window.addEventListener("vite:preloadError", (event) => {
  try {
    if (sessionStorage.getItem(RELOADED_KEY)) return;
    sessionStorage.setItem(RELOADED_KEY, "1");
  } catch {
    return;
  }
  event.preventDefault();
  window.location.reload();
});
window.setTimeout(() => {
  try {
    sessionStorage.removeItem(RELOADED_KEY);
  } catch {}
}, 10_000);

// After the saved language is in (not a top-level await: that would turn off the bundler's
// merging of shared chunks).
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <Providers>
        {/* Navigations are not transitions: a page whose chunk is still loading shows its
            "Đang tải…" status at once (app/router.tsx) rather than the old page staying put. */}
        <RouterProvider router={router} useTransitions={false} />
      </Providers>
    </StrictMode>,
  ),
);
