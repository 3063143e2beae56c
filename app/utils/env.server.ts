import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { databasePathFromEnv } from "#db/connection";

/** Mail through SMTP (app/utils/mail.server.ts): off unless SMTP_HOST is set. */
export const MailEnvSchema = z.object({
  SMTP_HOST: z.string().trim().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** "true": TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: z.enum(["true", "false"]).optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  /** The sender, e.g. "인증지기 <noreply@example.go.kr>". */
  MAIL_FROM: z.string().trim().min(3).default("인증지기 <noreply@localhost>"),
  /** The address people open the app at, for links in mail (e.g. https://injeung.example.go.kr); none: no links. */
  APP_URL: z.url().optional(),
  /** The Seoul hour from which the daily digest goes out. */
  MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  /** How often each server process looks for mail to send. */
  MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
});

// The environment, checked once at start: a bad value fails loudly with its name.
const EnvSchema = z.object({
  /** Production unless told otherwise: `npm run dev` sets development, the tests set test. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_PATH: z.string().optional(),
  /** Comma-separated secrets; the first signs new cookies, the others still verify old ones. */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Failed password checks allowed per username and address within the window (see app/domain/sign-in-throttle.ts). */
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** Where evidence files are stored (by content hash); default `<directory of the database>/uploads`, outside public/. */
  UPLOAD_DIR: z.string().trim().min(1).optional(),
  /** The largest evidence file accepted, in megabytes (MiB). */
  UPLOAD_MAX_MB: z.coerce.number().positive().max(2048).default(50),
  /** Set to "false" when serving plain http behind no proxy in production (e.g. the local demo); the server warns. */
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  ...MailEnvSchema.shape,
});

export type Env = z.infer<typeof EnvSchema> & {
  dataDir: string;
  sessionSecrets: string[];
  secureCookies: boolean;
  /** Absolute directory of the evidence file store. */
  uploadDir: string;
  /** UPLOAD_MAX_MB in bytes. */
  uploadMaxBytes: number;
};

function loadEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const env = parsed.data;
  const dataDir = path.dirname(path.resolve(databasePathFromEnv()));
  return {
    ...env,
    dataDir,
    sessionSecrets: env.SESSION_SECRET ? env.SESSION_SECRET.split(",") : [localSecret(dataDir)],
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === "true" : env.NODE_ENV === "production",
    uploadDir: path.resolve(env.UPLOAD_DIR ?? path.join(dataDir, "uploads")),
    uploadMaxBytes: Math.floor(env.UPLOAD_MAX_MB * 1024 * 1024),
  };
}

/** Without SESSION_SECRET, a random secret kept beside the database: sessions survive restarts of one machine. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, ".session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return fs.readFileSync(file, "utf8").trim();
  }
}

export const env: Env = loadEnv();
