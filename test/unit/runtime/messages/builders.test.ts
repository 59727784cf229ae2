import { describe, expect, it } from "vitest";
import * as m from "../../../../src/runtime/messages/index.ts";

/** Runs a builder expected to fail and returns its issues as `path: message` lines. */
function issues(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof m.MessageValidationError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error("expected a MessageValidationError");
}

describe("session message builders", () => {
  it("builds text with preview_url and rejects a body over 4096 chars", () => {
    expect(m.textMessage("hi https://x.io", { previewUrl: true })).toEqual({
      type: "text",
      text: { body: "hi https://x.io", preview_url: true },
    });
    expect(issues(() => m.textMessage("x".repeat(4097)))).toEqual([
      `text.body: "${"x".repeat(37)}..." is 4097 chars; the limit is 4096`,
    ]);
  });

  it("counts code points, not UTF-16 units", () => {
    expect(() => m.textMessage("😀".repeat(4096))).not.toThrow();
  });

  it("builds media by id, link or S3 object and enforces caption rules", () => {
    expect(m.imageMessage({ id: "123" }, "cap")).toEqual({ type: "image", image: { id: "123", caption: "cap" } });
    expect(m.documentMessage({ s3: { bucket: "b", key: "k.pdf" } }, { filename: "f.pdf" })).toEqual({
      type: "document",
      document: { s3: { bucket: "b", key: "k.pdf" }, filename: "f.pdf" },
    });
    expect(issues(() => m.mediaMessage("audio", { link: "https://x.io/a.ogg" }, { caption: "no" }))).toEqual([
      "audio.caption: audio messages take no caption",
    ]);
    expect(issues(() => m.imageMessage({ link: "ftp://x" }))).toEqual(['image.link: "ftp://x" must be an http(s) URL']);
    expect(issues(() => m.imageMessage({ id: "1", link: "https://x.io" } as never))).toEqual([
      "image: needs exactly one of id, link or s3 (got id, link)",
    ]);
  });

  it("checks location ranges, contact counts and reactions", () => {
    expect(issues(() => m.locationMessage({ latitude: 91, longitude: 0 }))).toEqual([
      "location.latitude: 91 is not within −90..90",
    ]);
    expect(issues(() => m.contactsMessage([]))).toEqual(["contacts: needs 1–257 contacts, got 0"]);
    expect(issues(() => m.contactsMessage([{ name: { formatted_name: "" } }]))).toEqual([
      "contacts[0].name.formatted_name: must not be empty",
    ]);
    expect(m.reactionMessage("wamid.1", "")).toEqual({
      type: "reaction",
      reaction: { message_id: "wamid.1", emoji: "" },
    });
    expect(issues(() => m.reactionMessage("wamid.1", "👍👍"))).toEqual([
      'reaction.emoji: "👍👍" must be a single emoji',
    ]);
  });

  it("adds reply context, but not to reactions, and builds read receipts with the typing indicator", () => {
    expect(m.withReplyContext(m.textMessage("a"), "wamid.9")).toMatchObject({ context: { message_id: "wamid.9" } });
    expect(issues(() => m.withReplyContext(m.reactionMessage("w", "👍"), "wamid.9"))).toEqual([
      "context: a reaction cannot be sent as a reply",
    ]);
    expect(m.typingIndicator("wamid.9")).toEqual({
      status: "read",
      message_id: "wamid.9",
      typing_indicator: { type: "text" },
    });
  });
});

