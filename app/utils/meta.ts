// Document titles in the reader's language: "page · subject · app", the locale taken from the root loader.
import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type MessageKey, translate } from "~/i18n";

type Matches = readonly { id: string; data?: unknown }[];

export function pageTitle(matches: Matches, page: MessageKey | null, subject?: string | null): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const locale = isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
  const parts = [page ? translate(locale, page) : null, subject || null, translate(locale, "app.name")];
  return [{ title: parts.filter(Boolean).join(" · ") }];
}
