import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect } from "react";
import type { MessageKey } from "~/i18n";
import type { RootUser } from "~/root";
import { useLocale, useT } from "./use-t";

interface NavItem {
  to: string;
  label: MessageKey;
}

function navFor(user: RootUser): NavItem[] {
  const items: NavItem[] = [];
  const institutionId = user.membership?.institutionId;
  switch (user.home) {
    case "coordinator":
      items.push({ to: "/", label: "nav.home" });
      items.push({ to: "/rounds", label: "nav.rounds" });
      items.push({ to: "/action-items", label: "nav.actionItems" });
      items.push({ to: `/org/${institutionId}`, label: "nav.people" });
      break;
    case "department_member":
      items.push({ to: "/", label: "nav.myIndicators" });
      items.push({ to: "/action-items", label: "nav.actionItems" });
      break;
    case "auditor":
      items.push({ to: "/", label: "nav.reviewQueue" });
      items.push({ to: "/rounds", label: "nav.rounds" });
      items.push({ to: "/action-items", label: "nav.actionItems" });
      break;
    case "admin":
      items.push({ to: "/", label: "nav.home" });
      items.push({ to: "/admin/institutions", label: "nav.institutions" });
      items.push({ to: "/admin/users", label: "nav.users" });
      break;
    default:
      items.push({ to: "/", label: "nav.home" });
  }
  items.push({ to: "/registry", label: "nav.registry" });
  items.push({ to: "/editions", label: "nav.editions" });
  return items;
}

export function AppShell({ user, children }: { user: RootUser | null; children: React.ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  // Marks the document once React has taken over the server's HTML: until then a form is a plain HTML form, and
  // what a browser test (or a person) selects before hydration can be reset by it. Browser tests wait for this.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  const roleLabel: MessageKey | null = user
    ? user.membership
      ? (`role.${user.membership.role}` as MessageKey)
      : user.isSystemAdmin
        ? "role.admin"
        : null
    : null;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("header.skip")}
      </a>
      <header className="app-header">
        <div className="app-header__brand">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              ✓
            </span>
            <span className="brand__name">{t("app.name")}</span>
          </Link>
          <span className="brand__tagline">{t("app.tagline")}</span>
        </div>
        <div className="app-header__tools">
          {user ? (
            <div className="who" aria-label={user.displayName}>
              {user.membership ? <span className="who__institution">{user.membership.institutionName}</span> : null}
              {user.membership?.departmentName ? (
                <span className="who__department">{user.membership.departmentName}</span>
              ) : null}
              <span className="who__name">{user.displayName}</span>
              {roleLabel ? <span className="badge badge--role">{t(roleLabel)}</span> : null}
            </div>
          ) : null}
          <Form method="post" action="/locale" className="inline-form">
            <input type="hidden" name="locale" value={locale === "ko" ? "en" : "ko"} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button
              type="submit"
              className="button button--ghost"
              aria-label={t("header.languageLabel")}
              lang={locale === "ko" ? "en" : "ko"}
            >
              {t("header.language")}
            </button>
          </Form>
          {user ? (
            <Form method="post" action="/logout" className="inline-form">
              <button type="submit" className="button button--ghost">
                {t("header.signOut")}
              </button>
            </Form>
          ) : null}
        </div>
      </header>
      {user ? (
        <nav className="app-nav" aria-label={t("nav.label")}>
          <ul>
            {navFor(user).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"} prefetch="intent">
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
            <li className="app-nav__end">
              <NavLink to="/account/password">{t("nav.password")}</NavLink>
            </li>
          </ul>
        </nav>
      ) : null}
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
