/** SendWhatsAppMessage, inbound injection, status events and media, through the real SDK clients (EUM + S3 on moto). */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  CreateWhatsAppMessageTemplateMediaCommand,
  DeleteWhatsAppMessageMediaCommand,
  GetWhatsAppMessageMediaCommand,
  PostWhatsAppMessageMediaCommand,
  SendWhatsAppMessageCommand,
  type SocialMessagingClient,
} from "@aws-sdk/client-socialmessaging";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type PublishedEvent, type RunningEmulator, startEmulator } from "../../../src/emulator/index.ts";
import { enc, eumClient, failure, PHONE, PHONE_ARN, PHONE_MX, WABA } from "./client.ts";

const MOTO = process.env.MOTO_URL as string;
const BUCKET = "emulator-media-test";
let emu: RunningEmulator;
let eum: SocialMessagingClient;
let s3: S3Client;
let events: PublishedEvent[] = [];

beforeAll(async () => {
  emu = await startEmulator({ awsEndpoint: MOTO });
  emu.onEvent((e) => events.push(e));
  eum = eumClient(emu.url);
  s3 = new S3Client({ endpoint: MOTO, region: "us-east-1", forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET })).catch(() => undefined);
});
afterAll(async () => {
  eum.destroy();
  s3.destroy();
  await emu.stop();
});
beforeEach(() => {
  emu.admin.reset();
  events = [];
});

type Entry = { id: string; changes: { field: string; value: Record<string, unknown> }[] };
const entry = (e: PublishedEvent): Entry => JSON.parse(e.envelope.whatsAppWebhookEntry) as Entry;
const statuses = (wamid: string): Record<string, unknown>[] =>
  events
    .flatMap((e) => entry(e).changes)
    .flatMap((c) => (c.value.statuses as Record<string, unknown>[] | undefined) ?? [])
    .filter((s) => s.id === wamid);
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const send = (message: unknown, phone = PHONE) =>
  eum.send(
    new SendWhatsAppMessageCommand({ originationPhoneNumberId: phone, message: enc(message), metaApiVersion: "v20.0" }),
  );

