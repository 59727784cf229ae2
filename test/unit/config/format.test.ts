import { describe, expect, it } from "vitest";
import { formatProblems, githubAnnotation, summarize } from "../../../src/config/format.ts";
import type { Problem } from "../../../src/config/problem.ts";
import { validateConfig } from "../../../src/config/validate.ts";
import { tree } from "./support.ts";

const BAD = `name: order_update
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "Order {{1}} is ready."
  - type: FOOTER
    text: "Thanks for shopping with Acme Retail, the best retailer in the whole wide world"
  - type: BUTTONS
    buttons:
      - { type: QUICK_REPLY, txt: Track }
`;

async function problemsOf(yaml: string): Promise<{ problems: Problem[]; root: string }> {
  const root = tree({ "t.yaml": yaml });
  const { problems } = await validateConfig(root);
  return { problems: problems.map((p) => ({ ...p, file: p.file.slice(root.length + 1) })), root };
}

describe("formatProblems", () => {
  it("renders text as file:line:col path: message [code]", async () => {
    const { problems } = await problemsOf(BAD);
    expect(formatProblems(problems, "text")).toMatchInlineSnapshot(`
      "t.yaml:11:9 components[2].buttons[0]: missing required property "text" [schema.required]
      t.yaml:11:30 components[2].buttons[0].txt: unknown property "txt"; did you mean "text"? [schema.additionalProperties]
      "
    `);
  });

  it("renders Meta rule findings with the quoted value and the limit", async () => {
    const { problems } = await problemsOf(BAD.replace(/\n {2}- type: BUTTONS[\s\S]*$/, "\n"));
    expect(formatProblems(problems, "text")).toMatchInlineSnapshot(`
      "t.yaml:5:5 components[0].example: 1 parameter(s) but no example.body_text; add example.body_text: [["…", …]] with one value per parameter [template.params.example_required]
      t.yaml:8:11 components[1].text: footer text "Thanks for shopping with Acme Retail, the best retailer i…" is 79 chars; the limit is 60 [template.footer.length]
      "
    `);
  });

  it("renders GitHub annotations with escaped properties", () => {
    const p: Problem = {
      file: "config/base/templates/a,b.yaml",
      line: 3,
      column: 7,
      path: "components[0].text",
      code: "template.body.length",
      message: "body is 1031 chars; the limit is 1024\nsecond line 100%",
      severity: "error",
    };
    expect(githubAnnotation(p)).toMatchInlineSnapshot(
      `"::error file=config/base/templates/a%2Cb.yaml,line=3,col=7,title=template.body.length::components[0].text: body is 1031 chars; the limit is 1024%0Asecond line 100%25"`,
    );
    expect(formatProblems([{ ...p, severity: "warning", path: "" }], "github")).toBe(
      "::warning file=config/base/templates/a%2Cb.yaml,line=3,col=7,title=template.body.length::body is 1031 chars; the limit is 1024%0Asecond line 100%25\n",
    );
  });

  it("renders JSON as an array of problems", async () => {
    const { problems } = await problemsOf(BAD);
    const parsed = JSON.parse(formatProblems(problems, "json"));
    expect(parsed).toEqual(problems);
    expect(Object.keys(parsed[0]).sort()).toEqual(["code", "column", "file", "line", "message", "path", "severity"]);
  });

  it("summarizes counts", () => {
    expect(summarize([], 1)).toBe("1 file checked: 0 errors, 0 warnings");
  });
});
