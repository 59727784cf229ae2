import { describe, expect, it } from "vitest";
import { comparableLive, toDeclaredForm } from "../../../src/reconcile/meta-echo.ts";
import { normalizeTemplate } from "../../../src/reconcile/template.ts";

// Meta's echo of an AUTHENTICATION template (preset texts, OTP button as URL) and of a media header.
const AUTH_ECHO = {
  id: "1",
  status: "APPROVED",
  name: "otp",
  language: "en_US",
  category: "AUTHENTICATION",
  components: [
    {
      type: "BODY",
      text: "*{{1}}* is your verification code. For your security, do not share this code.",
      add_security_recommendation: true,
    },
    { type: "FOOTER", text: "This code expires in 10 minutes.", code_expiration_minutes: 10 },
    {
      type: "BUTTONS",
      buttons: [
        { type: "URL", text: "Copy code", url: "https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}" },
      ],
    },
  ],
};

describe("toDeclaredForm", () => {
  it("maps Meta's AUTHENTICATION presets and OTP URL button back to the declared form, idempotently", () => {
    const once = toDeclaredForm(AUTH_ECHO);
    expect(once["components"]).toEqual([
      { type: "BODY", add_security_recommendation: true },
      { type: "FOOTER", code_expiration_minutes: 10 },
      { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE", text: "Copy code" }] },
    ]);
    expect(toDeclaredForm(once)).toEqual(once);
  });

  it("leaves a UTILITY body that happens to look like the preset alone", () => {
    const echo = { ...AUTH_ECHO, category: "UTILITY" };
    expect((toDeclaredForm(echo)["components"] as unknown[])[0]).toEqual(AUTH_ECHO.components[0]);
  });
});

describe("comparableLive", () => {
  it("does not report Meta's CDN URL for a media header example or the default OTP label as a change", () => {
    const declared = normalizeTemplate({
      name: "otp",
      language: "en_US",
      category: "AUTHENTICATION",
      components: [
        { type: "BODY", add_security_recommendation: true },
        { type: "FOOTER", code_expiration_minutes: 10 },
        { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE" }] },
      ],
    });
    expect(comparableLive(declared, AUTH_ECHO)).toEqual(declared);
    const media = normalizeTemplate({
      name: "m",
      language: "en_US",
      category: "MARKETING",
      components: [
        { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::abc"] } },
        { type: "BODY", text: "x" },
      ],
    });
    const echo = {
      ...media,
      components: [
        { type: "HEADER", format: "IMAGE", example: { header_handle: ["https://scontent.whatsapp.net/v/1"] } },
        { type: "BODY", text: "x" },
      ],
    };
    expect(comparableLive(media, echo)).toEqual(media);
    const changedBody = { ...echo, components: [echo.components[0], { type: "BODY", text: "y" }] };
    expect(comparableLive(media, changedBody)).not.toEqual(media);
  });
});
