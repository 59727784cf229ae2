import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkBusinessProfile,
  checkCommands,
  checkIceBreakers,
  checkInteractiveMessage,
  checkOrderDetails,
  checkOrderStatus,
  checkPaymentConfiguration,
  checkSecrets,
  checkTemplate,
  checkTemplateSet,
  listRules,
} from "../../../../src/config/rules/index.ts";
import { interactiveGroup, list } from "./cases/interactive-cases.ts";
import { orderDetails, orderDetailsGroup, orderStatusGroup, paymentConfigGroup } from "./cases/payment-cases.ts";
import { commandsGroup, iceBreakersGroup, profileGroup } from "./cases/profile-cases.ts";
import { secretsGroup } from "./cases/secret-cases.ts";
import { setGroup } from "./cases/set-cases.ts";
import { carousel, coupon, templateGroup, utility } from "./cases/template-cases.ts";
import { type Doc, mut } from "./support.ts";

const groups = [
  templateGroup,
  setGroup,
  interactiveGroup,
  profileGroup,
  commandsGroup,
  iceBreakersGroup,
  paymentConfigGroup,
  orderDetailsGroup,
  orderStatusGroup,
  secretsGroup,
];

describe("listRules", () => {
  it("lists unique dotted codes with a source row and a description", () => {
    const rules = listRules();
    expect(new Set(rules.map((r) => r.code)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.code).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(["error", "warning"]).toContain(r.severity);
      expect(r.source).toMatch(/^(§\d|Issue 2)/);
      expect(r.description.length).toBeGreaterThan(15);
    }
  });

  it("has a failing fixture for every rule code, and no fixture for an unknown code", () => {
    const listed = new Set(listRules().map((r) => r.code));
    const exercised = new Set(groups.flatMap((g) => g.cases.map((c) => c.code)));
    expect([...listed].filter((c) => !exercised.has(c))).toEqual([]);
    expect([...exercised].filter((c) => !listed.has(c))).toEqual([]);
  });

  it("reports only listed codes, with the listed severity", () => {
    const severity = new Map(listRules().map((r) => [r.code, r.severity]));
    for (const g of groups)
      for (const c of g.cases) for (const f of g.check(c.fail)) expect(f.severity).toBe(severity.get(f.code));
  });
});

describe("checkTemplate", () => {
  it("points at the offending field relative to the definition", () => {
    const def = mut(utility, (d) => (d.components[3].buttons[0].text = "Track my order right now please"));
    expect(checkTemplate(def)).toEqual([
      {
        path: ["components", 3, "buttons", 0, "text"],
        code: "template.buttons.text.length",
        message: 'button text "Track my order right now please" is 31 chars; the limit is 25',
        severity: "error",
      },
    ]);
  });

  it("says the fix and quotes the value", () => {
    const msg = (d: Doc) => checkTemplate(d).map((f) => `${f.code}: ${f.message}`);
    expect(msg(mut(utility, (d) => (d.name = "Order-Update")))).toMatchInlineSnapshot(`
      [
        "template.name.charset: template name "Order-Update" may use only lowercase a–z, digits and underscores; try "order_update"",
      ]
    `);
    expect(msg(mut(utility, (d) => (d.language = "en-us")))).toMatchInlineSnapshot(`
      [
        "template.language.format: language "en-us" is not a Meta language code (\`ll\` or \`ll_RR\`, underscore, case-sensitive); did you mean "en_US"?",
      ]
    `);
    expect(
      msg(mut(utility, (d) => (d.components[1].text = "Hi {{1}}{{2}}, your order has shipped and is near."))),
    ).toMatchInlineSnapshot(`
      [
        "template.params.adjacent: {{1}}{{2}} are adjacent; put words between parameters",
      ]
    `);
    expect(msg(mut(coupon, (d) => d.components[2].buttons.unshift(d.components[2].buttons.pop())))).toEqual([]);
    expect(msg(mut(carousel, (d) => (d.category = "UTILITY")))).toMatchInlineSnapshot(`
      [
        "template.category.marketing_only: a carousel is allowed only in MARKETING templates; change category to MARKETING",
      ]
    `);
  });

  it("reports every problem, never only the first", () => {
    const def = mut(utility, (d) => {
      d.name = "Bad Name";
      d.components[2].text = "f".repeat(61);
      d.components[3].buttons[3].phone_number = "+".repeat(21);
    });
    expect(checkTemplate(def).map((f) => f.code)).toEqual([
      "template.name.charset",
      "template.footer.length",
      "template.buttons.phone_number.length",
    ]);
  });
});

describe("checkTemplateSet", () => {
  it("tags each finding with the index of its definition", () => {
    const hindi = mut(utility, (d) => {
      d.language = "hi";
      d.components[2].text = "f".repeat(61);
    });
    const defs = [utility, hindi, utility];
    const found = checkTemplateSet(defs).map((f) => [f.index, f.code, f.path.join("/")]);
    expect(found).toEqual([
      [1, "template.footer.length", "components/2/text"],
      [2, "template.set.duplicate", "name"],
    ]);
  });
});

