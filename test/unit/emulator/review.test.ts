import { describe, expect, it } from "vitest";
import { parseDefinition, reviewTemplate, toStoredComponents } from "../../../src/emulator/review.ts";

type Obj = Record<string, unknown>;
const body = (text: string, example?: unknown): Obj => ({ type: "BODY", text, ...(example ? { example } : {}) });
const review = (components: Obj[], category = "UTILITY", parameterFormat: "POSITIONAL" | "NAMED" = "POSITIONAL") =>
  reviewTemplate({ category, parameterFormat, components });

describe("parseDefinition (Meta's synchronous create checks)", () => {
  const base = {
    name: "order_update",
    language: "en_US",
    category: "utility",
    components: [body("Your order shipped.")],
  };
  it("accepts a variable followed by closing punctuation", () => {
    expect(parseDefinition({ ...base, components: [body("Your code is {{1}}.", { body_text: [["1"]] })] }).name).toBe(
      "order_update",
    );
  });
  it("normalizes category and parameter format casing", () => {
    expect(parseDefinition(base)).toMatchObject({ category: "UTILITY", parameterFormat: "POSITIONAL" });
    expect(parseDefinition({ ...base, parameter_format: "named" }).parameterFormat).toBe("NAMED");
  });
  const bad: [string, Obj, string][] = [
    ["upper-case name", { ...base, name: "Order" }, '"Order"'],
    ["hyphenated language", { ...base, language: "en-US" }, '"en-US"'],
    ["unknown category", { ...base, category: "TRANSACTIONAL" }, "TRANSACTIONAL"],
    ["no body", { ...base, components: [{ type: "FOOTER", text: "x" }] }, "2388072"],
    ["two bodies", { ...base, components: [body("a"), body("b")] }, "more than one BODY"],
    ["body over 1024", { ...base, components: [body("x".repeat(1025))] }, "is 1025 chars; the limit is 1024"],
    ["leading variable", { ...base, components: [body("{{1}} is here", { body_text: [["a"]] })] }, "2388299"],
    ["trailing variable", { ...base, components: [body("Hello {{1}}", { body_text: [["a"]] })] }, "2388299"],
    [
      "header over 60",
      { ...base, components: [{ type: "HEADER", format: "TEXT", text: "h".repeat(61) }, body("ok")] },
      "the limit is 60",
    ],
    ["unknown header format", { ...base, components: [{ type: "HEADER", format: "AUDIO" }, body("ok")] }, "2388047"],
    [
      "button text over 25",
      {
        ...base,
        components: [body("ok"), { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "x".repeat(26) }] }],
      },
      "the limit is 25",
    ],
  ];
  it.each(bad)("rejects %s", (_, def, message) => {
    expect(() => parseDefinition(def)).toThrow(message);
  });
});

