// The rubric editor's form schemas, the same in the browser and on the server.
import { z } from "zod";

/** A new edition draft copied from an existing edition (editions.drafts.new). */
export const newDraftSchema = z.object({
  baseId: z.string().min(1, "draft.error.required"),
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]+$/, "draft.error.editionId")
    .refine((id) => id !== "drafts" && id !== "import" && id !== "compare", "draft.error.editionId"),
  year: z.coerce.number().int("draft.error.year").min(2012, "draft.error.year").max(2100, "draft.error.year"),
  institutionType: z.enum(["sido", "sigungu"], "draft.error.required"),
  title: z.string().trim().min(1, "draft.error.required").max(200, "draft.error.tooLong"),
});
