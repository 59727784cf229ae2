import { afterEach, describe, expect, it, vi } from "vitest";
import { createIngestFromEnv, ingestEnvSchema, powertoolsMetrics } from "../../../../src/runtime/inbound/handler.ts";
import { EnvError, parseEnv } from "../../../../src/runtime/shared/env.ts";

describe("ingest handler environment", () => {
  it("names every missing or bad variable", () => {
    // Act
    let err: unknown;
    try {
      createIngestFromEnv({ INBOUND_TABLE: "inbound", DEAD_LETTER_QUEUE_URL: "not a url" });
    } catch (e) {
      err = e;
    }
    // Assess
    expect(err).toBeInstanceOf(EnvError);
    const issues = (err as EnvError).issues.join("\n");
    for (const v of ["CONVERSATIONS_TABLE", "ORDERS_TABLE", "CONFIG_TABLE", "SEND_QUEUE_URL"])
      expect(issues).toContain(`${v}:`);
    expect(issues).toMatch(/DEAD_LETTER_QUEUE_URL: .*\(got "not a url"\)/);
  });

  it("applies defaults", () => {
    const e = parseEnv(ingestEnvSchema, {
      INBOUND_TABLE: "inbound",
      CONVERSATIONS_TABLE: "conv",
      ORDERS_TABLE: "orders",
      CONFIG_TABLE: "config",
      DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/1/dlq",
      SEND_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/1/send.fifo",
    });
    expect(e).toMatchObject({
      MEDIA_PREFIX: "inbound/",
      CONFIG_CACHE_MS: 30_000,
      POISON_AFTER_RECEIVES: 3,
      METRICS_NAMESPACE: "waba",
    });
  });
});

describe("powertoolsMetrics", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one EMF line per metric and dimension set per flush, with the summed count", () => {
    // Prepare: Powertools writes EMF lines to stdout through its own Console.
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      if (String(s).includes('"_aws"')) lines.push(String(s));
      return true;
    });
    const m = powertoolsMetrics("waba-test");
    // Act
    m.count("Messages", { type: "text" });
    m.count("Messages", { type: "text" });
    m.count("Messages", { type: "image" });
    m.flush();
    m.flush();
    // Assess
    const emf = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(emf.map((e) => [e["type"], e["Messages"]])).toEqual([
      ["text", 2],
      ["image", 1],
    ]);
  });
});
