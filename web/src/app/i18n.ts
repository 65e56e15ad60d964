import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "../locales/en.json";
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

/** Switches the UI language, remembers it on this device and marks the document. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = locale;
  if (i18n.resolvedLanguage !== locale) await i18n.changeLanguage(locale);
}

// The English catalogue must have every Vietnamese key (the type-check fails otherwise).
export const resources = {
  vi: { translation: vi },
  en: { translation: en satisfies typeof vi },
} as const;

const initial = storedLocale();
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: "vi",
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
