import { type LoaderFunctionArgs } from "@remix-run/node";
import { isLanguage } from "~/ui/i18n/config";
import { languagePack } from "~/ui/i18n/packs.server";

/**
 * GET /i18n/<lng>.json — one language's dictionary for the browser's i18n (entry.client.tsx).
 * With the version the page names (?v=), it never changes and is cached for good.
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  const lng = params.lng ?? "";
  if (!isLanguage(lng)) return new Response("not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const pack = languagePack(lng);
  const versioned = new URL(request.url).searchParams.get("v") === pack.version;
  return new Response(pack.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    },
  });
}
