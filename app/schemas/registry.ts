// The registry's form schemas, browser-safe: the forms check with them (react-hook-form) and the server checks the
// same fields again. Messages are translation keys.
import { z } from "zod";
import { isCalendarDate } from "~/domain/validity";

const date = (required: string, invalid: string) =>
  z.string({ error: required }).trim().min(1, required).refine(isCalendarDate, invalid);

const month = (invalid: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, invalid);

/** Points with at most one decimal (937.8), 0 to 1,000; empty means "not known". */
export const scoreText = z
  .string()
  .trim()
  .refine((s) => s === "" || (/^\d{1,4}(\.\d)?$/.test(s) && Number(s) <= 1000), "registry.error.score");

export const certificationFormSchema = z.object({
  institutionId: z.string().trim().regex(/^\d+$/, "registry.error.institutionRequired"),
  awardDate: date("registry.error.awardDateRequired", "registry.error.awardDateInvalid"),
  kind: z.enum(["initial", "renewal"], { error: "registry.error.kindRequired" }),
  score: scoreText.default(""),
  roundId: z
    .string()
    .trim()
    .regex(/^(\d+)?$/, "registry.error.round")
    .default(""),
  note: z.string().trim().max(500, "registry.error.noteTooLong").default(""),
});
export type CertificationFormValues = z.input<typeof certificationFormSchema>;

export const revokeFormSchema = z.object({
  certificationId: z.string().regex(/^\d+$/, "registry.error.certification"),
  reason: z.string().trim().min(1, "registry.error.reasonRequired").max(500, "registry.error.reasonTooLong"),
});

export const renewalFormSchema = z.object({
  certificationId: z.string().regex(/^\d+$/, "registry.error.certification"),
  selfDiagnosisFrom: date("registry.error.dateRequired", "registry.error.dateInvalid"),
  /** "YYYY-MM-DDTHH:mm" in Seoul, as a datetime-local input sends it. */
  deadline: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "registry.error.deadlineInvalid"),
  reviewFrom: month("registry.error.monthInvalid"),
  reviewUntil: month("registry.error.monthInvalid"),
  awardMonth: month("registry.error.monthInvalid"),
});

const monthNumber = z.coerce
  .number({ error: "registry.error.monthNumber" })
  .int("registry.error.monthNumber")
  .min(1, "registry.error.monthNumber")
  .max(12, "registry.error.monthNumber");
const smallCount = (max: number) =>
  z.coerce
    .number({ error: "registry.error.count" })
    .int("registry.error.count")
    .min(0, "registry.error.count")
    .max(max, "registry.error.count");

const scheduleFields = z.object({
  selfDiagnosisStartMonth: monthNumber,
  deadlineMonth: monthNumber,
  deadlineTime: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "registry.error.time"),
  reviewStartMonth: monthNumber,
  reviewEndMonth: monthNumber,
  awardMonth: monthNumber,
});

/** The cycle's months must follow one another within the year; reviews start after the deadline's month. */
function monthOrder(v: z.infer<typeof scheduleFields>, ctx: z.RefinementCtx) {
  const order: [keyof typeof v, keyof typeof v][] = [
    ["selfDiagnosisStartMonth", "deadlineMonth"],
    ["reviewStartMonth", "reviewEndMonth"],
    ["reviewEndMonth", "awardMonth"],
  ];
  for (const [a, b] of order) {
    if (Number(v[a]) > Number(v[b])) ctx.addIssue({ code: "custom", path: [b], message: "registry.error.monthOrder" });
  }
  if (v.deadlineMonth >= v.reviewStartMonth)
    ctx.addIssue({ code: "custom", path: ["reviewStartMonth"], message: "registry.error.monthOrder" });
}

export const scheduleSchema = scheduleFields.superRefine(monthOrder);

export const settingsFormSchema = scheduleFields
  .extend({ expiringMonths: smallCount(24), graceMonths: smallCount(12) })
  .superRefine(monthOrder);

export const termFormSchema = z.object({
  from: date("registry.error.dateRequired", "registry.error.dateInvalid"),
  initialYears: z.coerce
    .number({ error: "registry.error.years" })
    .int("registry.error.years")
    .min(1, "registry.error.years")
    .max(10, "registry.error.years"),
  renewalYears: z.coerce
    .number({ error: "registry.error.years" })
    .int("registry.error.years")
    .min(1, "registry.error.years")
    .max(10, "registry.error.years"),
});

/** The calendar's query string (sort, direction, scheme, period): anything unusable falls back to its default, so a
 * bookmarked or hand-edited address always shows a page. */
const optionalDate = z.string().trim().refine(isCalendarDate).nullable().catch(null);
export const calendarQuerySchema = z.object({
  sort: z.enum(["date", "institution", "scheme", "what"]).catch("date"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  scheme: z.enum(["certification", "comprehensive", "happy-office"]).nullable().catch(null),
  from: optionalDate,
  to: optionalDate,
});
export type CalendarQuery = z.output<typeof calendarQuerySchema>;

export function parseCalendarQuery(params: URLSearchParams): CalendarQuery {
  const get = (k: string) => params.get(k) || null;
  const q = calendarQuerySchema.parse({
    sort: get("sort"),
    dir: get("dir"),
    scheme: get("scheme"),
    from: get("from"),
    to: get("to"),
  });
  // A period given backwards is read the right way round.
  return q.from && q.to && q.from > q.to ? { ...q, from: q.to, to: q.from } : q;
}
