/** src/eum against the emulator with the real SDK: retries, error wrapping, pagination and the shared list. */
import {
  GetLinkedWhatsAppBusinessAccountCommand,
  ListWhatsAppMessageTemplatesCommand,
} from "@aws-sdk/client-socialmessaging";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.ts";
import { callEum, collectPages, createEumClient } from "../../../src/eum/client.ts";
import { AwsCallError, isNotFound } from "../../../src/eum/errors.ts";
import { clearTemplateCache, createTemplate, getTemplate, listTemplates } from "../../../src/eum/templates.ts";

const WABA = "waba-0123456789abcdef0123456789abcdef";
const fast = { attempts: 4, baseDelayMs: 2, budgetMs: 5_000 };
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.stop();
});
beforeEach(() => {
  emu.admin.reset();
  clearTemplateCache();
});

const eum = () => createEumClient({ region: "us-east-1", endpoint: emu.url });
const body = (n: number) => ({
  name: `bulk_${n}`,
  language: "en_US",
  category: "UTILITY",
  components: [{ type: "BODY", text: `Notice number ${n} for {{1}}.`, example: { body_text: [["Ana"]] } }],
});

describe("callEum", () => {
  it("retries throttling and dependency failures, then succeeds", async () => {
    emu.admin.injectFault({
      operation: "GetLinkedWhatsAppBusinessAccount",
      error: "ThrottledRequestException",
      count: 1,
    });
    emu.admin.injectFault({ operation: "GetLinkedWhatsAppBusinessAccount", error: "DependencyException", count: 1 });
    const client = eum();

    const out = await callEum(
      "GetLinkedWhatsAppBusinessAccount",
      WABA,
      () => client.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: WABA })),
      fast,
    );

    expect(out.account?.id).toBe(WABA);
    expect(emu.admin.callCounts().GetLinkedWhatsAppBusinessAccount).toBe(3);
  });

  it("wraps a failure with operation, resource id, SDK name and status once the attempts are spent", async () => {
    emu.admin.injectFault({
      operation: "GetLinkedWhatsAppBusinessAccount",
      error: "InternalServiceException",
      count: 10,
    });
    const client = eum();

    const err = await callEum(
      "GetLinkedWhatsAppBusinessAccount",
      WABA,
      () => client.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: WABA })),
      fast,
    ).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(AwsCallError);
    expect(err).toMatchObject({
      operation: "GetLinkedWhatsAppBusinessAccount",
      resourceId: WABA,
      errorName: "InternalServiceException",
      status: 500,
    });
    expect((err as Error).message).toContain(
      `GetLinkedWhatsAppBusinessAccount ${WABA} failed: InternalServiceException`,
    );
    expect(emu.admin.callCounts().GetLinkedWhatsAppBusinessAccount).toBe(4);
  });

  it("does not retry a client error", async () => {
    const client = eum();
    const err = await callEum(
      "GetLinkedWhatsAppBusinessAccount",
      "waba-nope",
      () => client.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: "waba-ffffffffffffffffffffffffffffffff" })),
      fast,
    ).catch((e: unknown) => e);
    expect(isNotFound(err)).toBe(true);
    expect(emu.admin.callCounts().GetLinkedWhatsAppBusinessAccount).toBe(1);
  });
});

describe("template listing", () => {
  it("collects every page and lists each WABA once per process", async () => {
    const client = eum();
    for (let n = 0; n < 105; n++) await createTemplate(client, WABA, body(n));
    clearTemplateCache();

    const pages = await collectPages(
      (nextToken) => client.send(new ListWhatsAppMessageTemplatesCommand({ id: WABA, maxResults: 50, nextToken })),
      (p) => p.templates,
      (p) => p.nextToken,
    );
    const before = emu.admin.callCounts().ListWhatsAppMessageTemplates ?? 0;
    const [a, b] = await Promise.all([listTemplates(client, WABA), listTemplates(client, WABA)]);

    expect(pages).toHaveLength(106);
    expect(a).toBe(b);
    expect(a.size).toBe(106);
    expect((emu.admin.callCounts().ListWhatsAppMessageTemplates ?? 0) - before).toBe(2);
  });

  it("returns undefined for a missing template and parses Meta's JSON string", async () => {
    const client = eum();
    expect(await getTemplate(client, WABA, { name: "nope", language: "en_US" })).toBeUndefined();
    const hello = await getTemplate(client, WABA, { name: "hello_world", language: "en_US" });
    expect(hello).toMatchObject({ name: "hello_world", language: "en_US", status: "APPROVED" });
  });
});
