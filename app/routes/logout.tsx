import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroySession } from "~/utils/session.server";

export async function loader() {
  // Signing out changes state, so it only happens through POST; a GET just goes home.
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": await destroySession(request) } });
}
