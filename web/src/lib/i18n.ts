import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import vi from "../locales/vi.json";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = "tg.locale";

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : "vi";
  } catch {
    return "vi";
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "vi";
}

/**
 * The English catalogue is its own chunk, fetched when English is first chosen: a Vietnamese
 * visit never downloads it. The type-check still fails when it lacks a Vietnamese key.
 */
async function loadCatalogue(locale: Locale): Promise<void> {
  if (locale === "vi" || i18n.hasResourceBundle(locale, "translation")) return;
  const en: { default: typeof vi } = await import("../locales/en.json");
  i18n.addResourceBundle(locale, "translation", en.default);
}

/** Switches the UI language, remembers it on this device and marks the document. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = locale;
  await loadCatalogue(locale);
  if (i18n.resolvedLanguage !== locale) await i18n.changeLanguage(locale);
}

/**
 * Quotes inside quotes alternate, as in print: “Nhân rộng mô hình ‘Dân vận khéo’” — a title that
 * carries its own quotes ("…" or “…”) no longer reads “… “…” …” once a message quotes it.
 */
export function nestQuotes(text: string): string {
  if (!text.includes("“")) return text;
  let depth = 0;
  let straightOpen = false;
  let out = "";
  for (const ch of text) {
    if (ch === "“") {
      out += depth > 0 ? "‘" : "“";
      depth++;
    } else if (ch === "”" && depth > 0) {
      depth--;
      out += depth > 0 ? "’" : "”";
    } else if (ch === '"' && depth > 0) {
      out += straightOpen ? "’" : "‘";
      straightOpen = !straightOpen;
    } else out += ch;
  }
  return out;
}

const initial = storedLocale();
document.documentElement.lang = initial;

/**
 * Resolves once the saved language is ready (its catalogue fetched when it is English): the app
 * renders after it (main.tsx), so the first paint is in that language.
 */
export const i18nReady: Promise<void> = i18n
  .use(initReactI18next)
  .use({ type: "postProcessor", name: "nestedQuotes", process: (value: string) => nestQuotes(value) })
  .init({
    resources: { vi: { translation: vi } },
    lng: "vi",
    fallbackLng: "vi",
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
    postProcess: ["nestedQuotes"],
  })
  .then(async () => {
    if (initial === "vi") return;
    try {
      await loadCatalogue(initial);
      await i18n.changeLanguage(initial);
    } catch {
      // Offline or a release in between: the app opens in Vietnamese rather than not at all.
    }
  });

export default i18n;
