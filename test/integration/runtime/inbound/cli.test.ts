/** `waba local-loop` as a user runs it: a subprocess on moto_server, driven through the emulator's admin HTTP API. */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";

const NODE = join(process.cwd(), "node_modules/.bin/node");
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

const admin = async (url: string, method: string, body: unknown) =>
  (await fetch(`${url}/_admin/${method}`, { method: "POST", body: JSON.stringify(body) })).json();

describe("waba local-loop (subprocess)", () => {
  it("answers an injected 'hi' with the declared welcome and menu, and exits 0 on SIGINT", async () => {
    // Prepare
    const child = spawn(NODE, ["bin/waba.js", "local-loop", "--moto-url", process.env["MOTO_URL"] as string], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: "ERROR" },
    });
    children.push(child);
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`waba local-loop exited with ${code}: ${stderr}`)));
    });
    const url = /emulator (http:\/\/127\.0\.0\.1:\d+)/.exec(first)?.[1] as string;
    expect(url).toBeDefined();
    // Act
    await admin(url, "injectInboundMessage", {
      from: "919800000777",
      to: "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      message: { type: "text", text: { body: "hi" } },
    });
    let sent: { message: { type: string } }[] = [];
    for (let i = 0; i < 100 && sent.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      sent = (await admin(url, "sentMessages", { to: "919800000777" })) as typeof sent;
    }
    // Assess
    expect(sent.map((s) => s.message.type)).toEqual(["text", "interactive"]);
    const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    expect(await exit).toBe(0);
  }, 60_000);
});
