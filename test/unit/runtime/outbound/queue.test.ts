import { describe, expect, it } from "vitest";
import { textMessage } from "../../../../src/runtime/messages/basic.ts";
import type { MessageValidationError } from "../../../../src/runtime/messages/errors.ts";
import { checkMediaLimits, MediaRejectedError } from "../../../../src/runtime/outbound/media.ts";
import {
  checkOutboundRequest,
  deduplicationId,
  messageGroupId,
  queuedSendSchema,
} from "../../../../src/runtime/outbound/queue.ts";
import { createMemoryOutboundStore } from "../../../../src/runtime/outbound/store.ts";

const PHONE = "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

describe("FIFO ids", () => {
  it("groups by phone and normalised recipient, and hashes what SQS would refuse", () => {
    expect(messageGroupId(PHONE, "+5215500000001")).toBe(`${PHONE}#5215500000001`);
    expect(messageGroupId(`arn:aws:social-messaging:us-east-1:1:${PHONE}`, "5215500000001")).toBe(
      `arn:aws:social-messaging:us-east-1:1:${PHONE}#5215500000001`.split("/").pop(),
    );
    expect(messageGroupId(PHONE, `US.${"1".repeat(120)}`)).toMatch(/^[0-9a-f]{64}$/);
    expect(deduplicationId("reply:wamid.x:1")).toMatch(/^[0-9a-f]{64}$/);
    expect(deduplicationId("a")).not.toBe(deduplicationId("b"));
  });
});

describe("checkOutboundRequest", () => {
  it("names every missing field", () => {
    const err = (() => {
      try {
        checkOutboundRequest({ originationPhoneNumberId: "", to: "5215500000001", message: {}, idempotencyKey: "" });
      } catch (e) {
        return e as MessageValidationError;
      }
      throw new Error("expected a failure");
    })();
    expect(err.issues).toEqual([
      { path: "originationPhoneNumberId", message: "is required" },
      { path: "idempotencyKey", message: "is required" },
      { path: "message.type", message: "is required (build messages with src/runtime/messages)" },
    ]);
  });

  it("accepts a built message and parses back through the queue schema", () => {
    const req = {
      originationPhoneNumberId: PHONE,
      to: "5215500000001",
      message: textMessage("hi"),
      idempotencyKey: "k",
    };
    expect(() => checkOutboundRequest(req)).not.toThrow();
    expect(queuedSendSchema.parse({ v: 1, request: req, enqueuedAt: 1 }).request.to).toBe("5215500000001");
    expect(queuedSendSchema.safeParse({ v: 2, request: req, enqueuedAt: 1 }).success).toBe(false);
  });
});

describe("checkMediaLimits", () => {
  it.each([
    ["image", "a.png", "image/png", 5 * 1024 * 1024, undefined],
    ["image", "a.png", "image/png", 5 * 1024 * 1024 + 1, "over the image limit"],
    ["sticker", "a.webp", "application/octet-stream", 100, undefined],
    ["image", "a.gif", "image/gif", 10, 'type "image/gif" cannot be sent as image'],
    ["video", "a.mp4", undefined, 10, undefined],
  ] as const)("%s %s %s %i", (kind, key, ct, size, problem) => {
    if (problem === undefined) expect(() => checkMediaLimits(kind, key, ct, size)).not.toThrow();
    else expect(() => checkMediaLimits(kind, key, ct, size)).toThrow(MediaRejectedError);
    if (problem !== undefined) expect(() => checkMediaLimits(kind, key, ct, size)).toThrow(problem);
  });
});

describe("memory outbound store", () => {
  it("claims once, holds a lease, and drops a key once sent", async () => {
    const s = createMemoryOutboundStore();
    expect(await s.claim("k", 0, 1000)).toEqual({ claimed: true, failures: 0 });
    expect(await s.claim("k", 10, 1000)).toEqual({ claimed: false, done: false, busyForMs: 990 });
    expect(await s.release("k", 1, false)).toBe(1);
    expect(await s.claim("k", 20, 1000)).toEqual({ claimed: true, failures: 1 });
    await s.recordSent(
      "k",
      "wamid.1",
      { originationPhoneNumberId: PHONE, to: "1234567", message: textMessage("x"), idempotencyKey: "k" },
      0,
      30,
    );
    expect(await s.claim("k", 5000, 1000)).toEqual({ claimed: false, done: true });
    expect((await s.findByWamid("wamid.1"))?.idempotencyKey).toBe("k");
  });
});
