// The person's own mail setting. Browser-safe; messages are translation keys.
import { z } from "zod";

export const mailPreferenceSchema = z.object({
  intent: z.literal("mailPreference"),
  /** The checkbox: present ("on") to receive mail, absent to opt out. */
  receive: z.literal("on", "mail.pref.error").optional(),
});