describe("checkInteractiveMessage", () => {
  it("also runs the order rules on order_details payloads", () => {
    const found = checkInteractiveMessage(mut(orderDetails, (d) => (d.action.parameters.currency = "USD")));
    expect(found.map((f) => [f.code, f.path.join(".")])).toEqual([
      ["order.currency.inr", "action.parameters.currency"],
    ]);
  });
});

describe("messages of the other checks", () => {
  it("say the fix and quote the value", () => {
    const lines = [
      ...checkInteractiveMessage(
        mut(list, (d) => (d.action.sections[0].rows[0].title = "Track an order placed online")),
      ),
      ...checkOrderDetails(mut(orderDetails, (d) => (d.action.parameters.total_amount.value = 52_200))),
      ...checkBusinessProfile({ websites: ["luckyshrub.example"], vertical: "SHOP" }),
      ...checkSecrets({ whatsapp: { access_token: "EAAGm0PX4ZCpsBAabcdefghijklmnopqrstuvwxyz0123" } }),
    ].map((f) => `${f.path.join(".")}: ${f.message} [${f.code}]`);
    expect(lines).toMatchInlineSnapshot(`
      [
        "action.sections.0.rows.0.title: row title "Track an order placed online" is 28 chars; the limit is 24 [interactive.list.row.title.length]",
        "action.parameters.total_amount.value: total_amount.value 52200 ≠ subtotal 40000 + tax 7200 + shipping 5000 − discount 200 = 52000 [order.total.sum]",
        "websites.0: website "luckyshrub.example" must start with http:// or https:// [profile.websites.scheme]",
        "vertical: vertical "SHOP" is not one of OTHER, AUTO, BEAUTY, APPAREL, EDU, ENTERTAIN, EVENT_PLAN, FINANCE, GROCERY, GOVT, HOTEL, HEALTH, NONPROFIT, PROF_SERVICES, RETAIL, TRAVEL, RESTAURANT [profile.vertical.enum]",
        "whatsapp.access_token: Meta access token "EAAG…23" must not be in config; store it in AWS Secrets Manager or SSM and reference it (e.g. "ssm:/waba/…") [secrets.meta_access_token]",
      ]
    `);
  });
});

describe("robustness", () => {
  const checks = [
    checkTemplate,
    checkTemplateSet,
    checkInteractiveMessage,
    checkBusinessProfile,
    checkPaymentConfiguration,
    checkOrderDetails,
    checkOrderStatus,
    checkCommands,
    checkIceBreakers,
    checkSecrets,
  ] as Array<(x: never) => unknown[]>;
  const listed = new Set(listRules().map((r) => r.code));

  it("never throws on arbitrary JSON and reports only listed codes", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        for (const check of checks) {
          const input = (typeof value === "object" && value !== null ? value : { value }) as never;
          for (const f of check(input) as Array<{ code: string; path: unknown }>) {
            expect(listed.has(f.code)).toBe(true);
            expect(Array.isArray(f.path)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on mutated templates", () => {
    const mutate = fc.record({
      component: fc.nat(5),
      key: fc.constantFrom("type", "format", "text", "example", "buttons", "cards", "limited_time_offer"),
      value: fc.jsonValue({ maxDepth: 3 }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...templateGroup.bases), fc.array(mutate, { maxLength: 4 }), (base, changes) => {
        const def = mut(base, (d) => {
          for (const c of changes) if (d.components[c.component]) d.components[c.component][c.key] = c.value;
        });
        for (const f of checkTemplate(def as never)) expect(listed.has(f.code)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("survives hostile placeholder text in linear time", () => {
    const text = `${"{".repeat(50_000)}1${"}".repeat(50_000)} ${"{{a".repeat(20_000)}`;
    const found = checkTemplate(mut(utility, (d) => (d.components[1].text = text)));
    expect(found.map((f) => f.code)).toContain("template.params.brace");
  });

  it("quotes cyclic values (recursive YAML aliases) without throwing", () => {
    const loop: Doc = [];
    loop.push(loop);
    const def = mut(utility, (d) => (d.message_send_ttl_seconds = 1));
    def.category = loop;
    expect(checkTemplate(def).map((f) => f.code)).toEqual(["template.category.enum"]);
    expect(checkInteractiveMessage({ type: loop }).map((f) => f.message)).toEqual([
      "interactive type […] is unknown; use button, list, cta_url, location_request_message, flow, carousel, voice_call, order_details, order_status",
    ]);
  });

  it("walks shared and cyclic structures once when looking for secrets", () => {
    const shared: Doc = { password: "hunter2" };
    const doc: Doc = { a: shared, b: shared };
    doc.self = doc;
    expect(checkSecrets(doc).map((f) => f.path.join("."))).toEqual(["a.password"]);
  });
});
