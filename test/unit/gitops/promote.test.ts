import { describe, expect, it } from "vitest";
import { selectTemplates } from "../../../src/gitops/promote.ts";

const ALL = ["festival_flash_sale", "login_otp", "new_arrivals_carousel", "shipping_update"];

describe("selectTemplates", () => {
  it("removes an exact exclude and keeps the file's comments", () => {
    const text =
      "# env b\nname: b\ntemplates:\n  # not yet\n  exclude:\n    - login_otp # waiting\n    - shipping_update\n";
    const r = selectTemplates(text, ["login_otp"], ALL);
    expect(r.text).toMatchInlineSnapshot(`
      "# env b
      name: b
      templates:
        # not yet
        exclude:
          - shipping_update
      "
    `);
    expect(r.edits).toEqual(['templates.exclude: "login_otp" removed']);
  });

  it("drops the templates section when nothing is left in it", () => {
    const r = selectTemplates("name: b\ntemplates:\n  exclude: [login_otp]\ntags: {}\n", ["login_otp"], ALL);
    expect(r.text).toBe("name: b\ntags: {}\n");
  });

  it("replaces a glob by the names it still has to exclude", () => {
    const r = selectTemplates("templates:\n  exclude: ['*_*_*']\n", ["festival_flash_sale"], ALL);
    expect(r.text).toBe("templates:\n  exclude: [ new_arrivals_carousel ]\n");
  });

  it("adds a name to an include list that does not match it", () => {
    const r = selectTemplates("templates:\n  include:\n    - login_*\n", ["shipping_update", "login_otp"], ALL);
    expect(r.text).toBe("templates:\n  include:\n    - login_*\n    - shipping_update\n");
    expect(r.edits).toEqual(['templates.include: "shipping_update" added']);
  });
});
