/** Fixtures for template rules: one clean base per template kind, and a failing variant per rule code. */
import { checkTemplate } from "../../../../../src/config/rules/index.ts";
import { type CaseGroup, type Doc, fixture, mut } from "../support.ts";

/** A utility template with a text header, positional body, footer and mixed buttons. */
export const utility: Doc = {
  name: "order_update",
  language: "en_US",
  category: "UTILITY",
  components: [
    { type: "HEADER", format: "TEXT", text: "Order {{1}} update", example: { header_text: ["#1234"] } },
    {
      type: "BODY",
      text: "Hi {{1}}, your order {{2}} has shipped and will arrive soon. Reply below if you need help.",
      example: { body_text: [["Asha", "A-1001"]] },
    },
    { type: "FOOTER", text: "Thanks for shopping with us" },
    {
      type: "BUTTONS",
      buttons: [
        { type: "QUICK_REPLY", text: "Talk to us" },
        { type: "QUICK_REPLY", text: "Stop updates" },
        {
          type: "URL",
          text: "Track order",
          url: "https://shop.example.com/track/{{1}}",
          example: ["https://shop.example.com/track/A-1001"],
        },
        { type: "PHONE_NUMBER", text: "Call support", phone_number: "+919876543210" },
      ],
    },
  ],
};

export const copyCode: Doc = fixture("meta-examples/auth-copy-code.json");
export const oneTap: Doc = fixture("meta-examples/auth-one-tap.json");
export const zeroTap: Doc = mut(oneTap, (d) => {
  d.name = "auth_zero_tap";
  Object.assign(d.components[2].buttons[0], { otp_type: "ZERO_TAP", zero_tap_terms_accepted: true });
});
export const lto: Doc = fixture("meta-examples/marketing-limited-time-offer.json");
export const coupon: Doc = fixture("meta-examples/marketing-coupon.json");
export const carousel: Doc = fixture("meta-examples/marketing-media-carousel.json");
export const mpm: Doc = fixture("meta-examples/marketing-mpm.json");
export const named: Doc = fixture("meta-examples/utility-order-url-button.json");
export const positionalUpper: Doc = fixture("meta-examples/utility-positional-upper.json");

/** A single-product message template. */
export const spm: Doc = {
  name: "spm_featured",
  language: "en_US",
  category: "MARKETING",
  components: [
    { type: "HEADER", format: "PRODUCT" },
    { type: "BODY", text: "Our bestselling succulent is back in stock, grab one while you can!" },
    { type: "FOOTER", text: "Lucky Shrub" },
    { type: "BUTTONS", buttons: [{ type: "SPM", text: "View" }] },
  ],
};

/** A product-card carousel template (2 cards at creation). */
export const productCarousel: Doc = {
  name: "product_carousel_fall",
  language: "en_US",
  category: "MARKETING",
  components: [
    { type: "BODY", text: "Fall favourites are here, take a look at what is new this week in our store." },
    {
      type: "CAROUSEL",
      cards: [0, 1].map(() => ({
        components: [
          { type: "HEADER", format: "PRODUCT" },
          { type: "BUTTONS", buttons: [{ type: "SPM", text: "View" }] },
        ],
      })),
    },
  ],
};

const flow = {
  type: "FLOW",
  text: "Book a slot",
  flow_id: "1234567890",
  flow_action: "navigate",
  navigate_screen: "WELCOME",
};
const words = (n: number) => Array.from({ length: n }, () => "word").join(" ");
const body = (d: Doc) => d.components[1];
const buttons = (d: Doc) => d.components[3].buttons;
const card = (d: Doc, i: number) => d.components[1].cards[i].components;

