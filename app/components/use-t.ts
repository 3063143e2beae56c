import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, type Locale, type MessageKey, type Params, translate } from "~/i18n";

interface RootData {
  locale: Locale;
}

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootData | undefined;
  return data?.locale ?? DEFAULT_LOCALE;
}

/** The translation function for the current locale. */
export function useT() {
  const locale = useLocale();
  return (key: MessageKey, params?: Params) => translate(locale, key, params);
}
