// Runs before the app (a file, not inline: the server's CSP allows scripts from 'self' only).
// Applies the saved language and colour scheme so the first paint matches them.
try {
  const locale = localStorage.getItem("tg.locale");
  if (locale === "en" || locale === "vi") document.documentElement.lang = locale;
  const scheme = localStorage.getItem("mantine-color-scheme-value");
  document.documentElement.setAttribute("data-mantine-color-scheme", scheme === "dark" ? "dark" : "light");
} catch {}
