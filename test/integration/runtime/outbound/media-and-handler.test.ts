/** Media out from S3 (cache, expiry, limits), enqueue-time template refusal, and the Lambda entry wired from env. */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateWhatsAppMessageTemplateCommand } from "@aws-sdk/client-socialmessaging";
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { Context } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { putConfigItem } from "../../../../src/runtime/config-store.ts";
import { imageMessage, textMessage } from "../../../../src/runtime/messages/basic.ts";
import { typedTemplateMessage } from "../../../../src/runtime/messages/typed-template.ts";
import { createSenderFromEnv } from "../../../../src/runtime/outbound/handler.ts";
import { toSqsEvent } from "../../../../src/runtime/outbound/local-poller.ts";
import { MediaCache, MediaRejectedError } from "../../../../src/runtime/outbound/media.ts";
import { createSqsOutbound, TemplateNotApprovedError } from "../../../../src/runtime/outbound/queue.ts";
import { createPipeline, type Harness, MOTO, openWindow, PHONE, startHarness, WABA } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(() => h.emu.admin.reset());

const DAY = 86_400_000;

describe("MediaCache", () => {
  it("uploads an S3 object once per phone and version, and again after the 30-day expiry", async () => {
    // Prepare
    const p = await createPipeline(h);
    await h.s3.send(
      new PutObjectCommand({
        Bucket: h.bucket,
        Key: "m/promo.jpg",
        Body: Buffer.from("jpeg bytes"),
        ContentType: "image/jpeg",
      }),
    );
    let now = Date.now();
    const cache = new MediaCache({ s3: h.s3, eum: h.eum, ddb: h.ddb, table: p.table, now: () => now });
    const again = new MediaCache({ s3: h.s3, eum: h.eum, ddb: h.ddb, table: p.table, now: () => now });
    // Act
    const first = await cache.mediaIdFor(PHONE, "image", h.bucket, "m/promo.jpg");
    const cached = await again.mediaIdFor(PHONE, "image", h.bucket, "m/promo.jpg");
    now += 29.5 * DAY;
    h.emu.admin.advanceClock(29.5 * DAY);
    const renewed = await cache.mediaIdFor(PHONE, "image", h.bucket, "m/promo.jpg");
    // Assess: the second instance read the id from DynamoDB; inside the 1-day margin the id is replaced.
    expect(cached).toBe(first);
    expect(again.uploads).toBe(0);
    expect(renewed).not.toBe(first);
    expect(cache.uploads).toBe(2);
    expect(h.emu.admin.callCounts()["PostWhatsAppMessageMedia"]).toBe(2);
  });

  it("refuses objects over the kind's size or of the wrong type, before uploading", async () => {
    const p = await createPipeline(h);
    await h.s3.send(
      new PutObjectCommand({
        Bucket: h.bucket,
        Key: "m/big.webp",
        Body: Buffer.alloc(600 * 1024),
        ContentType: "image/webp",
      }),
    );
    await expect(p.media.mediaIdFor(PHONE, "sticker", h.bucket, "m/big.webp")).rejects.toThrow(
      "m/big.webp: 614400 bytes is over the sticker limit of 512000 bytes",
    );
    await expect(p.media.mediaIdFor(PHONE, "image", h.bucket, "m/big.webp")).rejects.toThrow(MediaRejectedError);
    await expect(p.media.mediaIdFor(PHONE, "image", h.bucket, "m/missing.png")).rejects.toThrow(
      `s3://${h.bucket}/m/missing.png does not exist`,
    );
    expect(h.emu.admin.callCounts()["PostWhatsAppMessageMedia"] ?? 0).toBe(0);
  });
});

describe("createSqsOutbound with the config store", () => {
  it("refuses to enqueue a template the store does not know as APPROVED", async () => {
    // Prepare
    const p = await createPipeline(h);
    const outbound = createSqsOutbound({ queueUrl: p.queueUrl, sqs: h.sqs, templates: p.templates });
    await putConfigItem(h.ddb, p.configTable, "TemplateStatus", "login_otp:en_US", {
      name: "login_otp",
      language: "en_US",
      status: "PENDING",
      category: "AUTHENTICATION",
    });
    const message = typedTemplateMessage({ name: "login_otp", language: "en_US", code: "123456" });
    // Act
    const refused = outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: "5215500000077",
      message,
      idempotencyKey: "otp:1",
    });
    // Assess
    await expect(refused).rejects.toThrow(TemplateNotApprovedError);
    await expect(refused).rejects.toThrow("template login_otp (en_US) is PENDING, not APPROVED; refusing to send");
    const left = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: p.queueUrl }));
    expect(left.Messages ?? []).toEqual([]);
  });
});

describe("Lambda entry", () => {
  it("builds the sender from its environment and sends an approved template and an S3 image", async () => {
    // Prepare
    const p = await createPipeline(h);
    await h.eum.send(
      new CreateWhatsAppMessageTemplateCommand({
        id: WABA,
        templateDefinition: new TextEncoder().encode(
          JSON.stringify({
            name: "login_otp",
            language: "es_MX",
            category: "AUTHENTICATION",
            components: [
              { type: "BODY", add_security_recommendation: true },
              { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE" }] },
            ],
          }),
        ),
      }),
    );
    await p.approve("login_otp", "es_MX", "AUTHENTICATION");
    await h.s3.send(
      new PutObjectCommand({
        Bucket: h.bucket,
        Key: "m/receipt.png",
        Body: Buffer.from("png"),
        ContentType: "image/png",
      }),
    );
    const user = "5215500000088";
    openWindow(h, user);
    const sender = createSenderFromEnv({
      SEND_QUEUE_URL: p.queueUrl,
      OUTBOUND_TABLE: p.table,
      DEAD_LETTER_QUEUE_URL: p.dlqUrl,
      CONFIG_TABLE: p.configTable,
      EUM_ENDPOINT: h.emu.url,
      AWS_ENDPOINT_URL: MOTO,
      AWS_REGION: "us-east-1",
      POWERTOOLS_LOG_LEVEL: "ERROR",
    });
    await p.outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: user,
      message: typedTemplateMessage({ name: "login_otp", language: "es_MX", code: "777111" }),
      idempotencyKey: "env:1",
    });
    await p.outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: user,
      message: imageMessage({ s3: { bucket: h.bucket, key: "m/receipt.png" } }),
      idempotencyKey: "env:2",
    });
    await p.outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: user,
      message: textMessage("done"),
      idempotencyKey: "env:3",
    });
    const got = await h.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: p.queueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ["All"],
      }),
    );
    // Act
    const res = await sender.handler(toSqsEvent(got.Messages ?? []), {
      functionName: "sender",
      awsRequestId: "r1",
    } as Context);
    // Assess
    expect(res.batchItemFailures).toEqual([]);
    expect(h.emu.admin.sentMessages({ to: user }).map((s) => s.message["type"])).toEqual(["template", "image", "text"]);
  });

  it("fails fast with every bad variable named", () => {
    expect(() => createSenderFromEnv({ OUTBOUND_TABLE: "t", PHONE_RATE_MPS: "0" })).toThrow(
      /SEND_QUEUE_URL[\s\S]*DEAD_LETTER_QUEUE_URL[\s\S]*PHONE_RATE_MPS/,
    );
  });
});
