// Validity of an award under a scheme: the same 민법 제160조 arithmetic as the 인증 (../validity.ts), with the
// scheme's own terms (인증 2 years / 3 on a consecutive renewal; 국민행복민원실 3 years, renewable). Pure.
import {
  type CertificationFacts,
  certificationValidity,
  type PreviousCertificate,
  type Validity,
  type ValidityRules,
} from "../validity";
import { HAPPY_OFFICE } from "./catalog";
import type { Scheme } from "./types";

/** The validity of one award under `scheme`; null for a scheme that grades rather than certifies. */
export function schemeValidity(
  scheme: Scheme,
  cert: CertificationFacts,
  previous: PreviousCertificate | null,
  today: string,
): Validity | null {
  if (!scheme.validity) return null;
  const { terms, expiringMonths, graceMonths } = scheme.validity;
  return certificationValidity(cert, previous, today, { terms, expiringMonths, graceMonths });
}

/** The validity rules of a certificate recorded in the registry: the 인증's rules as the registry settings hold them
 * (the Ministry may have changed them there), or the 국민행복민원실's from the scheme data (3 years, renewable). */
export function certificateRules(
  scheme: "certification" | "happy-office",
  certification: ValidityRules,
): ValidityRules {
  if (scheme === "certification" || !HAPPY_OFFICE.validity) return certification;
  const { terms, expiringMonths, graceMonths } = HAPPY_OFFICE.validity;
  return { terms, expiringMonths, graceMonths };
}
