/**
 * Arguments of the WhatsAppRuntime component, their defaults and validation. Pure: no Pulumi, no AWS calls, so the
 * program and the tests check a stack's settings before anything is registered.
 */

/** One WABA of the environment and the phone numbers the runtime may send from. */
export interface WabaTargetArgs {
  /** `arn:aws:social-messaging:<region>:<account>:waba/<32 hex>`. */
  wabaArn: string;
  /** `arn:aws:social-messaging:<region>:<account>:phone-number-id/<32 hex>` of this WABA's numbers. */
  phoneNumberArns: string[];
}

/** Directories holding the esbuild output of each Lambda (`index.mjs` exporting `handler`). */
export interface RuntimeBundles {
  ingest: string;
  sender: string;
}

/** Log levels the handlers accept (Powertools). */
export type RuntimeLogLevel = "DEBUG" | "INFO" | "WARN" | "ERROR";

/** Inputs of `new WhatsAppRuntime(...)`. */
export interface WhatsAppRuntimeArgs {
  /** Environment (stack) name: `dev`, `prod`, …; part of every physical name. */
  environment: string;
  region: string;
  accountId: string;
  wabas: WabaTargetArgs[];
  bundles: RuntimeBundles;
  /** Messages per second per origination phone across all sender instances; default 80 (EUM's default MPS). */
  senderRatePerPhone?: number;
  /** Sender instances (reserved concurrency and event source maximum concurrency); default 2, the SQS minimum. */
  senderConcurrency?: number;
  /** Meta Cloud API version passed to SendWhatsAppMessage; default v20.0. */
  metaApiVersion?: string;
  logLevel?: RuntimeLogLevel;
  /** Lambda memory in MB; default 512. */
  memoryMb?: number;
  /** Days before media objects expire under `inbound/` and `outbound/`; defaults 30 and 30 (WhatsApp keeps media 30 days). */
  mediaRetentionDays?: { inbound?: number; outbound?: number };
  /** Encrypt the event topic with a customer managed KMS key EUM may use; default true. */
  encryptTopic?: boolean;
  /** Keep tables and the media bucket when the stack is destroyed, and turn on table deletion protection. */
  retainData?: boolean;
  /** CloudWatch log retention of the handlers in days; default 30. */
  logRetentionDays?: number;
  /** Alarm actions (e.g. an SNS topic ARN) notified when an alarm fires; default none. */
  alarmActions?: string[];
  /** Extra tags on every taggable resource. */
  tags?: Record<string, string>;
}

/** Settings with every default applied. */
export interface ResolvedRuntimeArgs {
  environment: string;
  region: string;
  accountId: string;
  partition: string;
  wabas: WabaTargetArgs[];
  bundles: RuntimeBundles;
  senderRatePerPhone: number;
  senderConcurrency: number;
  metaApiVersion: string;
  logLevel: RuntimeLogLevel;
  memoryMb: number;
  mediaRetentionDays: { inbound: number; outbound: number };
  encryptTopic: boolean;
  retainData: boolean;
  logRetentionDays: number;
  alarmActions: string[];
  tags: Record<string, string>;
  /** `waba-<environment>`: the prefix of every physical name. */
  namePrefix: string;
}

/** The component's arguments are invalid; `problems` names each field and what is wrong. */
export class RuntimeArgsError extends Error {
  readonly problems: string[];
  constructor(environment: string, problems: string[]) {
    super(`WhatsAppRuntime(${environment}): invalid arguments:\n  ${problems.join("\n  ")}`);
    this.name = "RuntimeArgsError";
    this.problems = problems;
  }
}

const WABA_ARN = /^arn:(aws[a-z-]*):social-messaging:([a-z0-9-]+):(\d{12}):waba\/([0-9a-f]{32})$/;
const PHONE_ARN = /^arn:(aws[a-z-]*):social-messaging:([a-z0-9-]+):(\d{12}):phone-number-id\/([0-9a-f]{32})$/;
/** CloudWatch Logs accepts only these retention values. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** The EUM WABA id (`waba-<hex>`) of a WABA ARN. */
export function wabaIdFromArn(arn: string): string {
  const m = WABA_ARN.exec(arn);
  if (m === null)
    throw new Error(`"${arn}" is not a WABA ARN (arn:aws:social-messaging:<region>:<account>:waba/<32 hex>)`);
  return `waba-${m[4]}`;
}

/** The WABA ARN of an EUM WABA id or ARN in `region`/`account`. */
export function toWabaArn(idOrArn: string, region: string, accountId: string, partition = "aws"): string {
  if (WABA_ARN.test(idOrArn)) return idOrArn;
  const m = /^waba-([0-9a-f]{32})$/.exec(idOrArn);
  if (m === null) throw new Error(`"${idOrArn}" is neither a WABA id (waba-<32 hex>) nor a WABA ARN`);
  return `arn:${partition}:social-messaging:${region}:${accountId}:waba/${m[1]}`;
}

/** The phone number ARN of an EUM phone number id or ARN in `region`/`account`. */
export function toPhoneNumberArn(idOrArn: string, region: string, accountId: string, partition = "aws"): string {
  if (PHONE_ARN.test(idOrArn)) return idOrArn;
  const m = /^phone-number-id-([0-9a-f]{32})$/.exec(idOrArn);
  if (m === null) {
    throw new Error(`"${idOrArn}" is neither a phone number id (phone-number-id-<32 hex>) nor a phone number ARN`);
  }
  return `arn:${partition}:social-messaging:${region}:${accountId}:phone-number-id/${m[1]}`;
}

