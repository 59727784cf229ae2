import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { generateTemplatesModule } from "../../../../scripts/gen-template-types.ts";
import { loadConfig } from "../../../../src/config/load.ts";
import { MessageValidationError } from "../../../../src/runtime/messages/errors.ts";
import { type TemplateSend, typedTemplateMessage } from "../../../../src/runtime/messages/typed-template.ts";

const comps = (args: TemplateSend) =>
  (typedTemplateMessage(args) as { template: { components: unknown[] } }).template.components;

describe("generated template types", () => {
  it("match config/ (regenerate with npm run gen:templates)", async () => {
    const { model } = await loadConfig("config");
    const text = generateTemplatesModule(
      model.templates.filter((t) => t.valid).map((t) => t.value as unknown as Record<string, unknown>),
    );
    expect(await readFile("src/runtime/generated/templates.ts", "utf8")).toBe(text);
  });
});

describe("typedTemplateMessage", () => {
  it("orders named parameters as declared and fills the URL button", () => {
    expect(
      comps({
        name: "order_confirmation",
        language: "es_MX",
        params: { order_id: "A-1", first_name: "Ana" },
        buttons: { 0: "A-1" },
      }),
    ).toEqual([
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "first_name", text: "Ana" },
          { type: "text", parameter_name: "order_id", text: "A-1" },
        ],
      },
      { type: "button", index: "0", sub_type: "url", parameters: [{ type: "text", text: "A-1" }] },
    ]);
  });

  it("sends an authentication code in the body and the OTP button", () => {
    expect(comps({ name: "login_otp", language: "en_US", code: "4821" })).toEqual([
      { type: "body", parameters: [{ type: "text", text: "4821" }] },
      { type: "button", index: "0", sub_type: "url", parameters: [{ type: "text", text: "4821" }] },
    ]);
  });

  it("builds carousel cards with their media headers and button parameters", () => {
    const card = { headerMedia: { id: "1" }, buttons: { 1: "sku-1" } };
    const c = comps({ name: "new_arrivals_carousel", language: "en_US", params: ["Ana"], cards: [card, card] });
    expect(c[1]).toEqual({
      type: "carousel",
      cards: [0, 1].map((n) => ({
        card_index: n,
        components: [
          { type: "header", parameters: [{ type: "image", image: { id: "1" } }] },
          { type: "button", index: "1", sub_type: "url", parameters: [{ type: "text", text: "sku-1" }] },
        ],
      })),
    });
  });

  it("refuses an undeclared template at run time too (e.g. a cast value)", () => {
    expect(() => typedTemplateMessage({ name: "nope", language: "en_US" } as unknown as TemplateSend)).toThrow(
      MessageValidationError,
    );
  });
});
