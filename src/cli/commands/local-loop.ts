/** `waba local-loop`: the runtime on a laptop (emulator + moto_server + the real handlers) until SIGINT/SIGTERM. */
import type { Command } from "commander";
import { formatProblem } from "../../config/problem.ts";
import { type RunningEmulator, startEmulator } from "../../emulator/index.ts";
import { type LocalLoop, startLocalLoop, startMotoServer } from "../../runtime/local-loop.ts";
import { UsageError } from "../errors.ts";

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be an integer 0–65535, got "${v}"`);
  return n;
}

/** Registers `waba local-loop`. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command("local-loop")
    .description("Run the runtime locally: EUM emulator → SNS/SQS (moto_server) → ingest handler → sender → emulator")
    .option("--config <dir>", "config tree loaded into the runtime config store", "config")
    .option("--env <name>", "environment overlay", "local")
    .option("--moto-url <url>", "use a running moto_server (default: start one)")
    .option("--port <n>", "emulator port (0 = random)", port, 0)
    .option("--raw-delivery", "SNS raw message delivery to the inbound queue", false)
    .action(async (o: { config: string; env: string; motoUrl?: string; port: number; rawDelivery: boolean }) => {
      let moto: { url: string; stop(): Promise<void> } | undefined;
      let emu: RunningEmulator | undefined;
      let loop: LocalLoop | undefined;
      try {
        if (o.motoUrl === undefined) moto = await startMotoServer();
        const motoUrl = o.motoUrl ?? (moto as { url: string }).url;
        emu = await startEmulator({ port: o.port, awsEndpoint: motoUrl });
        loop = await startLocalLoop({
          motoUrl,
          emulator: emu,
          configRoot: o.config,
          env: o.env,
          rawDelivery: o.rawDelivery,
        });
      } catch (err) {
        process.stderr.write(`waba local-loop: ${(err as Error).message}\n`);
        await emu?.stop();
        await moto?.stop();
        setExit(1);
        return;
      }
      for (const p of loop.problems) process.stderr.write(`${formatProblem(p)}\n`);
      const url = emu.url;
      process.stdout.write(
        `local loop running: emulator ${url}, moto ${o.motoUrl ?? moto?.url}\n` +
          `say hi as a user:\n  curl -s ${url}/_admin/injectInboundMessage -d '{"from":"919800000001","to":"phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","message":{"type":"text","text":{"body":"hi"}}}'\n` +
          `see the replies:\n  curl -s ${url}/_admin/sentMessages -d '{}'\n`,
      );
      const running = loop.run();
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      await loop.stop();
      await running;
      await emu.stop();
      await moto?.stop();
      setExit(0);
    });
}
