// Translation lookup. Each namespace has a Korean file (the source of keys) and an English file typed against it,
// so a missing English string fails the type check. Add a namespace by adding both files and listing them here.
import { common as enCommon } from "./en/common";
import { common as koCommon } from "./ko/common";
import { home as enHome } from "./en/home";
import { home as koHome } from "./ko/home";
import { editions as enEditions } from "./en/editions";
import { editions as koEditions } from "./ko/editions";
import { work as enWork } from "./en/work";
import { work as koWork } from "./ko/work";
import { registry as enRegistry } from "./en/registry";
import { registry as koRegistry } from "./ko/registry";
import { org as enOrg } from "./en/org";
import { org as koOrg } from "./ko/org";
import { rounds as enRounds } from "./en/rounds";
import { rounds as koRounds } from "./ko/rounds";
import { gaps as enGaps } from "./en/gaps";
import { gaps as koGaps } from "./ko/gaps";
import { review as enReview } from "./en/review";
import { review as koReview } from "./ko/review";
import { trust as enTrust } from "./en/trust";
import { trust as koTrust } from "./ko/trust";
import { drafts as enDrafts } from "./en/drafts";
import { drafts as koDrafts } from "./ko/drafts";
import { library as enLibrary } from "./en/library";
import { library as koLibrary } from "./ko/library";
import { grid as enGrid } from "./en/grid";
import { grid as koGrid } from "./ko/grid";
import { coord as enCoord } from "./en/coord";
import { coord as koCoord } from "./ko/coord";
import { schemes as enSchemes } from "./en/schemes";
import { schemes as koSchemes } from "./ko/schemes";
import { happy as enHappy } from "./en/happy";
import { happy as koHappy } from "./ko/happy";

export const LOCALES = ["ko", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ko";

const ko = {
  ...koCommon,
  ...koHome,
  ...koEditions,
  ...koWork,
  ...koOrg,
  ...koRegistry,
  ...koRounds,
  ...koGaps,
  ...koReview,
  ...koTrust,
  ...koDrafts,
  ...koLibrary,
  ...koGrid,
  ...koCoord,
  ...koSchemes,
  ...koHappy,
};
const en: Record<keyof typeof ko, string> = {
  ...enCommon,
  ...enHome,
  ...enEditions,
  ...enWork,
  ...enOrg,
  ...enRegistry,
  ...enRounds,
  ...enGaps,
  ...enReview,
  ...enTrust,
  ...enDrafts,
  ...enLibrary,
  ...enGrid,
  ...enCoord,
  ...enSchemes,
  ...enHappy,
};

export type MessageKey = keyof typeof ko;
const catalogs: Record<Locale, Record<MessageKey, string>> = { ko, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export type Params = Record<string, string | number>;

/** The message for a key in a locale, with {name} placeholders filled in. Unknown keys show the key itself. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = catalogs[locale][key] ?? catalogs.ko[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function isMessageKey(value: string): value is MessageKey {
  return value in ko;
}
