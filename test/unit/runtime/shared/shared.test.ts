import { describe, expect, it } from "vitest";
import { z } from "zod";
import { clientConfig } from "../../../../src/runtime/shared/aws.ts";
import { EnvError, parseEnv } from "../../../../src/runtime/shared/env.ts";
import { maskId, redact, redactText } from "../../../../src/runtime/shared/logger.ts";

describe("redaction", () => {
  it("masks phone numbers, user ids and message content, keeping ids and codes readable", () => {
    const out = redact({
      to: "5215500000001",
      idempotencyKey: "reply:wamid.HBg:1",
      message: { type: "text", text: { body: "Hola Ana, tu pedido" } },
      note: "user +5215500000001 (US.13491208655302741918) replied",
      error: "ThrottledRequestException",
    });
    expect(out).toEqual({
      to: "***001",
      idempotencyKey: "reply:wamid.HBg:1",
      message: { type: "text", text: "[redacted]" },
      note: "user ***001 (***918) replied",
      error: "ThrottledRequestException",
    });
    expect(redact({ caption: "secret photo" })).toEqual({ caption: "[redacted 12 chars]" });
    expect(maskId("12")).toBe("***");
    expect(redactText("no numbers here 123")).toBe("no numbers here 123");
  });
});

describe("parseEnv", () => {
  it("names every bad variable and its value", () => {
    const schema = z.object({ QUEUE_URL: z.string().url(), RATE: z.coerce.number().int().positive() });
    expect(() => parseEnv(schema, { RATE: "fast" })).toThrow(EnvError);
    try {
      parseEnv(schema, { RATE: "fast" });
    } catch (err) {
      expect((err as EnvError).issues.map((i) => i.split(":")[0])).toEqual(["QUEUE_URL", "RATE"]);
      expect((err as EnvError).issues[1]).toContain('(got "fast")');
    }
    expect(parseEnv(schema, { QUEUE_URL: "https://sqs.local/q", RATE: "80" })).toEqual({
      QUEUE_URL: "https://sqs.local/q",
      RATE: 80,
    });
  });
});

describe("clientConfig", () => {
  it("prefers the service-specific endpoint, uses EUM_ENDPOINT for socialmessaging, and path-style S3", () => {
    const env = {
      AWS_ENDPOINT_URL: "http://moto:5000",
      EUM_ENDPOINT: "http://emu:4010",
      AWS_ENDPOINT_URL_SQS: "http://sqs:1",
      AWS_REGION: "eu-west-1",
    };
    expect(clientConfig("socialmessaging", env)).toEqual({ region: "eu-west-1", endpoint: "http://emu:4010" });
    expect(clientConfig("sqs", env)).toEqual({ region: "eu-west-1", endpoint: "http://sqs:1" });
    expect(clientConfig("s3", env)).toEqual({
      region: "eu-west-1",
      endpoint: "http://moto:5000",
      forcePathStyle: true,
    });
    expect(clientConfig("dynamodb", {})).toEqual({ region: "us-east-1" });
  });
});