describe("reviewTemplate (Meta's review)", () => {
  it("approves a well-formed utility template", () => {
    expect(review([body("Hi {{1}}, order {{2}} shipped today.", { body_text: [["Ana", "#1"]] })])).toEqual({
      decision: "APPROVED",
      category: "UTILITY",
    });
  });
  const rejected: [string, Obj[], string?][] = [
    // parameter numbering and placement
    ["adjacent variables", [body("Hi {{1}}{{2}} thanks.", { body_text: [["a", "b"]] })]],
    ["variables separated only by a space", [body("Hi {{1}} {{2}} thanks.", { body_text: [["a", "b"]] })]],
    ["a gap in numbering", [body("Hi {{1}} and {{3}} ok.", { body_text: [["a", "b"]] })]],
    ["out-of-order numbering", [body("Hi {{2}} and {{1}} ok.", { body_text: [["a", "b"]] })]],
    ["mismatched braces", [body("Hi {{1} ok.", { body_text: [["a"]] })]],
    ["a special character in a placeholder", [body("Hi {{#1}} ok.", { body_text: [["a"]] })]],
    // examples
    ["missing body example", [body("Hi {{1}} ok.")]],
    ["wrong example count", [body("Hi {{1}} and {{2}} ok.", { body_text: [["a"]] })]],
    ["media header without handle", [{ type: "HEADER", format: "IMAGE" }, body("ok")]],
    ["variable in footer", [body("ok"), { type: "FOOTER", text: "bye {{1}}" }]],
    // buttons
    [
      "11 buttons",
      [
        body("ok"),
        { type: "BUTTONS", buttons: Array.from({ length: 11 }, () => ({ type: "QUICK_REPLY", text: "a" })) },
      ],
    ],
    [
      "3 URL buttons",
      [body("ok"), { type: "BUTTONS", buttons: [1, 2, 3].map(() => ({ type: "URL", text: "a", url: "https://a.b" })) }],
    ],
    [
      "interleaved quick replies",
      [
        body("ok"),
        {
          type: "BUTTONS",
          buttons: [
            { type: "QUICK_REPLY", text: "a" },
            { type: "URL", text: "u", url: "https://a.b" },
            { type: "QUICK_REPLY", text: "b" },
          ],
        },
      ],
    ],
    [
      "URL variable not at the end",
      [
        body("ok"),
        {
          type: "BUTTONS",
          buttons: [{ type: "URL", text: "u", url: "https://a.b/{{1}}/x", example: ["https://a.b/1/x"] }],
        },
      ],
    ],
    [
      "URL variable without example",
      [body("ok"), { type: "BUTTONS", buttons: [{ type: "URL", text: "u", url: "https://a.b/{{1}}" }] }],
    ],
  ];
  it.each(rejected)("rejects %s with INVALID_FORMAT", (_, components) => {
    expect(review(components)).toMatchObject({ decision: "REJECTED", reason: "INVALID_FORMAT" });
  });
  it("checks named parameters and their examples", () => {
    const ok = body("Hi {{first_name}}, order {{order_id}} shipped.", {
      body_text_named_params: [
        { param_name: "first_name", example: "Ana" },
        { param_name: "order_id", example: "1" },
      ],
    });
    expect(review([ok], "UTILITY", "NAMED").decision).toBe("APPROVED");
    const missing = body("Hi {{first_name}}, thanks.", { body_text_named_params: [] });
    expect(review([missing], "UTILITY", "NAMED").decision).toBe("REJECTED");
    expect(review([body("Hi {{1}}, thanks.", { body_text: [["a"]] })], "UTILITY", "NAMED").decision).toBe("REJECTED");
  });
  it("approves a promotional UTILITY submission as MARKETING", () => {
    expect(review([body("Get 20% off your next order today.")])).toEqual({
      decision: "APPROVED",
      category: "MARKETING",
    });
  });
  it("keeps AUTHENTICATION to a preset body and one OTP button", () => {
    const otp = { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE" }] };
    expect(review([{ type: "BODY", add_security_recommendation: true }, otp], "AUTHENTICATION").decision).toBe(
      "APPROVED",
    );
    expect(review([body("Your code"), otp], "AUTHENTICATION").decision).toBe("REJECTED");
    expect(review([{ type: "BODY" }], "AUTHENTICATION").decision).toBe("REJECTED");
    expect(
      review(
        [{ type: "BODY" }, { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "ZERO_TAP" }] }],
        "AUTHENTICATION",
      ).decision,
    ).toBe("REJECTED");
  });
  it("requires MARKETING for carousels and OTP only in AUTHENTICATION", () => {
    expect(review([body("ok"), { type: "CAROUSEL", cards: [] }])).toMatchObject({ reason: "INCORRECT_CATEGORY" });
    expect(review([body("ok"), { type: "BUTTONS", buttons: [{ type: "OTP" }] }]).decision).toBe("REJECTED");
  });
});

describe("toStoredComponents (Meta's echo)", () => {
  it("upper-cases types, stores OTP as URL, fills the auth body, replaces header handles with CDN URLs", () => {
    const stored = toStoredComponents(
      [
        { type: "header", format: "image", example: { header_handle: ["4::abc"] } },
        { type: "body", add_security_recommendation: true },
        { type: "footer", code_expiration_minutes: 5 },
        { type: "buttons", buttons: [{ type: "otp", otp_type: "copy_code" }] },
      ],
      "AUTHENTICATION",
    );
    expect(stored.map((c) => c.type)).toEqual(["HEADER", "BODY", "FOOTER", "BUTTONS"]);
    expect(stored[0]?.format).toBe("IMAGE");
    expect((stored[0]?.example as { header_handle: string[] } | undefined)?.header_handle[0]).toMatch(
      /^https:\/\/scontent\.whatsapp\.net\//,
    );
    expect(stored[1]?.text).toBe("*{{1}}* is your verification code. For your security, do not share this code.");
    expect(stored[2]?.text).toBe("This code expires in 5 minutes.");
    expect((stored[3]?.buttons as Obj[] | undefined)?.[0]).toMatchObject({ type: "URL", text: "Copy code" });
  });
});
