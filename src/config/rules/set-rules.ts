/** Rules across the templates of one WABA (whatsapp-rules.md §1.1). */
import type { Rule } from "./engine.ts";
import { q, type Rec, str } from "./util.ts";

/** The definitions of one estate, in order. */
export type TemplateSet = readonly Rec[];

const VERIFIED_LIMIT = 6000;
const UNVERIFIED_LIMIT = 250;

/** A set rule reports through `report([index, ...path], message)`; the first segment becomes `Finding.index`. */
export const setRules: Rule<TemplateSet>[] = [
  {
    code: "template.set.duplicate",
    severity: "error",
    source: "§1.1 Name uniqueness: (name, language) unique · M-TF",
    description: "No two templates share the same name and language.",
    check(defs, report) {
      const first = new Map<string, number>();
      defs.forEach((d, i) => {
        const name = str(d["name"]);
        const lang = str(d["language"]);
        if (name === undefined || lang === undefined) return;
        const key = `${name}\u0000${lang}`;
        const prev = first.get(key);
        if (prev === undefined) first.set(key, i);
        else
          report(
            [i, "name"],
            `template ${q(name)} in ${lang} is declared twice (first at index ${prev}); (name, language) must be unique`,
          );
      });
    },
  },
  {
    code: "template.set.count",
    severity: "error",
    source: "§1.1 Templates per WABA: 6,000 (verified) · M-TF; error 2388019",
    description: "At most 6,000 template-languages per WABA.",
    check(defs, report) {
      if (defs.length > VERIFIED_LIMIT)
        report(
          [VERIFIED_LIMIT],
          `${defs.length} template-languages; a WABA holds at most ${VERIFIED_LIMIT} (Meta error 2388019)`,
        );
    },
  },
  {
    code: "template.set.count_unverified",
    severity: "warning",
    source: "§1.1 Templates per WABA: 250 if the portfolio is unverified · M-TF",
    description: "More than 250 template-languages need a verified business portfolio.",
    check(defs, report) {
      if (defs.length > UNVERIFIED_LIMIT && defs.length <= VERIFIED_LIMIT)
        report(
          [UNVERIFIED_LIMIT],
          `${defs.length} template-languages; above ${UNVERIFIED_LIMIT} the business portfolio must be verified with an approved display name`,
        );
    },
  },
];
