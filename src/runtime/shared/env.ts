/** Parses `process.env` for a handler with a zod schema, failing once with every bad variable named. */
import type { z } from "zod";

/** A handler's environment is missing a variable or holds a bad value. */
export class EnvError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`invalid handler environment:\n  ${issues.join("\n  ")}`);
    this.name = "EnvError";
    this.issues = issues;
  }
}

/** Parses `env` (default `process.env`) with `schema`; throws `EnvError` naming each variable and the problem. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const res = schema.safeParse(env);
  if (res.success) return res.data;
  throw new EnvError(
    res.error.issues.map((i) => {
      const name = i.path.map(String).join(".") || "(env)";
      const got = i.path.length === 1 ? env[String(i.path[0])] : undefined;
      return `${name}: ${i.message}${got === undefined ? " (not set)" : ` (got ${JSON.stringify(got)})`}`;
    }),
  );
}