describe("interactive builders", () => {
  it("reports every broken reply-button limit with its path and the shared rule code", () => {
    expect(
      issues(() =>
        m.replyButtonsMessage({
          body: "Pick",
          buttons: [
            { id: "a", title: "A title that is far too long" },
            { id: "a", title: "B" },
            { id: "c", title: "C" },
            { id: "d", title: "D" },
          ],
        }),
      ),
    ).toMatchInlineSnapshot(`
      [
        "interactive.action.buttons: 4 reply buttons; use 1 to 3 (a list message holds up to 10 rows) [interactive.button.count]",
        "interactive.action.buttons[0].reply.title: button title "A title that is far too long" is 28 chars; the limit is 20 [interactive.button.title.length]",
        "interactive.action.buttons[1].reply.id: button id "a" is used twice; ids must be unique [interactive.button.id.unique]",
      ]
    `);
  });

  it("rejects a header kind the message type does not allow", () => {
    expect(
      issues(() =>
        m.listMessage({
          body: "b",
          button: "Open",
          header: { image: { id: "1" } } as never,
          sections: [{ rows: [{ id: "1", title: "t" }] }],
        }),
      ),
    ).toEqual(["interactive.header: a image header is not allowed here; use text"]);
  });

  it("limits product lists to 30 products and section titles to 24 chars", () => {
    const ids = Array.from({ length: 31 }, (_, i) => `sku${i}`);
    expect(
      issues(() =>
        m.productListMessage({
          catalogId: "c",
          header: "H",
          body: "B",
          sections: [{ title: "x".repeat(25), productRetailerIds: ids }],
        }),
      ),
    ).toEqual([
      "interactive.action.sections: hold 31 products in total; allowed 1–30",
      `interactive.action.sections[0].title: "${"x".repeat(25)}" is 25 chars; the limit is 24`,
    ]);
  });

  it("builds a media carousel with S3 card headers and requires one action kind per card", () => {
    const msg = m.mediaCarouselMessage({
      body: "New",
      cards: [0, 1].map((i) => ({
        header: { image: { s3: { bucket: "b", key: `${i}.png` } } },
        quickReplies: [{ id: `q${i}`, title: "Yes" }],
      })),
    });
    expect((msg["interactive"] as { action: { cards: unknown[] } }).action.cards[1]).toEqual({
      card_index: 1,
      type: "button",
      header: { type: "image", image: { s3: { bucket: "b", key: "1.png" } } },
      action: { buttons: [{ type: "quick_reply", quick_reply: { id: "q1", title: "Yes" } }] },
    });
    expect(
      issues(() =>
        m.mediaCarouselMessage({ body: "x", cards: [0, 1].map(() => ({ header: { image: { id: "1" } } })) }),
      ),
    ).toContain("interactive.action.cards[0].action: needs exactly one of url or quickReplies");
  });

  it("checks order_status transitions through the shared payment rules", () => {
    expect(() => m.orderStatusMessage({ body: "x", referenceId: "r1", status: "shipped" })).not.toThrow();
    expect(
      issues(() =>
        m.orderStatusMessage({ body: "x", referenceId: "r1", status: "pending", previousStatus: "completed" }),
      ).join("\n"),
    ).toMatch(/completed/);
  });
});

describe("template builder", () => {
  it("builds named body parameters with parameter_name and a URL button suffix", () => {
    expect(
      m.templateMessage({
        name: "order_update",
        language: "es_MX",
        body: { order_id: "A-1" },
        buttons: [{ index: 0, type: "url", suffix: "A-1" }],
      }),
    ).toEqual({
      type: "template",
      template: {
        name: "order_update",
        language: { policy: "deterministic", code: "es_MX" },
        components: [
          { type: "body", parameters: [{ type: "text", parameter_name: "order_id", text: "A-1" }] },
          { type: "button", index: "0", sub_type: "url", parameters: [{ type: "text", text: "A-1" }] },
        ],
      },
    });
  });

  it("rejects send-time values Meta refuses: new lines, long codes, mixed styles, bad card counts", () => {
    expect(
      issues(() =>
        m.templateMessage({
          name: "t",
          language: "en_US",
          header: { text: { who: "x" } },
          body: ["a\nb"],
          buttons: [{ index: 0, type: "copy_code", code: "TOO-LONG-CODE-123" }],
          cards: [{ body: ["x"] }],
        }),
      ),
    ).toMatchInlineSnapshot(`
      [
        "template: header and body parameters must both be named or both positional",
        "template.body[0]: must not contain new lines, tabs or more than 4 consecutive spaces",
        "template.buttons[0].code: "TOO-LONG-CODE-123" is 17 chars; the limit is 15",
        "template.buttons[0].code: "TOO-LONG-CODE-123" must be letters and digits only",
        "template.cards: needs 2–10 cards, got 1",
      ]
    `);
  });

  it("puts an OTP in the body and the button, and an LTO expiry in its own component", () => {
    const otp = m.otpTemplateMessage({ name: "login", language: "en_US", code: "123456" }) as {
      template: { components: unknown[] };
    };
    expect(otp.template.components).toEqual([
      { type: "body", parameters: [{ type: "text", text: "123456" }] },
      { type: "button", index: "0", sub_type: "url", parameters: [{ type: "text", text: "123456" }] },
    ]);
    const lto = m.templateMessage({ name: "sale", language: "en_US", ltoExpirationMs: 1_800_000_000_000 }) as {
      template: { components: unknown[] };
    };
    expect(lto.template.components).toEqual([
      {
        type: "limited_time_offer",
        parameters: [{ type: "limited_time_offer", limited_time_offer: { expiration_time_ms: 1_800_000_000_000 } }],
      },
    ]);
  });
});

describe("envelope", () => {
  it("addresses phone numbers with to and business-scoped user ids with recipient", () => {
    expect(m.toCloudApiPayload("+5215500000001", m.textMessage("a"))).toMatchObject({
      messaging_product: "whatsapp",
      to: "5215500000001",
    });
    expect(m.toCloudApiPayload("US.13491208655302741918", m.textMessage("a"))).toMatchObject({
      recipient: "US.13491208655302741918",
    });
    expect(m.toCloudApiPayload("x", m.markAsRead("wamid.1"))).toEqual({
      messaging_product: "whatsapp",
      status: "read",
      message_id: "wamid.1",
    });
    expect(issues(() => m.toCloudApiPayload("ana@example.com", m.textMessage("a")))).toEqual([
      'to: "ana@example.com" is neither a phone number (5–20 digits) nor a business-scoped user id (CC.xxxx)',
    ]);
  });
});
