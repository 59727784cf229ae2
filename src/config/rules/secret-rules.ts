/** Secrets must never sit in declared config: keys, tokens and passwords belong in a secret store (issue 2, item 5). */
import type { PathSegments } from "../problem.ts";
import type { Rule } from "./engine.ts";

/** A scalar found in the document, with where it sits. */
export interface ScalarAt {
  path: PathSegments;
  key: string | undefined;
  value: string | number;
}

/** Every string/number scalar of a document, found once. */
export interface SecretsView {
  scalars: ScalarAt[];
}

const MAX_DEPTH = 256;

/** Collects scalars iteratively; shared subtrees (YAML aliases) and cycles are visited once. */
export function viewScalars(doc: unknown): SecretsView {
  const scalars: ScalarAt[] = [];
  const seen = new Set<object>();
  const stack: Array<{ value: unknown; path: PathSegments; key: string | undefined }> = [
    { value: doc, path: [], key: undefined },
  ];
  while (stack.length > 0) {
    const { value, path, key } = stack.pop()!;
    if (typeof value === "string" || typeof value === "number") scalars.push({ path, key, value });
    else if (typeof value === "object" && value !== null && !seen.has(value) && path.length < MAX_DEPTH) {
      seen.add(value);
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i], key });
      } else {
        const entries = Object.entries(value);
        for (let i = entries.length - 1; i >= 0; i--) {
          const [k, v] = entries[i]!;
          stack.push({ value: v, path: [...path, k], key: k });
        }
      }
    }
  }
  return { scalars };
}

const AWS_KEY = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;
const META_TOKEN = /\bEAA[A-Za-z0-9]{30,}/;
const PEM = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/;
// The last word of the key names a secret: `app_secret`, `verify_token`, `db_password`, `api_key`, `apiKey`.
const SECRET_KEY =
  /(?:^|[_\-.])(?:secret|password|passwd|token|access_token|api_key|apikey|private_key|client_secret)$|^(?:apiKey|accessToken|clientSecret|appSecret|verifyToken)$/i;
// Keys that end like a secret but hold none (Meta's flow_token is an opaque correlation id).
const NOT_SECRET_KEYS = new Set(["flow_token", "next_token", "nexttoken", "page_token", "pagination_token"]);
// Values that point at a secret instead of holding it.
const REFERENCE = /^(?:arn:|ssm:|secretsmanager:|secret:|env:|\$\{|\{\{resolve:|aws-sm:|vault:)/;

function mask(s: string): string {
  return s.length <= 8 ? "****" : `${s.slice(0, 4)}…${s.slice(-2)}`;
}

type S = Rule<SecretsView>;

function scanRule(code: string, pattern: RegExp, what: string, source: string): S {
  return {
    code,
    severity: "error",
    source,
    description: `No ${what} anywhere in the document.`,
    check(v, report) {
      for (const s of v.scalars) {
        if (typeof s.value !== "string") continue;
        const m = pattern.exec(s.value);
        if (m)
          report(
            s.path,
            `${what} ${q4(m[0])} must not be in config; store it in AWS Secrets Manager or SSM and reference it (e.g. "ssm:/waba/…")`,
          );
      }
    },
  };
}

function q4(s: string): string {
  return JSON.stringify(mask(s));
}

/** Secret detection over any document. */
export const secretRules: S[] = [
  scanRule("secrets.aws_access_key", AWS_KEY, "AWS access key id", "Issue 2 item 5 (secrets in YAML)"),
  scanRule(
    "secrets.meta_access_token",
    META_TOKEN,
    "Meta access token",
    "Issue 2 item 5 (secrets in YAML); §7.1 token errors 0/190",
  ),
  scanRule("secrets.private_key", PEM, "PEM private key", "Issue 2 item 5 (secrets in YAML)"),
  {
    code: "secrets.literal_value",
    severity: "error",
    source: "Issue 2 item 5 (secrets in YAML)",
    description:
      "Keys named like secrets (`secret`, `password`, `token`, `access_token`, `api_key`, …) hold a reference, not a literal value.",
    check(v, report) {
      for (const s of v.scalars) {
        if (s.key === undefined || typeof s.path[s.path.length - 1] !== "string") continue;
        if (NOT_SECRET_KEYS.has(s.key.toLowerCase()) || !SECRET_KEY.test(s.key)) continue;
        const text = String(s.value);
        if (text.trim() === "" || REFERENCE.test(text)) continue;
        // Already reported, more precisely, by the pattern rules above.
        if (AWS_KEY.test(text) || META_TOKEN.test(text) || PEM.test(text)) continue;
        report(
          s.path,
          `${s.key} holds a literal value ${q4(text)}; keep secrets out of config — reference one instead (e.g. "ssm:/waba/${s.key}" or an arn:aws:secretsmanager ARN)`,
        );
      }
    },
  },
];
