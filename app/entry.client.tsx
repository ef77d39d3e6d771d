import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { DEFAULT_LANGUAGE, isLanguage } from "~/ui/i18n/config";
import { createI18n } from "~/ui/i18n/i18n";
import type { Translation } from "~/ui/i18n/resources";

const html = document.documentElement;
const lang = isLanguage(html.lang) ? html.lang : DEFAULT_LANGUAGE;
const version = html.dataset.i18nVersion ?? "";

// The page's language only, fetched (and cached) apart from the code. Should it fail, the page
// stays as the server rendered it: every flow works without JavaScript.
fetch(`/i18n/${lang}.json?v=${encodeURIComponent(version)}`, { credentials: "same-origin" })
  .then((r) => (r.ok ? (r.json() as Promise<Translation>) : Promise.reject(new Error(String(r.status)))))
  .then((translation) => {
    const i18n = createI18n(lang, translation);
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <I18nextProvider i18n={i18n}>
            <RemixBrowser />
          </I18nextProvider>
        </StrictMode>,
      );
    });
  })
  .catch(() => undefined);
