import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { readCookie, languageCookie } from "~/auth/cookies.server";
import { languagePack } from "~/ui/i18n/packs.server";
import { findActor } from "~/auth/guards.server";
import { countUnread } from "~/modules/notification/notifications.server";
import { publicEnv } from "~/env.server";
import { resolveLanguage } from "~/ui/i18n/config";
import { ErrorPage } from "~/ui/components/error-page";
import { Shell } from "~/ui/components/shell";
import { useNonce } from "~/ui/nonce";
import { useRootData } from "~/ui/root-data";
import stylesUrl from "~/ui/styles.css?url";
import { installFormMessages } from "~/modules/reference/form-messages";

// zod's own messages become dictionary keys before any form is parsed, on the server and in the browser.
installFormMessages();

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "技能订单培训平台 SkillTender" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { lng, remember } = resolveLanguage(url.searchParams.get("lng"), readCookie(request, "lng"));
  const actor = await findActor(request, context);
  const headers = new Headers();
  if (remember) headers.append("Set-Cookie", languageCookie(request, lng));
  return data(
    {
      lng,
      // Names the dictionary the browser fetches (entry.client.tsx), so that it can be cached for good.
      i18nVersion: languagePack(lng).version,
      actor,
      // The unread count in the page frame (shell): the actor's organisation's notifications.
      unread: actor ? await countUnread(context.db, actor) : 0,
      env: publicEnv(),
      notice: url.searchParams.get("notice"),
      isDemo: process.env.SKILLTENDER_DEMO === "1",
    },
    { headers },
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData();
  const { i18n } = useTranslation();
  const nonce = useNonce();
  return (
    <html lang={root?.lng ?? i18n.language} data-i18n-version={root?.i18nVersion}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <Shell>
      <ErrorPage status={status} />
    </Shell>
  );
}