function checkInt(problems: string[], field: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max)
    problems.push(`${field} is ${v}; it must be an integer from ${min} to ${max}`);
}

/** Applies defaults and validates; throws `RuntimeArgsError` listing every problem. */
export function resolveRuntimeArgs(a: WhatsAppRuntimeArgs): ResolvedRuntimeArgs {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(a.environment)) {
    problems.push(`environment "${a.environment}" must be 1-20 chars of a-z, 0-9 and "-", starting with a letter`);
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(a.region)) problems.push(`region "${a.region}" is not an AWS region`);
  if (!/^\d{12}$/.test(a.accountId)) problems.push(`accountId "${a.accountId}" is not a 12-digit AWS account id`);
  if (a.wabas.length === 0) problems.push("wabas is empty; the runtime needs at least one WABA of this environment");
  let partition = "aws";
  a.wabas.forEach((w, i) => {
    const m = WABA_ARN.exec(w.wabaArn);
    if (m === null) {
      problems.push(
        `wabas[${i}].wabaArn "${w.wabaArn}" is not a WABA ARN (arn:aws:social-messaging:<region>:<account>:waba/<32 hex>)`,
      );
    } else {
      partition = m[1] ?? "aws";
      if (m[2] !== a.region)
        problems.push(`wabas[${i}].wabaArn is in region ${m[2]}, not the environment's ${a.region}`);
      if (m[3] !== a.accountId)
        problems.push(`wabas[${i}].wabaArn is in account ${m[3]}, not the environment's ${a.accountId}`);
    }
    if (w.phoneNumberArns.length === 0)
      problems.push(`wabas[${i}].phoneNumberArns is empty; the sender needs a number to send from`);
    w.phoneNumberArns.forEach((p, j) => {
      const pm = PHONE_ARN.exec(p);
      if (pm === null) {
        problems.push(
          `wabas[${i}].phoneNumberArns[${j}] "${p}" is not a phone number ARN (…:phone-number-id/<32 hex>)`,
        );
      } else if (pm[2] !== a.region || pm[3] !== a.accountId) {
        problems.push(
          `wabas[${i}].phoneNumberArns[${j}] is in ${pm[2]}/${pm[3]}, not the environment's ${a.region}/${a.accountId}`,
        );
      }
    });
  });
  const r: ResolvedRuntimeArgs = {
    environment: a.environment,
    region: a.region,
    accountId: a.accountId,
    partition,
    wabas: a.wabas,
    bundles: a.bundles,
    senderRatePerPhone: a.senderRatePerPhone ?? 80,
    senderConcurrency: a.senderConcurrency ?? 2,
    metaApiVersion: a.metaApiVersion ?? "v20.0",
    logLevel: a.logLevel ?? "INFO",
    memoryMb: a.memoryMb ?? 512,
    mediaRetentionDays: {
      inbound: a.mediaRetentionDays?.inbound ?? 30,
      outbound: a.mediaRetentionDays?.outbound ?? 30,
    },
    encryptTopic: a.encryptTopic ?? true,
    retainData: a.retainData ?? false,
    logRetentionDays: a.logRetentionDays ?? 30,
    alarmActions: a.alarmActions ?? [],
    tags: a.tags ?? {},
    namePrefix: `waba-${a.environment}`,
  };
  checkInt(problems, "senderRatePerPhone", r.senderRatePerPhone, 1, 1000);
  // SQS event sources accept a maximum concurrency of 2 or more; the sender's pacing divides the rate by it.
  checkInt(problems, "senderConcurrency", r.senderConcurrency, 2, 1000);
  if (r.senderRatePerPhone < r.senderConcurrency) {
    problems.push(
      `senderRatePerPhone (${r.senderRatePerPhone}) is below senderConcurrency (${r.senderConcurrency}); each sender would get less than 1 msg/s`,
    );
  }
  if (!/^v\d+\.\d+$/.test(r.metaApiVersion)) problems.push(`metaApiVersion "${r.metaApiVersion}" must look like v20.0`);
  checkInt(problems, "memoryMb", r.memoryMb, 128, 10240);
  checkInt(problems, "mediaRetentionDays.inbound", r.mediaRetentionDays.inbound, 1, 3650);
  checkInt(problems, "mediaRetentionDays.outbound", r.mediaRetentionDays.outbound, 1, 3650);
  if (!LOG_RETENTION_DAYS.includes(r.logRetentionDays)) {
    problems.push(`logRetentionDays is ${r.logRetentionDays}; CloudWatch accepts ${LOG_RETENTION_DAYS.join(", ")}`);
  }
  for (const [k, v] of Object.entries(r.tags)) {
    if (k.length === 0 || k.length > 128 || k.startsWith("aws:"))
      problems.push(`tags key "${k}" must be 1-128 chars and not start with "aws:"`);
    if (v.length > 256) problems.push(`tags["${k}"] is ${v.length} chars; the limit is 256`);
  }
  if (problems.length > 0) throw new RuntimeArgsError(a.environment, problems);
  return r;
}
