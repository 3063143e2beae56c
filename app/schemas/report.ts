// The report's 결재 fields: document number, effective date (시행일) and the names in the approval box. Shared by the
// report page's form and the server. Browser-safe; messages are translation keys naming the field.
import { z } from "zod";
import { isCalendarDate } from "~/domain/validity";

const name = (key: string) => z.string(key).trim().normalize("NFC").max(40, key).optional().default("");

export const signoffSchema = z.object({
  intent: z.literal("saveSignoff"),
  documentNumber: z
    .string("signoff.error.documentNumber")
    .trim()
    .normalize("NFC")
    .max(60, "signoff.error.documentNumber")
    .optional()
    .default(""),
  effectiveDate: z
    .string("signoff.error.effectiveDate")
    .trim()
    .refine((v) => v === "" || isCalendarDate(v), "signoff.error.effectiveDate")
    .optional()
    .transform((v) => (v ? v : null)),
  drafter: name("signoff.error.name"),
  reviewer: name("signoff.error.name"),
  approver: name("signoff.error.name"),
  version: z
    .string("signoff.error.stale")
    .regex(/^\d{1,9}$/, "signoff.error.stale")
    .transform(Number),
});
export type SignoffInput = z.infer<typeof signoffSchema>;
