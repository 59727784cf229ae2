/** Cross-checks the emulator's routing table against the installed SDK's own schema (an independent source). */
import * as sdk from "@aws-sdk/client-socialmessaging";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../../../src/emulator/server.ts";

type Schema = unknown[];
const table = sdk as unknown as Record<string, Schema | undefined>;
const sdkOperations = Object.keys(sdk)
  .filter((k) => k.endsWith("Command") && k !== "$Command")
  .map((k) => k.slice(0, -"Command".length))
  .sort();

function inputOf(op: string): { members: string[]; query: Record<string, string>; required: string[] } {
  const s = table[`${op}Input$`] as Schema;
  const members = s[4] as string[];
  const schemas = s[5] as unknown[];
  const query: Record<string, string> = {};
  members.forEach((m, i) => {
    const sch = schemas[i];
    if (Array.isArray(sch) && typeof sch[1] === "object" && sch[1] !== null && "httpQuery" in sch[1])
      query[(sch[1] as { httpQuery: string }).httpQuery] = m;
  });
  const requiredCount = typeof s[6] === "number" ? s[6] : 0;
  return { members, query, required: members.slice(0, requiredCount) };
}

describe("operation table", () => {
  it("serves every operation of the installed SDK and nothing else", () => {
    expect(OPERATIONS.map((o) => o.name).sort()).toEqual(sdkOperations);
    expect(sdkOperations).toHaveLength(31);
  });

  it.each(OPERATIONS.map((o) => [o.name, o] as const))("%s matches the SDK's method, path and bindings", (name, op) => {
    const http = (table[`${name}$`] as Schema)[3] as { http: [string, string, number] };
    expect([op.method, op.path]).toEqual([http.http[0], http.http[1]]);
    const input = inputOf(name);
    expect(Object.keys(op.spec).sort()).toEqual([...input.members].sort());
    const boundInQuery =
      op.method === "GET" || op.method === "DELETE"
        ? (op.query ?? Object.fromEntries(Object.keys(op.spec).map((k) => [k, k])))
        : (op.query ?? {});
    expect(boundInQuery).toEqual(input.query);
    for (const member of input.required) expect(op.spec[member]?.req, `${name}.${member} required`).toBe(true);
  });
});
