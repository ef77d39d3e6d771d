import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearSessionCookie } from "~/auth/cookies.server";
import { findActor, findSessionId } from "~/auth/guards.server";
import { signOut } from "~/modules/access/sign-in.server";

/** POST /logout ends the session; GET never changes state, so it only redirects. */
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await findActor(request, context);
  const sessionId = await findSessionId(request, context);
  if (actor && sessionId) await signOut(context.db, sessionId, actor);
  return redirect("/login?notice=auth.login.signedOut", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}
