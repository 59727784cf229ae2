/** The emulator as a command (`waba emulator`) and as a server for an independent client (the aws CLI). */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import {
  CreateWhatsAppMessageTemplateCommand,
  GetWhatsAppMessageTemplateCommand,
  ListWhatsAppMessageTemplatesCommand,
  PutWhatsAppBusinessAccountEventDestinationsCommand,
} from "@aws-sdk/client-socialmessaging";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../../src/emulator/index.ts";
import { enc, eumClient, utilityTemplate, WABA } from "./client.ts";

const run = promisify(execFile);
const NODE = join(process.cwd(), "node_modules/.bin/node");
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

/** Starts `waba emulator` and resolves with its URL, read from the first stdout line. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; firstLine: string }> {
  const child = spawn(NODE, ["bin/waba.js", "emulator", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const lines = createInterface({ input: child.stdout! });
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`waba emulator exited with ${code}: ${stderr}`)));
  });
  const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine)?.[1];
  if (!url) throw new Error(`unexpected first line "${firstLine}"`);
  return { child, url, firstLine };
}

describe("waba emulator (subprocess)", () => {
  it("prints its URL first, persists state across kill -9 and restart", async () => {
    const state = join(mkdtempSync(join(tmpdir(), "emu-state-")), "state.json");
    const first = await startCli(["--port", "0", "--state", state]);
    const eum = eumClient(first.url);
    for (const n of [1, 2, 3])
      await eum.send(
        new CreateWhatsAppMessageTemplateCommand({
          id: WABA,
          templateDefinition: enc(utilityTemplate(`persisted_${n}`)),
        }),
      );
    await eum.send(
      new PutWhatsAppBusinessAccountEventDestinationsCommand({
        id: WABA,
        eventDestinations: [{ eventDestinationArn: "arn:aws:sns:us-east-1:111122223333:t" }],
      }),
    );
    const before = await eum.send(new ListWhatsAppMessageTemplatesCommand({ id: WABA }));
    eum.destroy();
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));

    const second = await startCli(["--port", "0", "--state", state]);
    const eum2 = eumClient(second.url);
    const after = await eum2.send(new ListWhatsAppMessageTemplatesCommand({ id: WABA }));
    expect(after.templates?.map((t) => t.templateName)).toEqual([
      "hello_world",
      "persisted_1",
      "persisted_2",
      "persisted_3",
    ]);
    expect(after.templates?.map((t) => t.metaTemplateId)).toEqual(before.templates?.map((t) => t.metaTemplateId));
    const t = JSON.parse(
      (
        await eum2.send(
          new GetWhatsAppMessageTemplateCommand({
            id: WABA,
            templateName: "persisted_2",
            templateLanguageCode: "en_US",
          }),
        )
      ).template as string,
    );
    expect(t.status).toBe("APPROVED");
    eum2.destroy();
    second.child.kill("SIGTERM");
    expect(await new Promise((r) => second.child.once("exit", r))).toBe(0);
  });

  it("exits with a usage error for a bad --port", async () => {
    const r = await run(NODE, ["bin/waba.js", "emulator", "--port", "-3"]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((r as { code: number }).code).toBe(2);
  });
});

describe("aws CLI against the emulator", () => {
  it("lists WABAs and creates, lists and reads a template", async () => {
    const emu = await startEmulator();
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_DEFAULT_REGION: "us-east-1",
    };
    const aws = async (...args: string[]): Promise<Record<string, unknown>> => {
      const { stdout } = await run(
        "aws",
        ["--endpoint-url", emu.url, "--region", "us-east-1", "--output", "json", "socialmessaging", ...args],
        { env },
      );
      return JSON.parse(stdout) as Record<string, unknown>;
    };
    try {
      const list = await aws("list-linked-whatsapp-business-accounts");
      expect((list.linkedAccounts as { id: string }[]).map((a) => a.id)).toEqual([WABA]);
      const def = join(mkdtempSync(join(tmpdir(), "emu-cli-")), "def.json");
      writeFileSync(def, JSON.stringify(utilityTemplate("from_aws_cli")));
      const created = await aws(
        "create-whatsapp-message-template",
        "--id",
        WABA,
        "--template-definition",
        `fileb://${def}`,
      );
      expect(created).toMatchObject({ templateStatus: "PENDING", category: "UTILITY" });
      const templates = await aws("list-whatsapp-message-templates", "--id", WABA);
      expect((templates.templates as { templateName: string }[]).map((t) => t.templateName)).toContain("from_aws_cli");
      const got = await aws(
        "get-whatsapp-message-template",
        "--id",
        WABA,
        "--meta-template-id",
        created.metaTemplateId as string,
      );
      expect(JSON.parse(got.template as string).name).toBe("from_aws_cli");
    } finally {
      await emu.stop();
    }
  });
});
