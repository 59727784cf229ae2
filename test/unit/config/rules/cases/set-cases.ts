/** Fixtures for rules across templates. */
import { checkTemplateSet } from "../../../../../src/config/rules/index.ts";
import { type CaseGroup, type Doc, mut } from "../support.ts";
import { coupon, utility } from "./template-cases.ts";

const many = (n: number): Doc[] => Array.from({ length: n }, (_, i) => mut(coupon, (d) => (d.name = `promo_${i}`)));

/** Template-set rules. */
export const setGroup: CaseGroup = {
  name: "checkTemplateSet",
  check: checkTemplateSet,
  bases: [[utility, coupon, mut(utility, (d) => (d.language = "es_MX"))], [], many(250)],
  cases: [
    { code: "template.set.duplicate", note: "same name and language", fail: [utility, coupon, utility] },
    { code: "template.set.count", note: "6,001 template-languages", fail: many(6001), pass: many(6000) },
    { code: "template.set.count_unverified", note: "251 template-languages", fail: many(251) },
  ],
};