describe("SendWhatsAppMessage", () => {
  it("fails free-form text outside the 24 h window with 131047, delivers it inside", async () => {
    const out = await send({ messaging_product: "whatsapp", to: "5215500000001", type: "text", text: { body: "hi" } });
    expect(out.messageId).toMatch(/^wamid\./);
    await tick();
    const failed = statuses(out.messageId as string);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: "failed", recipient_id: "5215500000001" });
    expect((failed[0]?.errors as { code: number }[] | undefined)?.[0]?.code).toBe(131047);

    const inbound = emu.admin.injectInboundMessage({
      from: "5215500000001",
      to: PHONE_ARN,
      message: { type: "text", text: { body: "hola" } },
      contactName: "Ana",
    });
    expect(inbound.wamid).toMatch(/^wamid\./);
    const ok = await send({ messaging_product: "whatsapp", to: "+5215500000001", type: "text", text: { body: "hi" } });
    await tick();
    expect(statuses(ok.messageId as string).map((s) => s.status)).toEqual(["sent", "delivered", "read"]);
    expect(emu.admin.sentMessages({ to: "5215500000001" }).map((m) => m.wamid)).toEqual([out.messageId, ok.messageId]);
  });

  it("publishes EUM envelopes with Meta ids, ARNs, account id and nanosecond timestamps", async () => {
    emu.admin.injectInboundMessage({
      from: "919800000001",
      to: PHONE,
      message: { type: "interactive", interactive: { type: "button_reply", button_reply: { id: "b1", title: "Yes" } } },
    });
    const ev = events[0] as PublishedEvent;
    expect(ev.wabaId).toBe(WABA);
    expect(ev.envelope.context).toEqual({
      MetaWabaIds: [
        {
          wabaId: "310000000000001",
          arn: "arn:aws:social-messaging:us-east-1:111122223333:waba/0123456789abcdef0123456789abcdef",
        },
      ],
      MetaPhoneNumberIds: [{ metaPhoneNumberId: "420000000000001", arn: PHONE_ARN }],
    });
    expect(ev.envelope.aws_account_id).toBe("111122223333");
    expect(ev.envelope.message_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    const e = entry(ev);
    expect(e.id).toBe("310000000000001");
    expect(e.changes[0]?.field).toBe("messages");
    const value = e.changes[0]?.value as { metadata: unknown; contacts: unknown; messages: Record<string, unknown>[] };
    expect(value.metadata).toEqual({ display_phone_number: "919876500001", phone_number_id: "420000000000001" });
    expect(value.contacts).toEqual([{ profile: { name: "Test User" }, wa_id: "919800000001" }]);
    expect(value.messages[0]).toMatchObject({ from: "919800000001", type: "interactive" });
    expect(value.messages[0]?.timestamp).toMatch(/^\d+$/);
  });

  it("injects every inbound type: list/nfm replies, location, order, reaction, referral, media", async () => {
    const media = emu.admin.uploadInboundMedia({
      phoneNumberId: PHONE,
      mimeType: "image/jpeg",
      data: Buffer.from("jpeg-bytes"),
    });
    const messages = [
      {
        type: "interactive",
        interactive: { type: "list_reply", list_reply: { id: "r1", title: "Row", description: "d" } },
      },
      {
        type: "interactive",
        interactive: {
          type: "nfm_reply",
          nfm_reply: { name: "flow", body: "Sent", response_json: '{"flow_token":"t"}' },
        },
      },
      { type: "location", location: { latitude: 19.4, longitude: -99.1, name: "CDMX" } },
      {
        type: "order",
        order: {
          catalog_id: "c1",
          product_items: [{ product_retailer_id: "sku1", quantity: 1, item_price: 10, currency: "INR" }],
        },
      },
      { type: "reaction", reaction: { message_id: "wamid.X", emoji: "👍" } },
      {
        type: "text",
        text: { body: "from an ad" },
        referral: { source_type: "ad", source_id: "1", source_url: "https://fb.me/x", ctwa_clid: "c" },
      },
      { type: "image", image: { id: media.mediaId, caption: "look" } },
    ];
    for (const message of messages) emu.admin.injectInboundMessage({ from: "919800000002", to: PHONE, message });
    const got = events.map((e) => (entry(e).changes[0]?.value.messages as Record<string, unknown>[] | undefined)?.[0]);
    expect(got.map((m) => m?.type)).toEqual([
      "interactive",
      "interactive",
      "location",
      "order",
      "reaction",
      "text",
      "image",
    ]);
    expect(got[6]?.image).toEqual({
      id: media.mediaId,
      caption: "look",
      mime_type: "image/jpeg",
      sha256: media.sha256,
    });
    expect(got[5]?.referral).toMatchObject({ source_type: "ad", ctwa_clid: "c" });
    const meta = await eum.send(
      new GetWhatsAppMessageMediaCommand({
        mediaId: media.mediaId,
        originationPhoneNumberId: PHONE,
        metadataOnly: true,
      }),
    );
    expect(meta).toMatchObject({ mimeType: "image/jpeg", fileSize: 1 });
  });

  it("checks template sends: approved template ok, unknown → 132001, wrong parameter count → 132000", async () => {
    const ok = await send({
      messaging_product: "whatsapp",
      to: "5215500000009",
      type: "template",
      template: { name: "hello_world", language: { code: "en_US" } },
    });
    const missing = await send({
      messaging_product: "whatsapp",
      to: "5215500000009",
      type: "template",
      template: { name: "nope", language: { code: "en_US" } },
    });
    const wrongLang = await send({
      messaging_product: "whatsapp",
      to: "5215500000009",
      type: "template",
      template: { name: "hello_world", language: { code: "es_MX" } },
    });
    const params = await send({
      messaging_product: "whatsapp",
      to: "5215500000009",
      type: "template",
      template: {
        name: "hello_world",
        language: { code: "en_US" },
        components: [{ type: "body", parameters: [{ type: "text", text: "x" }] }],
      },
    });
    emu.admin.setTemplateStatus({ wabaId: WABA, name: "hello_world", language: "en_US", status: "PAUSED" });
    const paused = await send({
      messaging_product: "whatsapp",
      to: "5215500000009",
      type: "template",
      template: { name: "hello_world", language: { code: "en_US" } },
    });
    await tick();
    expect(statuses(ok.messageId as string).map((s) => s.status)).toEqual(["sent", "delivered", "read"]);
    expect(statuses(ok.messageId as string)[0]?.pricing).toMatchObject({ category: "utility", pricing_model: "PMP" });
    const code = (id: string | undefined) =>
      (statuses(id as string)[0]?.errors as { code: number }[] | undefined)?.[0]?.code;
    expect(code(missing.messageId)).toBe(132001);
    expect(code(wrongLang.messageId)).toBe(132001);
    expect(code(params.messageId)).toBe(132000);
    expect(code(paused.messageId)).toBe(132015);
  });

  it("reports injected Meta delivery failures and echoes biz_opaque_callback_data", async () => {
    emu.admin.injectDeliveryFailure({ code: 131056, to: "5215500000010" });
    const tpl = { name: "hello_world", language: { code: "en_US" } };
    const other = await send({ messaging_product: "whatsapp", to: "5215500000011", type: "template", template: tpl });
    const paced = await send({
      messaging_product: "whatsapp",
      to: "5215500000010",
      type: "template",
      template: tpl,
      biz_opaque_callback_data: "order-42",
    });
    const again = await send({ messaging_product: "whatsapp", to: "5215500000010", type: "template", template: tpl });
    await tick();
    expect(statuses(other.messageId as string).map((s) => s.status)).toEqual(["sent", "delivered", "read"]);
    const failed = statuses(paced.messageId as string);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: "failed", biz_opaque_callback_data: "order-42" });
    expect((failed[0]?.errors as { code: number; title: string }[] | undefined)?.[0]).toMatchObject({
      code: 131056,
      title: "(Business Account, Consumer Account) pair rate limit hit",
    });
    expect(statuses(again.messageId as string).map((s) => s.status)).toEqual(["sent", "delivered", "read"]);
  });

  const invalid: [string, unknown][] = [
    ["text over 4096 chars", { type: "text", text: { body: "x".repeat(4097) } }],
    [
      "4 reply buttons",
      {
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "b" },
          action: { buttons: [1, 2, 3, 4].map((n) => ({ type: "reply", reply: { id: `i${n}`, title: `t${n}` } })) },
        },
      },
    ],
    [
      "button title over 20",
      {
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "b" },
          action: { buttons: [{ type: "reply", reply: { id: "a", title: "x".repeat(21) } }] },
        },
      },
    ],
    [
      "11 list rows",
      {
        type: "interactive",
        interactive: {
          type: "list",
          body: { text: "b" },
          action: {
            button: "Menu",
            sections: [{ title: "s", rows: Array.from({ length: 11 }, (_, n) => ({ id: `r${n}`, title: "t" })) }],
          },
        },
      },
    ],
    ["image with id and link", { type: "image", image: { id: "1", link: "https://x/y.jpg" } }],
    ["unknown type", { type: "hologram", hologram: {} }],
    ["bad recipient", { type: "text", to: "abc", text: { body: "x" } }],
  ];
  it.each(invalid)("rejects an invalid Cloud API message: %s", async (_, partial) => {
    const err = await failure(() =>
      send({ messaging_product: "whatsapp", to: "5215500000001", ...(partial as object) }),
    );
    expect(err.name).toBe("InvalidParametersException");
    expect(err.message).toContain("Invalid parameter");
  });

  it("validates metaApiVersion, the phone id and the blob", async () => {
    const v = await failure(() =>
      eum.send(
        new SendWhatsAppMessageCommand({ originationPhoneNumberId: PHONE, message: enc({}), metaApiVersion: "v19.0" }),
      ),
    );
    expect(v.name).toBe("InvalidParametersException");
    const missing = await failure(() =>
      eum.send(new SendWhatsAppMessageCommand({ originationPhoneNumberId: PHONE, message: enc({}) } as never)),
    );
    expect(missing.name).toBe("ValidationException");
    const phone = await failure(() => send({}, "phone-number-id-ffffffffffffffffffffffffffffffff"));
    expect(phone.name).toBe("ResourceNotFoundException");
    const notJson = await failure(() => send("not json"));
    expect(notJson.name).toBe("InvalidParametersException");
  });
});

