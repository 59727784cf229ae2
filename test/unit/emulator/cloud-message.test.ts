import { describe, expect, it } from "vitest";
import { checkCloudMessage } from "../../../src/emulator/cloud-message.ts";

const msg = (rest: Record<string, unknown>) => ({ messaging_product: "whatsapp", to: "5215500000001", ...rest });

describe("checkCloudMessage", () => {
  const valid: [string, Record<string, unknown>, string][] = [
    ["text", msg({ type: "text", text: { body: "hi", preview_url: true } }), "freeform"],
    ["implicit text type", msg({ text: { body: "hi" } }), "freeform"],
    ["template", msg({ type: "template", template: { name: "t", language: { code: "en_US" } } }), "template"],
    ["image by link", msg({ type: "image", image: { link: "https://a.b/c.jpg", caption: "c" } }), "freeform"],
    ["reaction", msg({ type: "reaction", reaction: { message_id: "wamid.x", emoji: "👍" } }), "freeform"],
    ["location", msg({ type: "location", location: { latitude: 1, longitude: 2 } }), "freeform"],
    ["contacts", msg({ type: "contacts", contacts: [{ name: { formatted_name: "Ana" } }] }), "freeform"],
    ["read receipt", { messaging_product: "whatsapp", status: "read", message_id: "wamid.x" }, "read"],
    [
      "flow",
      msg({
        type: "interactive",
        interactive: {
          type: "flow",
          body: { text: "b" },
          action: {
            name: "flow",
            parameters: {
              flow_message_version: "3",
              flow_id: "1",
              flow_cta: "Open",
              flow_action: "navigate",
              flow_action_payload: { screen: "WELCOME" },
            },
          },
        },
      }),
      "freeform",
    ],
    [
      "cta_url",
      msg({
        type: "interactive",
        interactive: {
          type: "cta_url",
          body: { text: "b" },
          action: { name: "cta_url", parameters: { display_text: "Go", url: "https://a.b" } },
        },
      }),
      "freeform",
    ],
    [
      "order_details",
      msg({
        type: "interactive",
        interactive: {
          type: "order_details",
          body: { text: "Pay" },
          action: {
            name: "review_and_pay",
            parameters: {
              reference_id: "ord-1",
              currency: "INR",
              total_amount: { value: 100, offset: 100 },
              order: { items: [] },
            },
          },
        },
      }),
      "freeform",
    ],
  ];
  it.each(valid)("accepts %s", (_, m, kind) => {
    expect(checkCloudMessage(m)).toMatchObject({ kind });
  });

  const invalid: [string, unknown, string][] = [
    ["a non-object", "hi", "JSON object"],
    ["missing messaging_product", { to: "1234567", text: { body: "x" } }, "messaging_product"],
    ["audio caption", msg({ type: "audio", audio: { id: "1", caption: "no" } }), "has no caption"],
    ["caption over 1024", msg({ type: "image", image: { id: "1", caption: "c".repeat(1025) } }), "the limit is 1024"],
    [
      "duplicate button ids",
      msg({
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "b" },
          action: {
            buttons: [
              { type: "reply", reply: { id: "a", title: "x" } },
              { type: "reply", reply: { id: "a", title: "y" } },
            ],
          },
        },
      }),
      "not unique",
    ],
    [
      "list row description over 72",
      msg({
        type: "interactive",
        interactive: {
          type: "list",
          body: { text: "b" },
          action: { button: "b", sections: [{ rows: [{ id: "r", title: "t", description: "d".repeat(73) }] }] },
        },
      }),
      "the limit is 72",
    ],
    [
      "untitled sections when there are two",
      msg({
        type: "interactive",
        interactive: {
          type: "list",
          body: { text: "b" },
          action: {
            button: "b",
            sections: [{ rows: [{ id: "r1", title: "t" }] }, { rows: [{ id: "r2", title: "t" }] }],
          },
        },
      }),
      "title is required",
    ],
    [
      "carousel with one card",
      msg({ type: "interactive", interactive: { type: "carousel", body: { text: "b" }, action: { cards: [{}] } } }),
      "2–10 cards",
    ],
    [
      "flow with both id and name",
      msg({
        type: "interactive",
        interactive: {
          type: "flow",
          body: { text: "b" },
          action: {
            name: "flow",
            parameters: { flow_message_version: "3", flow_id: "1", flow_name: "n", flow_cta: "x" },
          },
        },
      }),
      "exactly one of flow_id",
    ],
    [
      "order in USD",
      msg({
        type: "interactive",
        interactive: {
          type: "order_details",
          body: { text: "b" },
          action: {
            name: "review_and_pay",
            parameters: { reference_id: "r", currency: "USD", total_amount: { value: 1 }, order: { items: [] } },
          },
        },
      }),
      "INR",
    ],
    [
      "template parameter with a newline",
      msg({
        type: "template",
        template: {
          name: "t",
          language: { code: "en" },
          components: [{ type: "body", parameters: [{ type: "text", text: "a\nb" }] }],
        },
      }),
      "new lines",
    ],
    [
      "too many contacts",
      msg({ type: "contacts", contacts: Array.from({ length: 258 }, () => ({ name: { formatted_name: "a" } })) }),
      "1–257",
    ],
  ];
  it.each(invalid)("rejects %s", (_, m, text) => {
    const r = checkCloudMessage(m);
    expect("error" in r && r.error).toContain(text);
  });
});
