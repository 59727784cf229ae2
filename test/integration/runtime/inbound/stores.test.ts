/** The DynamoDB stores against moto: the conditional claim lets exactly one of near-simultaneous copies through. */
import { randomUUID } from "node:crypto";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfigItem, updateConfigItem } from "../../../../src/runtime/config-store.ts";
import {
  DynamoIdempotencyStore,
  DynamoVersionedStore,
  updateVersioned,
} from "../../../../src/runtime/inbound/stores.ts";
import { inboundTableDefinition } from "../../../../src/runtime/inbound/tables.ts";

const ddb = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: process.env["MOTO_URL"] as string, region: "us-east-1", maxAttempts: 1 }),
);
const table = `inbound-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  await ddb.send(new CreateTableCommand(inboundTableDefinition(table)));
});
afterAll(() => ddb.destroy());

describe("DynamoIdempotencyStore", () => {
  it("grants one claim among 20 simultaneous copies, for each of 30 keys", async () => {
    const store = new DynamoIdempotencyStore(ddb, table);
    for (let k = 0; k < 30; k++) {
      const results = await Promise.all(Array.from({ length: 20 }, () => store.claim(`msg:k${k}`, Date.now(), 60_000)));
      expect(
        results.filter((r) => r === "claimed"),
        `key ${k}`,
      ).toHaveLength(1);
      expect(results.filter((r) => r === "in-progress")).toHaveLength(19);
    }
  });

  it("reports completed after complete, re-grants after release, and takes over an expired lease", async () => {
    const store = new DynamoIdempotencyStore(ddb, table);
    const now = Date.now();
    expect(await store.claim("a", now, 60_000)).toBe("claimed");
    await store.complete("a", now);
    expect(await store.claim("a", now, 60_000)).toBe("completed");
    expect(await store.claim("b", now, 60_000)).toBe("claimed");
    await store.release("b");
    expect(await store.claim("b", now, 60_000)).toBe("claimed");
    expect(await store.claim("c", now, 1_000)).toBe("claimed");
    expect(await store.claim("c", now + 500, 1_000)).toBe("in-progress");
    expect(await store.claim("c", now + 2_000, 1_000)).toBe("claimed");
  });
});

describe("DynamoVersionedStore", () => {
  it("loses no update among 10 concurrent read-modify-writes", async () => {
    const store = new DynamoVersionedStore<{ n: number }>(ddb, table);
    await Promise.all(
      Array.from({ length: 10 }, () =>
        updateVersioned(store, "counter", Date.now(), (cur) => ({
          value: { n: (cur?.n ?? 0) + 1 },
          result: undefined,
        })),
      ),
    );
    expect((await store.get("counter"))?.value).toEqual({ n: 10 });
  });
});

describe("updateConfigItem", () => {
  it("applies 10 concurrent read-modify-writes of one config item without losing any", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        updateConfigItem<Record<string, boolean>>(ddb, table, "TemplateStatus", "probe:en_US", (cur) => ({
          ...cur,
          [`f${i}`]: true,
        })),
      ),
    );
    const item = await getConfigItem<Record<string, boolean>>(ddb, table, "TemplateStatus", "probe:en_US");
    expect(Object.keys(item?.content ?? {}).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `f${i}`).sort());
    expect(item?.version).toBe(10);
  });
});
