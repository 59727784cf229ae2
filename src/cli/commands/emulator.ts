/** `waba emulator`: runs the local EUM emulator until SIGINT/SIGTERM. */
import type { Command } from "commander";
import { startEmulator } from "../../emulator/index.ts";
import { UsageError } from "../errors.ts";

function int(name: string, min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UsageError(`${name} must be an integer ${min}–${max}, got "${v}"`);
    return n;
  };
}

/** Registers `waba emulator`. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command("emulator")
    .description("Run the local AWS End User Messaging Social emulator (EUM API + simulated Meta)")
    .option("--port <n>", "port to listen on (0 = random)", int("--port", 0, 65535), 0)
    .option("--host <host>", "address to bind", "127.0.0.1")
    .option("--state <file>", "persist state in this file (atomic writes; reloaded on start)")
    .option("--seed <file>", "YAML/JSON seed file (default: the built-in Acme Retail seed)")
    .option("--review-delay-ms <n>", "template review delay in ms", int("--review-delay-ms", 0, 2_147_483_647), 0)
    .option("--aws-endpoint <url>", "AWS-compatible endpoint (moto_server) for S3 media and SNS event destinations")
    .action(
      async (o: {
        port: number;
        host: string;
        state?: string;
        seed?: string;
        reviewDelayMs: number;
        awsEndpoint?: string;
      }) => {
        const opts: Parameters<typeof startEmulator>[0] = {
          port: o.port,
          host: o.host,
          reviewDelayMs: o.reviewDelayMs,
        };
        if (o.state !== undefined) opts.statePath = o.state;
        if (o.seed !== undefined) opts.seed = o.seed;
        if (o.awsEndpoint !== undefined) opts.awsEndpoint = o.awsEndpoint;
        let emu: Awaited<ReturnType<typeof startEmulator>>;
        try {
          emu = await startEmulator(opts);
        } catch (err) {
          process.stderr.write(`waba emulator: ${(err as Error).message}\n`);
          setExit(1);
          return;
        }
        process.stdout.write(`listening on ${emu.url}\n`);
        process.stderr.write(
          `EUM emulator ready: aws --endpoint-url ${emu.url} socialmessaging list-linked-whatsapp-business-accounts\n` +
            `admin API under ${emu.url}/_admin/ (docs/emulator.md)${o.state ? `; state in ${o.state}` : ""}\n`,
        );
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            process.off("SIGINT", stop);
            process.off("SIGTERM", stop);
            resolve();
          };
          process.on("SIGINT", stop);
          process.on("SIGTERM", stop);
        });
        await emu.stop();
        setExit(0);
      },
    );
}
