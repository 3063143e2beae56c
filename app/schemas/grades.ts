// The grade page's forms (민원서비스 종합평가): peer scores typed or pasted as CSV, removing a peer, the grade received
// overall and per item, and the publication of the result. The same in the browser and on the server.
import { z } from "zod";
import { isCalendarDate } from "~/domain/validity";

const optionalDate = (key: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isCalendarDate(v), key);

const score = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || (/^\d{1,3}(\.\d{1,2})?$/.test(v) && Number(v) <= 100), "grades.error.score")
  .transform((v) => (v === null ? null : Math.round(Number(v) * 100)));

export const addPeersSchema = z.object({
  intent: z.literal("addPeers"),
  csv: z.string("grades.error.csvEmpty").trim().min(1, "grades.error.csvEmpty").max(200_000, "grades.error.csvLong"),
});
export const removePeerSchema = z.object({
  intent: z.literal("removePeer"),
  name: z.string("grades.error.name").trim().min(1, "grades.error.name").max(100, "grades.error.name"),
});
export const clearPeersSchema = z.object({ intent: z.literal("clearPeers") });
export const recordGradesSchema = z.object({
  intent: z.literal("recordGrades"),
  /** Grade keys by part: grade_total, grade_<item code>; an empty select leaves that part unrecorded. */
  grades: z.record(z.string(), z.string().trim()),
  totalScore: score,
});
export const publicationSchema = z.object({
  intent: z.literal("recordPublication"),
  notifiedOn: optionalDate("grades.error.date"),
  publishedOn: optionalDate("grades.error.date"),
  publishedUntil: optionalDate("grades.error.date"),
  url: z
    .string()
    .trim()
    .max(500, "grades.error.url")
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^https?:\/\/\S+$/.test(v), "grades.error.url"),
});

export const gradeIntentSchema = z.discriminatedUnion("intent", [
  addPeersSchema,
  removePeerSchema,
  clearPeersSchema,
  recordGradesSchema,
  publicationSchema,
]);
export type GradeIntent = z.infer<typeof gradeIntentSchema>;
