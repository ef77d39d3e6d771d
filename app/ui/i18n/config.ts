export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh-CN";

export function isLanguage(v: unknown): v is Language {
  return typeof v === "string" && (LANGUAGES as readonly string[]).includes(v);
}

/**
 * Chinese first; `?lng=` wins, then the remembered cookie (DESIGN.md "Language").
 * Returns the language and whether it should be remembered now.
 */
export function resolveLanguage(queryLng: string | null, cookieLng: string | undefined): {
  lng: Language;
  remember: boolean;
} {
  if (isLanguage(queryLng)) return { lng: queryLng, remember: queryLng !== cookieLng };
  if (isLanguage(cookieLng)) return { lng: cookieLng, remember: false };
  return { lng: DEFAULT_LANGUAGE, remember: false };
}
