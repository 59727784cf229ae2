/**
 * `npm run demo`: starts the EUM emulator (and moto_server for the runtime config table, when installed), runs
 * `pulumi preview` and `pulumi up` of the `local` stack against them, edits a template behind the stack's back
 * (as someone in WhatsApp Manager would) and shows `pulumi preview --refresh` detecting the drift.
 * Needs the Pulumi CLI from scripts/ensure-pulumi.sh (built on first use). Writes nothing in the checkout.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startEmulator } from "../src/emulator/index.ts";
import { createWorkspace, ensurePulumi, initStack } from "../src/pulumi/workspace.ts";

const WABA = "waba-0123456789abcdef0123456789abcdef";

const banner = (s: string): void => {
  process.stdout.write(`\n\x1b[1m=== ${s} ===\x1b[0m\n`);
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts moto_server if it is installed; undefined otherwise. */
async function startMoto(): Promise<{ url: string; child: ChildProcess } | undefined> {
  const port = await freePort();
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const failed = new Promise<undefined>((r) => child.once("error", () => r(undefined)));
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) return undefined;
      try {
        await fetch(`${url}/moto-api/`);
        return { url, child };
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return undefined;
  })();
  return Promise.race([ready, failed]);
}

async function main(): Promise<void> {
  process.env.AWS_ACCESS_KEY_ID ??= "test";
  process.env.AWS_SECRET_ACCESS_KEY ??= "test";
  process.env.AWS_REGION ??= "us-east-1";
  banner("Pulumi CLI");
  const bin = ensurePulumi();
  process.stdout.write(`using ${bin}/pulumi\n`);

  const emu = await startEmulator();
  const moto = await startMoto();
  const config: Record<string, string> = { "aws:region": "us-east-1", "waba:eumEndpoint": emu.url };
  if (moto) {
    const table = "waba-config-demo";
    await new DynamoDBClient({ endpoint: moto.url, region: "us-east-1" }).send(
      new CreateTableCommand({
        TableName: table,
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    Object.assign(config, { "waba:configTable": table, "waba:awsEndpoint": moto.url });
  } else process.stdout.write("moto_server not found: running without the runtime config table\n");
  process.stdout.write(`EUM emulator at ${emu.url}${moto ? `, moto_server at ${moto.url}` : ""}\n`);

  let wsDir: string | undefined;
  try {
    const ws = createWorkspace("local", config, { bin });
    wsDir = ws.dir;
    await initStack(ws, "local");
    banner("pulumi preview (local): what would be created");
    await ws.run(["preview"], { stream: true });
    banner("pulumi up (local)");
    await ws.run(["up", "--yes", "--skip-preview"], { stream: true });
    await new Promise((r) => setTimeout(r, 300));

    banner("someone edits shipping_update (en_US) in WhatsApp Manager; Meta rejects order_confirmation (hi)");
    emu.admin.editTemplateOutOfBand({
      wabaId: WABA,
      name: "shipping_update",
      language: "en_US",
      components: [{ type: "BODY", text: "Your parcel {{1}} is coming!", example: { body_text: [["AR-1"]] } }],
    });
    emu.admin.setTemplateStatus({
      wabaId: WABA,
      name: "order_confirmation",
      language: "hi",
      status: "REJECTED",
      reason: "PROMOTIONAL",
    });

    banner("pulumi preview --refresh --expect-no-changes: the drift gate");
    const drift = await ws.run(["preview", "--refresh", "--diff", "--expect-no-changes"], {
      stream: true,
      allowFailure: true,
    });
    banner(
      drift.code === 0
        ? "no drift found (unexpected)"
        : "drift detected: `pulumi up` would restore shipping_update (en_US)",
    );
    process.exitCode = drift.code === 0 ? 1 : 0;
  } finally {
    if (wsDir) rmSync(wsDir, { recursive: true, force: true });
    await emu.stop();
    moto?.child.kill("SIGTERM");
  }
}

await main();
