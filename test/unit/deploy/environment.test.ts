/**
 * Contract between the component and the handlers: the environment WhatsAppRuntime sets parses with each handler's
 * own zod schema to the intended values, and the tables it creates use the keys the handlers' table modules declare.
 */
import { describe, expect, it } from "vitest";
import { resolveRuntimeArgs } from "../../../src/pulumi/runtime/args.ts";
import {
  ingestEnvironment,
  type RuntimeNames,
  senderEnvironment,
  TABLE_SPECS,
} from "../../../src/pulumi/runtime/environment.ts";
import { ingestEnvSchema } from "../../../src/runtime/inbound/handler.ts";
import { inboundTableDefinition } from "../../../src/runtime/inbound/tables.ts";
import { senderEnvSchema } from "../../../src/runtime/outbound/handler.ts";
import { outboundTableDefinition } from "../../../src/runtime/outbound/tables.ts";

const HEX = "0123456789abcdef0123456789abcdef";
const settings = resolveRuntimeArgs({
  environment: "prod",
  region: "eu-west-1",
  accountId: "222222222222",
  wabas: [
    {
      wabaArn: `arn:aws:social-messaging:eu-west-1:222222222222:waba/${HEX}`,
      phoneNumberArns: [`arn:aws:social-messaging:eu-west-1:222222222222:phone-number-id/${HEX}`],
    },
  ],
  bundles: { ingest: "i", sender: "s" },
  senderRatePerPhone: 300,
  senderConcurrency: 3,
  metaApiVersion: "v21.0",
});
const q = (n: string) => `https://sqs.eu-west-1.amazonaws.com/222222222222/${n}`;
const names: RuntimeNames = {
  ingestQueueUrl: q("waba-prod-ingest"),
  ingestDlqUrl: q("waba-prod-ingest-dlq"),
  sendQueueUrl: q("waba-prod-send.fifo"),
  sendDlqUrl: q("waba-prod-send-dlq.fifo"),
  tables: {
    idempotency: "waba-prod-idempotency",
    conversations: "waba-prod-conversations",
    outbound: "waba-prod-outbound",
    orders: "waba-prod-orders",
    config: "waba-prod-config",
  },
  mediaBucket: "waba-prod-media-abc",
};

describe("handler environments", () => {
  it("parses with the sender's schema to the component's settings", () => {
    // Act
    const env = senderEnvSchema.parse(senderEnvironment(settings, names));
    // Assess
    expect(env).toMatchObject({
      SEND_QUEUE_URL: names.sendQueueUrl,
      DEAD_LETTER_QUEUE_URL: names.sendDlqUrl,
      OUTBOUND_TABLE: "waba-prod-outbound",
      CONFIG_TABLE: "waba-prod-config",
      META_API_VERSION: "v21.0",
      PHONE_RATE_MPS: 300,
      SENDER_CONCURRENCY: 3,
      MEDIA_ENABLED: "true",
    });
  });

  it("parses with the ingest handler's schema to the component's resources", () => {
    // Act
    const env = ingestEnvSchema.parse(ingestEnvironment(settings, names));
    // Assess
    expect(env).toMatchObject({
      INBOUND_TABLE: "waba-prod-idempotency",
      CONVERSATIONS_TABLE: "waba-prod-conversations",
      ORDERS_TABLE: "waba-prod-orders",
      CONFIG_TABLE: "waba-prod-config",
      OUTBOUND_TABLE: "waba-prod-outbound",
      SEND_QUEUE_URL: names.sendQueueUrl,
      DEAD_LETTER_QUEUE_URL: names.ingestDlqUrl,
      OUTBOUND_DEAD_LETTER_QUEUE_URL: names.sendDlqUrl,
      MEDIA_BUCKET: "waba-prod-media-abc",
      MEDIA_PREFIX: "inbound/",
      METRICS_NAMESPACE: "WabaRuntime",
    });
  });

  it("sets only strings (Lambda environment values are strings)", () => {
    for (const env of [senderEnvironment(settings, names), ingestEnvironment(settings, names)]) {
      for (const [k, v] of Object.entries(env)) expect(typeof v, k).toBe("string");
    }
  });
});

describe("table key schemas", () => {
  it("match the handlers' own table definitions", () => {
    // Prepare
    const hashOf = (d: ReturnType<typeof outboundTableDefinition>) =>
      d.KeySchema?.find((k) => k.KeyType === "HASH")?.AttributeName;
    // Assess
    expect(TABLE_SPECS.outbound.hashKey).toBe(hashOf(outboundTableDefinition("t")));
    for (const t of ["idempotency", "conversations", "orders"] as const) {
      expect(TABLE_SPECS[t].hashKey).toBe(hashOf(inboundTableDefinition("t")));
      expect(TABLE_SPECS[t].ttlAttribute).toBe("ttl");
    }
    // The config store's key (src/runtime/config-store.ts): `pk`, no TTL.
    expect(TABLE_SPECS.config).toEqual({ hashKey: "pk" });
  });
});
