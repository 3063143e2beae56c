import { Link, useLocation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * One row of a long table edited at a time, named in the URL (`?edit=<code>`): the table sends a link per row and the
 * form (with its selects of every department) only for the row being edited, so a page of 133 rows does not repeat
 * the same options 266 times. A plain link and a plain form, so it works without JavaScript; the other search
 * parameters (the filters) are kept.
 */
export function useRowEditor() {
  const [search] = useSearchParams();
  const { pathname } = useLocation();
  const editing = search.get("edit");
  const hrefWith = (code: string | null) => {
    const next = new URLSearchParams(search);
    if (code === null) next.delete("edit");
    else next.set("edit", code);
    const query = next.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  return { editing, openHref: (code: string) => hrefWith(code), closeHref: hrefWith(null) };
}

/** The link that opens a row's form. */
export function RowEditLink({ href, label, children }: { href: string; label?: string; children: ReactNode }) {
  return (
    <Link to={href} preventScrollReset className="button button--small button--secondary" aria-label={label}>
      {children}
    </Link>
  );
}