/** Template rules. */
export const templateGroup: CaseGroup = {
  name: "checkTemplate",
  check: checkTemplate,
  bases: [utility, copyCode, oneTap, zeroTap, lto, coupon, carousel, mpm, named, positionalUpper, spm, productCarousel],
  cases: [
    // identity
    {
      code: "template.name.charset",
      note: "hyphen and capitals",
      fail: mut(utility, (d) => (d.name = "Order-Update")),
    },
    { code: "template.name.charset", note: "missing name", fail: mut(utility, (d) => delete d.name) },
    {
      code: "template.name.length",
      note: "513 chars",
      fail: mut(utility, (d) => (d.name = "a".repeat(513))),
      pass: mut(utility, (d) => (d.name = "a".repeat(512))),
    },
    { code: "template.language.format", note: "hyphen", fail: mut(utility, (d) => (d.language = "en-US")) },
    { code: "template.language.format", note: "missing", fail: mut(utility, (d) => delete d.language) },
    {
      code: "template.language.unknown",
      note: "no such base code",
      fail: mut(utility, (d) => (d.language = "xx")),
      pass: mut(utility, (d) => (d.language = "hi")),
    },
    { code: "template.language.unknown", note: "pt needs a region", fail: mut(utility, (d) => (d.language = "pt")) },
    {
      code: "template.language.unlisted",
      note: "well-formed regional code missing from the list",
      fail: mut(utility, (d) => (d.language = "es_CO")),
      pass: mut(utility, (d) => (d.language = "es_MX")),
    },
    {
      code: "template.category.enum",
      note: "legacy TRANSACTIONAL",
      fail: mut(utility, (d) => (d.category = "TRANSACTIONAL")),
    },
    {
      code: "template.allow_category_change.unsupported",
      note: "pasted from an old example",
      fail: mut(utility, (d) => (d.allow_category_change = true)),
    },
    // what a category may contain
    {
      code: "template.category.marketing_only",
      note: "catalog button in utility",
      fail: mut(utility, (d) => buttons(d).push({ type: "CATALOG", text: "View catalog" })),
      pass: mut(coupon, (d) => (d.components[2].buttons = [{ type: "CATALOG", text: "View catalog" }])),
    },
    {
      code: "template.category.utility_button_type",
      note: "flow button in utility",
      fail: mut(utility, (d) => buttons(d).push(flow)),
      pass: mut(coupon, (d) => d.components[2].buttons.push(flow)),
    },
    {
      code: "template.category.otp_auth_only",
      note: "OTP button in utility",
      fail: mut(utility, (d) => buttons(d).push({ type: "OTP", otp_type: "COPY_CODE" })),
    },
    // components
    {
      code: "template.components.type",
      note: "unknown type",
      fail: mut(utility, (d) => d.components.push({ type: "TITLE" })),
    },
    { code: "template.components.type", note: "not an object", fail: mut(utility, (d) => d.components.push("BODY")) },
    {
      code: "template.components.count",
      note: "two footers",
      fail: mut(utility, (d) => d.components.push({ type: "FOOTER", text: "again" })),
    },
    { code: "template.body.required", note: "no body", fail: mut(utility, (d) => d.components.splice(1, 1)) },
    { code: "template.body.text", note: "empty body text", fail: mut(utility, (d) => (body(d).text = " ")) },
    {
      code: "template.body.length",
      note: "1025 chars",
      fail: mut(utility, (d) => Object.assign(body(d), { text: "a".repeat(1025), example: undefined })),
      pass: mut(utility, (d) => Object.assign(body(d), { text: "a".repeat(1024), example: undefined })),
    },
    {
      code: "template.body.length",
      note: "code points, not UTF-16 units: 1024 emoji pass",
      fail: mut(utility, (d) => (body(d).text = `Hi {{1}} and {{2}} ${"😀".repeat(1010)}.`)),
      pass: mut(utility, (d) => (body(d).text = `Hi {{1}} and {{2}} ${"😀".repeat(1000)}.`)),
    },
    { code: "template.header.format", note: "AUDIO", fail: mut(utility, (d) => (d.components[0].format = "AUDIO")) },
    {
      code: "template.header.text",
      note: "TEXT header without text",
      fail: mut(utility, (d) => (d.components[0] = { type: "HEADER", format: "TEXT" })),
    },
    {
      code: "template.header.text.length",
      note: "61 chars",
      fail: mut(utility, (d) => (d.components[0] = { type: "HEADER", format: "TEXT", text: "h".repeat(61) })),
      pass: mut(utility, (d) => (d.components[0] = { type: "HEADER", format: "TEXT", text: "h".repeat(60) })),
    },
    {
      code: "template.header.params",
      note: "two header parameters",
      fail: mut(utility, (d) => {
        d.components[0].text = "Order {{1}} for {{2}}";
        d.components[0].example.header_text = ["#1", "Asha"];
      }),
    },
    {
      code: "template.header.markdown",
      note: "bold header",
      fail: mut(utility, (d) => (d.components[0].text = "*Order* {{1}}")),
      pass: mut(named, (d) => (d.components[1].text = `${d.components[1].text} *Thanks*`)),
    },
    {
      code: "template.header.media_example",
      note: "image header without handle",
      fail: mut(named, (d) => delete d.components[0].example),
    },
    {
      code: "template.header.media_example",
      note: "carousel card header without handle",
      fail: mut(carousel, (d) => delete card(d, 0)[0].example),
    },
    {
      code: "template.header.gif",
      note: "GIF header (MM Lite only)",
      fail: mut(
        coupon,
        (d) => (d.components[0] = { type: "HEADER", format: "GIF", example: { header_handle: ["4::x"] } }),
      ),
    },
    {
      code: "template.header.product",
      note: "PRODUCT header without SPM button",
      fail: mut(coupon, (d) => (d.components[0] = { type: "HEADER", format: "PRODUCT" })),
      pass: spm,
    },
    {
      code: "template.footer.text",
      note: "footer without text",
      fail: mut(utility, (d) => delete d.components[2].text),
    },
    {
      code: "template.footer.length",
      note: "61 chars",
      fail: mut(utility, (d) => (d.components[2].text = "f".repeat(61))),
      pass: mut(utility, (d) => (d.components[2].text = "f".repeat(60))),
    },
    {
      code: "template.footer.params",
      note: "variable in footer",
      fail: mut(utility, (d) => (d.components[2].text = "Ref {{1}}")),
    },
    // TTL
    {
      code: "ttl.range",
      note: "utility above 43200",
      fail: mut(utility, (d) => (d.message_send_ttl_seconds = 43_201)),
      pass: mut(utility, (d) => (d.message_send_ttl_seconds = 43_200)),
    },
    {
      code: "ttl.range",
      note: "authentication above 900",
      fail: mut(copyCode, (d) => (d.message_send_ttl_seconds = 901)),
    },
    {
      code: "ttl.range",
      note: "marketing -1 not allowed",
      fail: mut(coupon, (d) => (d.message_send_ttl_seconds = -1)),
    },
    { code: "ttl.range", note: "not an integer", fail: mut(utility, (d) => (d.message_send_ttl_seconds = 60.5)) },
    {
      code: "ttl.marketing_mm_lite",
      note: "marketing TTL only for MM Lite",
      fail: mut(coupon, (d) => (d.message_send_ttl_seconds = 86_400)),
    },
    {
      code: "ttl.code_expiration",
      note: "TTL 10 min, code 5 min",
      fail: mut(copyCode, (d) => (d.message_send_ttl_seconds = 600)),
      pass: mut(copyCode, (d) => (d.message_send_ttl_seconds = 300)),
    },
    // parameters
    {
      code: "template.params.brace",
      note: "{{1}",
      fail: mut(utility, (d) => (body(d).text = "Hi {{1}, your order {{2}} is here.")),
    },
    {
      code: "template.params.brace",
      note: "triple braces",
      fail: mut(utility, (d) => (body(d).text = "Hi {{{1}}}, order {{2}} is here now.")),
    },
    {
      code: "template.params.brace",
      note: "stray {{",
      fail: mut(utility, (d) => (body(d).text = "Hi {{1}}, order {{2}} is here {{ now.")),
    },
    {
      code: "template.params.special_chars",
      note: "{{#1}}",
      fail: mut(utility, (d) => (body(d).text = "Hi {{#1}}, your order {{2}} has shipped today.")),
    },
    {
      code: "template.params.special_chars",
      note: "spaces inside",
      fail: mut(utility, (d) => (body(d).text = "Hi {{ 1 }}, your order {{2}} has shipped today.")),
    },
    {
      code: "template.params.named_syntax",
      note: "camelCase name",
      fail: mut(
        named,
        (d) => (d.components[1].text = "Good news {{FirstName}}! Your order #{{order_number}} is on its way."),
      ),
    },
    {
      code: "template.params.format_mismatch",
      note: "named parameter in a positional template",
      fail: mut(utility, (d) => (body(d).text = "Hi {{name}}, your order {{2}} has shipped today.")),
    },
    {
      code: "template.params.format_mismatch",
      note: "positional parameter in a NAMED template",
      fail: mut(named, (d) => (d.components[1].text = "Good news {{1}}! Your order #{{order_number}} is on its way.")),
    },
    {
      code: "template.params.format_mismatch",
      note: "bad parameter_format",
      fail: mut(utility, (d) => (d.parameter_format = "MIXED")),
    },
    {
      code: "template.params.sequence",
      note: "gap: 1, 3",
      fail: mut(utility, (d) => (body(d).text = "Hi {{1}}, your order {{3}} has shipped and will arrive soon.")),
    },
    {
      code: "template.params.sequence",
      note: "starts at 0",
      fail: mut(utility, (d) => (body(d).text = "Hi {{0}}, your order {{1}} has shipped and will arrive soon.")),
    },
    {
      code: "template.params.order",
      note: "{{2}} before {{1}}",
      fail: mut(utility, (d) => (body(d).text = "Hi {{2}}, your order {{1}} has shipped and will arrive soon.")),
    },
    { code: "template.params.example_required", note: "no example", fail: mut(utility, (d) => delete body(d).example) },
    {
      code: "template.params.example_required",
      note: "blank example value",
      fail: mut(utility, (d) => (body(d).example.body_text = [["Asha", ""]])),
    },
    {
      code: "template.params.example_required",
      note: "named parameter without example",
      fail: mut(named, (d) => d.components[1].example.body_text_named_params.pop()),
    },
    {
      code: "template.params.example_count",
      note: "one value for two parameters",
      fail: mut(utility, (d) => (body(d).example.body_text = [["Asha"]])),
    },
    {
      code: "template.params.example_count",
      note: "named example matching no parameter",
      fail: mut(named, (d) =>
        d.components[1].example.body_text_named_params.push({ param_name: "city", example: "Pune" }),
      ),
    },
    {
      code: "template.params.dangling",
      note: "body starts with a parameter",
      fail: mut(utility, (d) => (body(d).text = "{{1}}, your order {{2}} has shipped and will arrive soon.")),
    },
    {
      code: "template.params.dangling",
      note: "body ends with a parameter",
      fail: mut(utility, (d) => (body(d).text = "Hi {{1}}, your order has shipped and will arrive soon, ref {{2}}")),
      pass: mut(utility, (d) => (body(d).text = "Hi {{1}}, your order has shipped and will arrive soon, ref {{2}}.")),
    },
    {
      code: "template.params.adjacent",
      note: "{{1}}{{2}}",
      fail: mut(utility, (d) => (body(d).text = "Hello {{1}}{{2}}, your order has shipped and will arrive soon.")),
      pass: mut(utility, (d) => (body(d).text = "Hello {{1}}, {{2}}: your order has shipped and will arrive soon.")),
    },
    {
      code: "template.params.adjacent_space",
      note: "{{1}} {{2}}",
      fail: mut(utility, (d) => (body(d).text = "Hello {{1}} {{2}}, your order has shipped and will arrive soon.")),
      pass: mut(utility, (d) => (body(d).text = "Hello {{1}} and {{2}}, your order has shipped and will arrive soon.")),
    },
    {
      code: "template.params.density",
      note: "2 parameters, 4 words",
      fail: mut(utility, (d) => (body(d).text = "Hi {{1}}, order {{2}} shipped now.")),
      pass: mut(utility, (d) => (body(d).text = "Hi {{1}}, order {{2}} shipped today, enjoy.")),
    },
    {
      code: "template.params.count",
      note: "26 body parameters",
      fail: mut(utility, (d) => {
        const n = Array.from({ length: 26 }, (_, i) => i + 1);
        body(d).text = `Start ${n.map((i) => `{{${i}}} ${words(3)}`).join(" ")} end.`;
        body(d).example.body_text = [n.map((i) => `v${i}`)];
      }),
    },
    {
      code: "template.params.example_value",
      note: "newline in an example value",
      fail: mut(utility, (d) => (body(d).example.body_text = [["Asha\nRao", "A-1001"]])),
    },
    // buttons
    {
      code: "template.buttons.count",
      note: "11 buttons",
      fail: mut(
        coupon,
        (d) =>
          (d.components[2].buttons = Array.from({ length: 11 }, (_, i) => ({
            type: "QUICK_REPLY",
            text: `Option ${i}`,
          }))),
      ),
      pass: mut(
        coupon,
        (d) =>
          (d.components[2].buttons = Array.from({ length: 10 }, (_, i) => ({
            type: "QUICK_REPLY",
            text: `Option ${i}`,
          }))),
      ),
    },
    { code: "template.buttons.count", note: "empty list", fail: mut(utility, (d) => (d.components[3].buttons = [])) },
    {
      code: "template.buttons.type",
      note: "unknown type",
      fail: mut(utility, (d) => buttons(d).push({ type: "CALL", text: "Call" })),
    },
    {
      code: "template.buttons.text.required",
      note: "quick reply without text",
      fail: mut(utility, (d) => delete buttons(d)[0].text),
    },
    {
      code: "template.buttons.text.length",
      note: "31 chars",
      fail: mut(utility, (d) => (buttons(d)[0].text = "Track my order right now please")),
      pass: mut(utility, (d) => (buttons(d)[0].text = "t".repeat(25))),
    },
    {
      code: "template.buttons.label_charset",
      note: "emoji in label",
      fail: mut(utility, (d) => (buttons(d)[0].text = "Talk to us 💬")),
    },
    {
      code: "template.buttons.fixed_text",
      note: "MPM label changed",
      fail: mut(mpm, (d) => (d.components[2].buttons[0].text = "See items")),
    },
    {
      code: "template.buttons.quick_reply.grouping",
      note: "QR, URL, QR",
      fail: mut(utility, (d) => {
        const b = buttons(d);
        d.components[3].buttons = [b[0], b[2], b[1]];
      }),
      pass: mut(utility, (d) => {
        const b = buttons(d);
        d.components[3].buttons = [b[2], b[3], b[0], b[1]];
      }),
    },
    {
      code: "template.buttons.url.count",
      note: "3 URL buttons",
      fail: mut(utility, (d) => buttons(d).push({ ...buttons(d)[2] }, { ...buttons(d)[2] })),
    },
    {
      code: "template.buttons.url.length",
      note: "2001-char url",
      fail: mut(utility, (d) =>
        Object.assign(buttons(d)[2], { url: `https://e.com/${"a".repeat(1987)}`, example: undefined }),
      ),
    },
    {
      code: "template.buttons.url.variable",
      note: "variable in the middle",
      fail: mut(utility, (d) => (buttons(d)[2].url = "https://shop.example.com/{{1}}/track")),
    },
    {
      code: "template.buttons.url.variable",
      note: "two variables",
      fail: mut(utility, (d) => (buttons(d)[2].url = "https://shop.example.com/{{1}}{{2}}")),
    },
    {
      code: "template.buttons.url.example",
      note: "variable without example",
      fail: mut(utility, (d) => delete buttons(d)[2].example),
    },
    {
      code: "template.buttons.url.example",
      note: "example is only the suffix",
      fail: mut(utility, (d) => (buttons(d)[2].example = ["A-1001"])),
    },
    {
      code: "template.buttons.url.example_origin",
      note: "example on another site",
      fail: mut(utility, (d) => (buttons(d)[2].example = ["https://other.example.org/track/A-1001"])),
    },
    {
      code: "template.buttons.phone_number.count",
      note: "two phone buttons",
      fail: mut(utility, (d) => buttons(d).push({ ...buttons(d)[3], text: "Call sales" })),
    },
    {
      code: "template.buttons.phone_number.length",
      note: "21 chars",
      fail: mut(utility, (d) => (buttons(d)[3].phone_number = "+91 98765 43210 x1234")),
    },
    {
      code: "template.buttons.copy_code.count",
      note: "two copy-code buttons",
      fail: mut(coupon, (d) => d.components[2].buttons.push({ type: "COPY_CODE", example: "X1" })),
    },
    {
      code: "template.buttons.copy_code.example",
      note: "16-char code",
      fail: mut(coupon, (d) => (d.components[2].buttons[1].example = "SUPERCOUPON20256")),
      pass: mut(coupon, (d) => (d.components[2].buttons[1].example = "SUPERCOUPON2025")),
    },
    {
      code: "template.buttons.copy_code.charset",
      note: "hyphen in code",
      fail: mut(coupon, (d) => (d.components[2].buttons[1].example = "25-OFF")),
    },
    {
      code: "template.buttons.flow.count",
      note: "two flow buttons",
      fail: mut(coupon, (d) => d.components[2].buttons.push(flow, { ...flow, text: "Other" })),
    },
    {
      code: "template.buttons.flow.target",
      note: "flow_id and flow_name",
      fail: mut(coupon, (d) => d.components[2].buttons.push({ ...flow, flow_name: "booking" })),
      pass: mut(coupon, (d) => d.components[2].buttons.push(flow)),
    },
    {
      code: "template.buttons.flow.action",
      note: "unknown action",
      fail: mut(coupon, (d) => d.components[2].buttons.push({ ...flow, flow_action: "open" })),
    },
    // authentication
    {
      code: "auth.components.allowed",
      note: "header in authentication",
      fail: mut(copyCode, (d) => d.components.unshift({ type: "HEADER", format: "TEXT", text: "Your code" })),
    },
    {
      code: "auth.body.preset",
      note: "body text",
      fail: mut(copyCode, (d) => (d.components[0].text = "{{1}} is your code.")),
    },
    {
      code: "auth.footer.preset",
      note: "footer text",
      fail: mut(copyCode, (d) => (d.components[1].text = "Expires soon")),
    },
    {
      code: "auth.footer.code_expiration",
      note: "91 minutes",
      fail: mut(copyCode, (d) => (d.components[1].code_expiration_minutes = 91)),
      pass: mut(copyCode, (d) => {
        d.components[1].code_expiration_minutes = 90;
        delete d.message_send_ttl_seconds;
      }),
    },
    {
      code: "auth.buttons.otp",
      note: "extra quick reply",
      fail: mut(copyCode, (d) => d.components[2].buttons.push({ type: "QUICK_REPLY", text: "Not me" })),
    },
    { code: "auth.buttons.otp", note: "no buttons", fail: mut(copyCode, (d) => d.components.pop()) },
    {
      code: "auth.otp.type",
      note: "unknown otp_type",
      fail: mut(copyCode, (d) => (d.components[2].buttons[0].otp_type = "MAGIC_LINK")),
    },
    {
      code: "auth.otp.label_length",
      note: "26-char autofill label",
      fail: mut(oneTap, (d) => (d.components[2].buttons[0].autofill_text = "a".repeat(26))),
    },
    {
      code: "auth.otp.supported_apps",
      note: "one-tap without apps",
      fail: mut(oneTap, (d) => delete d.components[2].buttons[0].supported_apps),
    },
    {
      code: "auth.otp.supported_apps",
      note: "6 apps",
      fail: mut(oneTap, (d) => {
        const b = d.components[2].buttons[0];
        b.supported_apps = Array.from({ length: 6 }, (_, i) => ({
          package_name: `com.example.app${i}`,
          signature_hash: "K8a/AINcGX7",
        }));
      }),
    },
    {
      code: "auth.otp.package_name",
      note: "single segment",
      fail: mut(oneTap, (d) => (d.components[2].buttons[0].supported_apps[0].package_name = "luckyshrub")),
    },
    {
      code: "auth.otp.package_name",
      note: "legacy form, segment starts with a digit",
      fail: mut(oneTap, (d) => {
        const b = d.components[2].buttons[0];
        delete b.supported_apps;
        Object.assign(b, { package_name: "com.1example", signature_hash: "K8a/AINcGX7" });
      }),
    },
    {
      code: "auth.otp.signature_hash",
      note: "10 chars",
      fail: mut(oneTap, (d) => (d.components[2].buttons[0].supported_apps[0].signature_hash = "K8a/AINcGX")),
    },
    {
      code: "auth.otp.zero_tap_terms",
      note: "terms not accepted",
      fail: mut(zeroTap, (d) => delete d.components[2].buttons[0].zero_tap_terms_accepted),
    },
    {
      code: "auth.otp.zero_tap_fallback",
      note: "no fallback labels",
      fail: mut(zeroTap, (d) => {
        delete d.components[2].buttons[0].text;
        delete d.components[2].buttons[0].autofill_text;
      }),
    },
    // limited-time offer
    {
      code: "lto.footer.forbidden",
      note: "footer",
      fail: mut(lto, (d) => d.components.push({ type: "footer", text: "Terms apply" })),
    },
    {
      code: "lto.header.format",
      note: "text header",
      fail: mut(lto, (d) => (d.components[0] = { type: "header", format: "text", text: "Sale" })),
    },
    {
      code: "lto.text.length",
      note: "17 chars",
      fail: mut(lto, (d) => (d.components[1].limited_time_offer.text = "Expiring offer!!!")),
      pass: mut(lto, (d) => (d.components[1].limited_time_offer.text = "Expiring offer!!")),
    },
    { code: "lto.text.length", note: "missing", fail: mut(lto, (d) => (d.components[1].limited_time_offer = {})) },
    {
      code: "lto.body.length",
      note: "601 chars",
      fail: mut(lto, (d) => (d.components[2].text = `Hi {{1}}, use code {{2}} today ${"a".repeat(569)}.`)),
      pass: mut(lto, (d) => (d.components[2].text = `Hi {{1}}, use code {{2}} today ${"a".repeat(568)}.`)),
    },
    { code: "lto.buttons.url_required", note: "no URL button", fail: mut(lto, (d) => d.components[3].buttons.pop()) },
    {
      code: "lto.buttons.types",
      note: "quick reply",
      fail: mut(lto, (d) => d.components[3].buttons.push({ type: "quick_reply", text: "Stop promos" })),
    },
    // carousels
    {
      code: "carousel.components.top_level",
      note: "footer next to the carousel",
      fail: mut(carousel, (d) => d.components.push({ type: "footer", text: "Lucky Shrub" })),
    },
    { code: "carousel.cards.count", note: "1 card", fail: mut(carousel, (d) => d.components[1].cards.pop()) },
    {
      code: "carousel.cards.count",
      note: "11 cards",
      fail: mut(carousel, (d) => {
        const c = d.components[1].cards[0];
        d.components[1].cards = Array.from({ length: 11 }, () => c);
      }),
    },
    {
      code: "carousel.cards.product_count",
      note: "3 product cards at creation",
      fail: mut(productCarousel, (d) => d.components[1].cards.push(d.components[1].cards[0])),
    },
    {
      code: "carousel.card.header",
      note: "text header on a card",
      fail: mut(carousel, (d) => {
        for (const i of [0, 1]) card(d, i)[0] = { type: "header", format: "text", text: "Lemons" };
      }),
    },
    {
      code: "carousel.card.header_uniform",
      note: "image then video",
      fail: mut(carousel, (d) => (card(d, 1)[0].format = "video")),
    },
    {
      code: "carousel.card.body.length",
      note: "161 chars",
      fail: mut(carousel, (d) => (card(d, 0)[1].text = `Use {{1}} and {{2}} ${"a".repeat(140)}.`)),
      pass: mut(carousel, (d) => (card(d, 0)[1].text = `Use {{1}} and {{2}} ${"a".repeat(139)}.`)),
    },
    {
      code: "carousel.card.body.all_or_none",
      note: "second card without body",
      fail: mut(carousel, (d) => card(d, 1).splice(1, 1)),
    },
    {
      code: "carousel.card.buttons.count",
      note: "3 buttons per card",
      fail: mut(carousel, (d) => {
        for (const i of [0, 1]) card(d, i)[2].buttons.push({ type: "quick_reply", text: "Less like this" });
      }),
    },
    {
      code: "carousel.card.buttons.types",
      note: "copy code on media cards",
      fail: mut(carousel, (d) => {
        for (const i of [0, 1]) card(d, i)[2].buttons[0] = { type: "copy_code", example: "LEMON10" };
      }),
    },
    {
      code: "carousel.card.uniform",
      note: "button order differs",
      fail: mut(carousel, (d) => card(d, 1)[2].buttons.reverse()),
    },
    // MPM / SPM
    { code: "mpm.header.required", note: "MPM without header", fail: mut(mpm, (d) => d.components.shift()) },
    {
      code: "spm.header.product",
      note: "SPM with a text header",
      fail: mut(spm, (d) => (d.components[0] = { type: "HEADER", format: "TEXT", text: "Back in stock" })),
    },
    {
      code: "spm.body.length",
      note: "161 chars",
      fail: mut(spm, (d) => (d.components[1].text = "b".repeat(161))),
      pass: mut(spm, (d) => (d.components[1].text = "b".repeat(160))),
    },
  ],
};
