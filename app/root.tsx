import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import fontHref from "pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css?url";
import { AppShell } from "~/components/app-shell";
import { ErrorPage } from "~/components/error-page";
import appHref from "~/styles/app.css?url";
import { getCurrentUser } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { homeKind } from "~/domain/permissions";
import { toActor } from "~/utils/auth.server";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fontHref },
  { rel: "stylesheet", href: appHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "인증지기" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([getLocale(request), getCurrentUser(request)]);
  return {
    locale,
    user: user && {
      displayName: user.displayName,
      username: user.username,
      isSystemAdmin: user.isSystemAdmin,
      home: homeKind(toActor(user)),
      membership: user.memberships[0] ?? null,
    },
  };
}

export type RootUser = NonNullable<Awaited<ReturnType<typeof loader>>["user"]>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang={data?.locale ?? "ko"}>
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
  const { user } = useLoaderData<typeof loader>();
  return (
    <AppShell user={user}>
      <Outlet />
    </AppShell>
  );
}

/**
 * Every route's errors land here (the routes are flat, so root is the only layout around them). The shell stays:
 * when the root loader answered (the usual case: a 403 or 404 thrown by a page's guard) the header and the person's
 * navigation are shown around the message; when the root loader itself failed, the shell without a user.
 */
export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <AppShell user={data?.user ?? null}>
      <ErrorPage />
    </AppShell>
  );
}
