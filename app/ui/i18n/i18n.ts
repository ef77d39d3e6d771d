import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "./config";
import type { Translation } from "./resources";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Translation };
  }
}

/**
 * An i18next instance for one language with its dictionary. The server passes the whole
 * dictionary (app/ui/i18n/resources.ts); the browser fetches only its page's language
 * (/i18n/<lng>.json), so the dictionaries never weigh on the JavaScript bundle.
 */
export function createI18n(lng: Language, translation: Translation): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources: { [lng]: { translation } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