describe("media", () => {
  it("uploads from S3, sends by id from the same number only, copies to S3 with the <prefix><mediaId>.<ext> key, deletes", async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "out/photo.png",
        Body: Buffer.from("png-bytes"),
        ContentType: "image/png",
      }),
    );
    const up = await eum.send(
      new PostWhatsAppMessageMediaCommand({
        originationPhoneNumberId: PHONE,
        sourceS3File: { bucketName: BUCKET, key: "out/photo.png" },
      }),
    );
    expect(up.mediaId).toMatch(/^\d+$/);
    emu.admin.injectInboundMessage({
      from: "5215500000003",
      to: PHONE,
      message: { type: "text", text: { body: "hi" } },
    });
    await send({ messaging_product: "whatsapp", to: "5215500000003", type: "image", image: { id: up.mediaId } });
    const other = await failure(() =>
      send({ messaging_product: "whatsapp", to: "5215500000003", type: "image", image: { id: up.mediaId } }, PHONE_MX),
    );
    expect(other.message).toContain("131053");
    const got = await eum.send(
      new GetWhatsAppMessageMediaCommand({
        mediaId: up.mediaId as string,
        originationPhoneNumberId: PHONE,
        destinationS3File: { bucketName: BUCKET, key: "inbound/" },
      }),
    );
    expect(got.mimeType).toBe("image/png");
    const copy = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `inbound/${up.mediaId}.png` }));
    expect(Buffer.from(await copy.Body!.transformToByteArray()).toString()).toBe("png-bytes");
    const both = await failure(() =>
      eum.send(
        new GetWhatsAppMessageMediaCommand({
          mediaId: up.mediaId as string,
          originationPhoneNumberId: PHONE,
          destinationS3File: { bucketName: BUCKET, key: "a/" },
          destinationS3PresignedUrl: { url: `${MOTO}/${BUCKET}/x`, headers: {} },
        }),
      ),
    );
    expect(both.name).toBe("InvalidParametersException");
    const del = await eum.send(
      new DeleteWhatsAppMessageMediaCommand({ mediaId: up.mediaId as string, originationPhoneNumberId: PHONE }),
    );
    expect(del.success).toBe(true);
    const gone = await failure(() =>
      eum.send(
        new GetWhatsAppMessageMediaCommand({
          mediaId: up.mediaId as string,
          originationPhoneNumberId: PHONE,
          metadataOnly: true,
        }),
      ),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
  });

  it("uploads from a presigned URL, expires media after 30 days, and enforces type, size and source rules", async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "doc.pdf",
        Body: Buffer.from("%PDF-1.4"),
        ContentType: "application/pdf",
        ACL: "public-read",
      }),
    );
    // No presigner package is installed: a public-read object's path-style URL stands in for a presigned URL.
    const url = `${MOTO}/${BUCKET}/doc.pdf`;
    const up = await eum.send(
      new PostWhatsAppMessageMediaCommand({
        originationPhoneNumberId: PHONE,
        sourceS3PresignedUrl: { url, headers: { "Content-Type": "application/pdf" } },
      }),
    );
    const meta = await eum.send(
      new GetWhatsAppMessageMediaCommand({
        mediaId: up.mediaId as string,
        originationPhoneNumberId: PHONE,
        metadataOnly: true,
      }),
    );
    expect(meta.mimeType).toBe("application/pdf");
    emu.admin.advanceClock(31 * 24 * 3600_000);
    const expired = await failure(() =>
      eum.send(
        new GetWhatsAppMessageMediaCommand({
          mediaId: up.mediaId as string,
          originationPhoneNumberId: PHONE,
          metadataOnly: true,
        }),
      ),
    );
    expect(expired.name).toBe("ResourceNotFoundException");
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "anim.gif", Body: Buffer.from("GIF89a"), ContentType: "image/gif" }),
    );
    const gif = await failure(() =>
      eum.send(
        new PostWhatsAppMessageMediaCommand({
          originationPhoneNumberId: PHONE,
          sourceS3File: { bucketName: BUCKET, key: "anim.gif" },
        }),
      ),
    );
    expect(gif.message).toContain("unsupported media type image/gif");
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "big.jpg",
        Body: Buffer.alloc(5 * 1024 * 1024 + 1),
        ContentType: "image/jpeg",
      }),
    );
    const big = await failure(() =>
      eum.send(
        new PostWhatsAppMessageMediaCommand({
          originationPhoneNumberId: PHONE,
          sourceS3File: { bucketName: BUCKET, key: "big.jpg" },
        }),
      ),
    );
    expect(big.message).toContain("the limit for image/jpeg is 5242880 bytes");
    const none = await failure(() =>
      eum.send(new PostWhatsAppMessageMediaCommand({ originationPhoneNumberId: PHONE })),
    );
    expect(none.name).toBe("InvalidParametersException");
    const missing = await failure(() =>
      eum.send(
        new PostWhatsAppMessageMediaCommand({
          originationPhoneNumberId: PHONE,
          sourceS3File: { bucketName: BUCKET, key: "nope.png" },
        }),
      ),
    );
    expect(missing.name).toBe("InvalidParametersException");
    const badUrl = await failure(() =>
      eum.send(
        new PostWhatsAppMessageMediaCommand({
          originationPhoneNumberId: PHONE,
          sourceS3PresignedUrl: { url: "https://evil.example/x", headers: { "Content-Type": "image/png" } },
        }),
      ),
    );
    expect(badUrl.name).toBe("ValidationException");
  });

  it("turns an S3 object into a template header handle", async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "header.jpg", Body: Buffer.from("jpeg"), ContentType: "image/jpeg" }),
    );
    const r = await eum.send(
      new CreateWhatsAppMessageTemplateMediaCommand({
        id: WABA,
        sourceS3File: { bucketName: BUCKET, key: "header.jpg" },
      }),
    );
    expect(r.metaHeaderHandle).toMatch(/^4::/);
    const audio = await failure(() =>
      eum.send(
        new CreateWhatsAppMessageTemplateMediaCommand({
          id: WABA,
          sourceS3File: { bucketName: BUCKET, key: "nope.jpg" },
        }),
      ),
    );
    expect(audio.name).toBe("InvalidParametersException");
  });
});
