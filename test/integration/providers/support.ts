/** Shared setup for provider tests: an emulator, provider settings pointing at it, template inputs. */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { setSettings } from "../../../providers/impl/settings.ts";
import type { TemplateInputs } from "../../../providers/impl/template.ts";
import { clearTemplateCache } from "../../../src/eum/templates.ts";
import { normalizeTemplate } from "../../../src/reconcile/template.ts";

export const WABA = "waba-0123456789abcdef0123456789abcdef";
export const WABA_ARN = "arn:aws:social-messaging:us-east-1:111122223333:waba/0123456789abcdef0123456789abcdef";
export const PHONE = "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
export const PHONE_MX = "phone-number-id-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

/** A valid UTILITY definition with a distinct body. */
export function definition(
  name: string,
  body = "your order {{1}} has shipped.",
  language = "en_US",
): Record<string, unknown> {
  return {
    name,
    language,
    category: "UTILITY",
    components: [
      { type: "body", text: `Hello, ${body}`, example: { body_text: [["AR-1"]] } },
      { type: "FOOTER", text: "Acme Retail" },
    ],
  };
}

/** Template inputs as `check` produces them. */
export function templateInputs(name: string, body?: string, language = "en_US"): TemplateInputs {
  const def = definition(name, body, language);
  return { wabaId: WABA, name, language, definition: normalizeTemplate(def) };
}

/** Points the provider implementation at an emulator (and optionally a moto config table); clears caches. */
export function useEndpoints(eumUrl: string, configTable?: string): void {
  setSettings({
    region: "us-east-1",
    eumEndpoint: eumUrl,
    configTable,
    awsEndpoint: process.env.MOTO_URL,
  });
  clearTemplateCache();
}

/** Creates a fresh config table in moto and returns its name. */
export async function createConfigTable(): Promise<{ table: string; db: DynamoDBDocumentClient }> {
  const table = `waba-config-${Math.random().toString(36).slice(2, 10)}`;
  const raw = new DynamoDBClient({ region: "us-east-1", endpoint: process.env.MOTO_URL as string, maxAttempts: 1 });
  await raw.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  return { table, db: DynamoDBDocumentClient.from(raw) };
}

export const tick = (ms = 30): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Returns the error `fn` throws; fails when it does not throw. */
export async function failure(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a failure");
}
