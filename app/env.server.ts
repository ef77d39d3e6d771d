import { z } from "zod";

/**
 * The server's configuration, parsed once at boot (DESIGN.md "Interfaces": configuration).
 * Only `publicEnv` ever reaches the browser.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default("file:./data/skilltender.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DISTRICT_NAME_ZH: z.string().default("示范区"),
  DISTRICT_NAME_EN: z.string().default("Demo District"),
  BID_SEAL_KEY: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_BASE: z.string().optional(),
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  LOG_LEVEL: z.enum(["silent", "info"]).default("info"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

export function publicEnv(env: Env = getEnv()) {
  return { districtZh: env.DISTRICT_NAME_ZH, districtEn: env.DISTRICT_NAME_EN };
}
