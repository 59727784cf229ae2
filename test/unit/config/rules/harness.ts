/** Runs a case group: bases come out clean; each failing fixture yields its code; each passing one does not. */
import { describe, expect, it } from "vitest";
import { type CaseGroup, codes } from "./support.ts";

/** Registers the tests of one case group. */
export function runGroup(group: CaseGroup): void {
  describe(`${group.name} fixtures`, () => {
    it.each(group.bases.map((b, i) => [i, b] as const))("base #%i passes clean", (_i, base) => {
      expect(group.check(base)).toEqual([]);
    });
    it.each(group.cases.map((c) => [c.code, c.note, c] as const))("%s fails: %s", (code, _note, c) => {
      const found = group.check(c.fail);
      expect(codes(found)).toContain(code);
      for (const f of found) expect(f.message.length).toBeGreaterThan(10);
    });
    it.each(group.cases.map((c) => [c.code, c.note, c] as const))(
      "%s passes (counterpart of: %s)",
      (code, _note, c) => {
        expect(codes(group.check(c.pass ?? group.bases[0]))).not.toContain(code);
      },
    );
  });
}
