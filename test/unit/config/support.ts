import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach } from "vitest";

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Writes a config tree (relative path → content) into a fresh temp dir, removed after the test. */
export function tree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), "waba-config-"));
  made.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

/** A valid single-language utility template as YAML. */
export const ORDER_UPDATE = `name: order_update
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "Order {{1}} is ready."
    example:
      body_text: [["AR-1"]]
`;

/** A valid two-language template as YAML. */
export const MULTI = `name: order_update
category: UTILITY
languages:
  en_US:
    components:
      - type: BODY
        text: "Order {{1}} is ready."
        example: { body_text: [["AR-1"]] }
  es_MX:
    message_send_ttl_seconds: 600
    components:
      - type: BODY
        text: "El pedido {{1}} está listo."
        example: { body_text: [["AR-1"]] }
`;

/** A minimal valid environment file. */
export function envFile(name: string, extra = ""): string {
  return `name: ${name}\naws: { region: us-east-1 }\nwaba: { id: waba-00000000000000000000000000000001 }\n${extra}`;
}
