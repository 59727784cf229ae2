/**
 * Run-time settings of the provider process, set by `configure` from stack config (`waba:eumEndpoint`,
 * `waba:configTable`, `waba:awsEndpoint`, `aws:region`) with environment fallbacks. Shared by every family.
 */

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createEumClient } from "../../src/eum/client.ts";

/** Provider settings. */
export interface ProviderSettings {
  region: string;
  eumEndpoint?: string | undefined;
  configTable?: string | undefined;
  awsEndpoint?: string | undefined;
}

/** A stack-config reader (`namespace:key`). */
export type ConfigGetter = (key: string) => string | undefined;

let settings: ProviderSettings | undefined;
let eum: SocialMessagingClient | undefined;
let ddb: DynamoDBDocumentClient | undefined;

function fromEnv(): ProviderSettings {
  return {
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
    eumEndpoint: process.env.AWS_ENDPOINT_URL_SOCIALMESSAGING || undefined,
    configTable: process.env.WABA_CONFIG_TABLE || undefined,
    awsEndpoint: process.env.WABA_AWS_ENDPOINT || undefined,
  };
}

/** Applies stack config; values missing there fall back to the environment. */
export function configure(get: ConfigGetter): void {
  const env = fromEnv();
  settings = {
    region: get("aws:region") || env.region,
    eumEndpoint: get("waba:eumEndpoint") || env.eumEndpoint,
    configTable: get("waba:configTable") || env.configTable,
    awsEndpoint: get("waba:awsEndpoint") || env.awsEndpoint,
  };
  eum = undefined;
  ddb = undefined;
}

/** Sets settings directly (tests). */
export function setSettings(s: ProviderSettings): void {
  settings = s;
  eum = undefined;
  ddb = undefined;
}

/** Current settings (environment defaults until `configure` runs). */
export function currentSettings(): ProviderSettings {
  settings ??= fromEnv();
  return settings;
}

/** The process's EUM client, built once from the settings. */
export function eumClient(): SocialMessagingClient {
  const s = currentSettings();
  eum ??= createEumClient({ region: s.region, endpoint: s.eumEndpoint });
  return eum;
}

/**
 * The runtime config table and a document client for it, or undefined when no table is configured.
 * `table` (a resource input, e.g. the runtime component's table) wins over stack config `waba:configTable`.
 */
export function configStore(table?: string): { db: DynamoDBDocumentClient; table: string } | undefined {
  const s = currentSettings();
  const name = table || s.configTable;
  if (!name) return undefined;
  ddb ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: s.region, maxAttempts: 3, ...(s.awsEndpoint ? { endpoint: s.awsEndpoint } : {}) }),
  );
  return { db: ddb, table: name };
}

/** Provider messages go to stderr, which the Pulumi CLI shows with the resource's diagnostics. */
export function warn(message: string): void {
  console.error(`warning: ${message}`);
}

/** The Pulumi unknown-value sentinel seen in check/diff during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when the value holds the unknown sentinel anywhere. */
export function hasUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (v !== null && typeof v === "object") return Object.values(v).some(hasUnknown);
  return false;
}

/** A JSON round trip: no undefined, Dates as strings, what protobuf Struct accepts. */
export function jsonClean<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
