import { describe, expect, it } from "vitest";
import { previewId, renderTemplatePreview, substituteExamples } from "../../../src/gitops/phone-preview.ts";

describe("substituteExamples", () => {
  it("fills positional and named parameters and keeps unknown ones visible", () => {
    expect(substituteExamples("{{1}} and {{ 2 }} and {{3}}", ["a", "b"], new Map())).toBe("a and b and {{3}}");
    expect(substituteExamples("Hi {{first_name}} {{x}}", [], new Map([["first_name", "Priya"]]))).toBe(
      "Hi Priya {{x}}",
    );
  });
});

describe("renderTemplatePreview", () => {
  it("escapes text, applies WhatsApp formatting and gives stable ids and classes", () => {
    const html = renderTemplatePreview({
      name: "promo",
      language: "en_US",
      category: "MARKETING",
      action: "create",
      components: [
        { type: "HEADER", format: "TEXT", text: "<Sale> {{1}}", example: { header_text: ["now"] } },
        { type: "BODY", text: "*Hi* {{1}}\n_see_ ~old~", example: { body_text: [["Priya"]] } },
        { type: "FOOTER", text: "Reply STOP" },
        { type: "BUTTONS", buttons: [{ type: "PHONE_NUMBER", text: "Call", phone_number: "+911" }] },
      ],
      changes: ['components[1].text: "a" → "b"'],
    });
    expect(html).toMatchInlineSnapshot(
      `"<section class="wa-template wa-action-create" id="tpl-promo-en_US" data-name="promo" data-language="en_US" data-action="create"><h2 class="wa-title"><span class="wa-badge">create</span> promo <small>en_US · MARKETING</small></h2><div class="wa-phone"><div class="wa-appbar">Business</div><div class="wa-chat"><div class="wa-bubble"><div class="wa-header wa-header-text">&lt;Sale&gt; now</div><div class="wa-body"><strong>Hi</strong> Priya<br><em>see</em> <s>old</s></div><div class="wa-footer">Reply STOP</div><div class="wa-time">12:00</div></div><div class="wa-buttons"><div class="wa-button wa-button-phone-number" data-index="0" title="+911">☎ Call</div></div></div></div><ul class="wa-changes"><li>components[1].text: &quot;a&quot; → &quot;b&quot;</li></ul></section>"`,
    );
  });

  it("makes ids safe for any language code", () => {
    expect(previewId("a", "zh-Hant HK")).toBe("tpl-a-zh-Hant-HK");
  });
});
