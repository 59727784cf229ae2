/**
 * Emulator throughput: sustained SendWhatsAppMessage through the real SDK client (keep-alive agents, many requests in
 * flight) against an emulator in its own process. The SDK client costs more CPU per call than the emulator, so load
 * comes from several client processes. Prints req/s, p50/p99 latency, CPU per send on each side, and the emulator's
 * memory as the message count grows (its per-message history is a bounded ring buffer).
 *
 *   npm run bench:emulator -- [--messages 100000] [--concurrency 64] [--clients 2]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Agent } from "node:http";
import { createInterface } from "node:readline";
import { SendWhatsAppMessageCommand, SocialMessagingClient } from "@aws-sdk/client-socialmessaging";

const PHONE = "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const SELF = new URL(import.meta.url).pathname;

interface Stats {
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
  sentTotal: number;
}

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
const pct = (sorted: Float64Array, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
  });
}

async function stats(url: string, gc = false): Promise<Stats> {
  return (
    await fetch(`${url}/_admin/stats`, { method: "POST", body: JSON.stringify({ gc }) })
  ).json() as Promise<Stats>;
}

/** One load process: `count` sends, `concurrency` in flight; reports latencies and CPU as one JSON line. */
async function client(url: string, offset: number, count: number, concurrency: number, warmup: number): Promise<void> {
  const eum = new SocialMessagingClient({
    endpoint: url,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: concurrency }) },
  });
  const sendOne = (n: number): Promise<unknown> =>
    eum.send(
      new SendWhatsAppMessageCommand({
        originationPhoneNumberId: PHONE,
        metaApiVersion: "v20.0",
        message: new TextEncoder().encode(
          JSON.stringify({
            messaging_product: "whatsapp",
            to: `91980${String(n % 100_000).padStart(7, "0")}`,
            type: "template",
            template: { name: "hello_world", language: { code: "en_US" } },
          }),
        ),
      }),
    );
  for (let i = 0; i < warmup; i += concurrency)
    await Promise.all(Array.from({ length: concurrency }, (_, k) => sendOne(i + k)));
  process.stdout.write("ready\n");
  await new Promise((r) => process.stdin.once("data", r));
  const lat = new Float64Array(count);
  let next = 0;
  let errors = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const n = next++;
        if (n >= count) return;
        const s = performance.now();
        try {
          await sendOne(offset + n);
        } catch {
          errors++;
        }
        lat[n] = performance.now() - s;
      }
    }),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${JSON.stringify({ ms, errors, cpuUs: cpu.user + cpu.system, lat: Array.from(lat) })}\n`);
  eum.destroy();
}

async function main(): Promise<void> {
  const total = arg("messages", 100_000);
  const concurrency = arg("concurrency", 64);
  const clients = arg("clients", 2);
  const server = spawn(process.execPath, ["--expose-gc", SELF, "--serve"], { stdio: ["ignore", "pipe", "inherit"] });
  const workers: ChildProcess[] = [];
  try {
    const url = (await firstLine(server)).replace("listening on ", "");
    const per = Math.floor(total / clients);
    for (let c = 0; c < clients; c++) {
      workers.push(
        spawn(
          process.execPath,
          [SELF, "--client", url, String(c * per), String(per), String(Math.ceil(concurrency / clients)), "1000"],
          { stdio: ["pipe", "pipe", "inherit"] },
        ),
      );
    }
    await Promise.all(workers.map(firstLine)); // all warmed up
    const base = await stats(url, true);
    console.log(
      `emulator ${url}: ${per * clients} SendWhatsAppMessage calls through the real SDK client, ` +
        `${clients} client processes, ${concurrency} in flight, keep-alive`,
    );
    console.log(
      `emulator memory after warm-up (${base.sentTotal} sends): rss ${mb(base.memory.rss)}, heapUsed ${mb(base.memory.heapUsed)}`,
    );
    const results = workers.map(
      (w) =>
        new Promise<{ ms: number; errors: number; cpuUs: number; lat: number[] }>((resolve) => {
          const lines = createInterface({ input: w.stdout! });
          lines.on("line", (l) => {
            if (l.startsWith("{")) resolve(JSON.parse(l));
          });
        }),
    );
    let sampling = true;
    const samples: string[] = [];
    const sampler = (async () => {
      while (sampling) {
        await new Promise((r) => setTimeout(r, 5000));
        const s = await stats(url);
        samples.push(
          `${String(s.sentTotal - base.sentTotal).padStart(7)} sends: rss ${mb(s.memory.rss)}, heapUsed ${mb(s.memory.heapUsed)}`,
        );
      }
    })();
    const t0 = performance.now();
    for (const w of workers) w.stdin?.write("go\n");
    const done = await Promise.all(results);
    const secs = (performance.now() - t0) / 1000;
    sampling = false;
    await sampler;
    const end = await stats(url);
    const retained = await stats(url, true);
    const lat = Float64Array.from(done.flatMap((d) => d.lat)).sort();
    const errors = done.reduce((a, d) => a + d.errors, 0);
    const sent = lat.length;
    console.log("emulator memory while sending:");
    for (const s of samples) console.log(`  after ${s}`);
    console.log(
      `throughput: ${(sent / secs).toFixed(0)} sends/s sustained (${sent} in ${secs.toFixed(1)} s, ${errors} errors)`,
    );
    console.log(
      `latency per call: p50 ${pct(lat, 0.5).toFixed(2)} ms, p99 ${pct(lat, 0.99).toFixed(2)} ms, max ${pct(lat, 1).toFixed(2)} ms`,
    );
    console.log(
      `emulator memory after ${end.sentTotal} sends: rss ${mb(end.memory.rss)}, heapUsed ${mb(end.memory.heapUsed)}; ` +
        `after a full GC: heapUsed ${mb(retained.memory.heapUsed)} (warm-up: ${mb(base.memory.heapUsed)})`,
    );
    const emuUs = end.cpu.user + end.cpu.system - (base.cpu.user + base.cpu.system);
    const cliUs = done.reduce((a, d) => a + d.cpuUs, 0);
    console.log(
      `CPU per send: emulator ${(emuUs / sent).toFixed(0)} µs (≈ ${Math.round((1e6 * sent) / emuUs)} sends/s on one core); ` +
        `SDK client ${(cliUs / sent).toFixed(0)} µs (≈ ${Math.round((1e6 * sent) / cliUs)} sends/s per client core)`,
    );
  } finally {
    for (const w of workers) w.kill("SIGTERM");
    server.kill("SIGTERM");
  }
}

if (process.argv.includes("--serve")) {
  const { startEmulator } = await import("../src/emulator/index.ts");
  const emu = await startEmulator({ port: 0 });
  process.stdout.write(`listening on ${emu.url}\n`);
  process.on("SIGTERM", () => void emu.stop().then(() => process.exit(0)));
} else if (process.argv.includes("--client")) {
  const i = process.argv.indexOf("--client");
  const [url, offset, count, conc, warm] = process.argv.slice(i + 1);
  await client(url as string, Number(offset), Number(count), Number(conc), Number(warm));
} else {
  await main();
}
