import { data } from "@remix-run/node";
import { ErrorPage } from "~/ui/components/error-page";

/** Any unknown path: a real 404 with the friendly page. */
export async function loader() {
  return data(null, { status: 404 });
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}
