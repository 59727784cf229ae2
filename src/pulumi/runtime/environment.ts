/**
 * What the component puts in each Lambda's environment, and the tables' key schemas. Pure functions of resolved
 * names, so the integration test starts each bundle with exactly the environment a deployment would set.
 */
import { INBOUND_TABLE_KEY, INBOUND_TABLE_TTL } from "../../runtime/inbound/tables.ts";
import { OUTBOUND_TABLE_KEY, OUTBOUND_TABLE_TTL } from "../../runtime/outbound/tables.ts";
import type { ResolvedRuntimeArgs } from "./args.ts";
import { MEDIA_PREFIX } from "./policies.ts";

/** The runtime's DynamoDB tables. */
export type RuntimeTable = "idempotency" | "conversations" | "outbound" | "orders" | "config";

/** Key schema of one table (string hash key, optional TTL attribute). */
export interface TableSpec {
  hashKey: string;
  ttlAttribute?: string;
}

/**
 * Key schemas, taken from the handlers' own table modules so deployment and code agree. `idempotency` is the inbound
 * module's `inbound` table (idempotency claims, orphan statuses, media records); `config` is the runtime config
 * store (`pk`, no TTL: declared documents live until the stack removes them).
 */
export const TABLE_SPECS: Record<RuntimeTable, TableSpec> = {
  idempotency: { hashKey: INBOUND_TABLE_KEY, ttlAttribute: INBOUND_TABLE_TTL },
  conversations: { hashKey: INBOUND_TABLE_KEY, ttlAttribute: INBOUND_TABLE_TTL },
  outbound: { hashKey: OUTBOUND_TABLE_KEY, ttlAttribute: OUTBOUND_TABLE_TTL },
  orders: { hashKey: INBOUND_TABLE_KEY, ttlAttribute: INBOUND_TABLE_TTL },
  config: { hashKey: "pk" },
};

/** Physical name of one runtime table: deterministic, so stack config (`waba:configTable`) can name it up front. */
export function runtimeTableName(environment: string, table: RuntimeTable): string {
  return `waba-${environment}-${table}`;
}

/** Physical names and URLs the handlers are configured with. */
export interface RuntimeNames {
  ingestQueueUrl: string;
  ingestDlqUrl: string;
  sendQueueUrl: string;
  sendDlqUrl: string;
  tables: Record<RuntimeTable, string>;
  mediaBucket: string;
}

/** CloudWatch namespace of the handlers' EMF metrics. */
export const METRICS_NAMESPACE = "WabaRuntime";

/** Powertools settings shared by the handlers. */
function powertools(r: ResolvedRuntimeArgs, service: string): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: service,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_METRICS_FUNCTION_NAME: service,
    LOG_LEVEL: r.logLevel,
    POWERTOOLS_LOG_LEVEL: r.logLevel,
    POWERTOOLS_DEV: "false",
    WABA_ENVIRONMENT: r.environment,
    NODE_OPTIONS: "--enable-source-maps",
  };
}

/** The sender's environment (see src/runtime/outbound/handler.ts `senderEnvSchema`). */
export function senderEnvironment(r: ResolvedRuntimeArgs, n: RuntimeNames): Record<string, string> {
  return {
    ...powertools(r, "waba-sender"),
    SEND_QUEUE_URL: n.sendQueueUrl,
    OUTBOUND_TABLE: n.tables.outbound,
    DEAD_LETTER_QUEUE_URL: n.sendDlqUrl,
    CONFIG_TABLE: n.tables.config,
    META_API_VERSION: r.metaApiVersion,
    PHONE_RATE_MPS: String(r.senderRatePerPhone),
    SENDER_CONCURRENCY: String(r.senderConcurrency),
    MEDIA_ENABLED: "true",
    MEDIA_BUCKET: n.mediaBucket,
    MEDIA_PREFIX: MEDIA_PREFIX.outbound,
  };
}

/** The ingest handler's environment (see src/runtime/inbound/handler.ts `ingestEnvSchema`). */
export function ingestEnvironment(r: ResolvedRuntimeArgs, n: RuntimeNames): Record<string, string> {
  return {
    ...powertools(r, "waba-ingest"),
    INBOUND_TABLE: n.tables.idempotency,
    CONVERSATIONS_TABLE: n.tables.conversations,
    ORDERS_TABLE: n.tables.orders,
    CONFIG_TABLE: n.tables.config,
    OUTBOUND_TABLE: n.tables.outbound,
    SEND_QUEUE_URL: n.sendQueueUrl,
    // Poison inbound records go to the ingest DLQ; unretryable sends found by the retry port to the send DLQ.
    DEAD_LETTER_QUEUE_URL: n.ingestDlqUrl,
    OUTBOUND_DEAD_LETTER_QUEUE_URL: n.sendDlqUrl,
    MEDIA_BUCKET: n.mediaBucket,
    MEDIA_PREFIX: MEDIA_PREFIX.inbound,
    METRICS_NAMESPACE: METRICS_NAMESPACE,
  };
}
