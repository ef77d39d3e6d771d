import type { TFunction } from "i18next";
import type { Language } from "./config";
import { createI18n } from "./i18n";
import { resources } from "./resources";

/**
 * One i18next instance per language for the whole process: an instance holds nothing of a
 * request once its language is fixed (nobody calls changeLanguage on the server), and making
 * one per request was a measurable share of each page's cost (docs/BENCHMARKS.md).
 */
const i18nByLanguage = new Map<Language, ReturnType<typeof createI18n>>();

export function i18nFor(lng: Language): ReturnType<typeof createI18n> {
  let instance = i18nByLanguage.get(lng);
  if (!instance) {
    instance = createI18n(lng, resources[lng].translation);
    i18nByLanguage.set(lng, instance);
  }
  return instance;
}

/** The Chinese dictionary's `t`, for what is always written in Chinese (export headers, official files). */
export function chineseT(): TFunction {
  return i18nFor("zh-CN").t;
}
