/**
 * Runs the real Pulumi CLI (from scripts/ensure-pulumi.sh) against the repo's Pulumi project with a throwaway file
 * backend, PULUMI_HOME and stack config file, so nothing in the checkout is written. Used by the e2e tests, the
 * demo and the preview benchmark; never by the program itself.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The repo root. */
export const ROOT = resolve(import.meta.dirname, "..", "..");

/** Result of one CLI run. */
export interface PulumiResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout + stderr. */
  output: string;
}

/** Options of `PulumiWorkspace.run`. */
export interface RunOptions {
  /** Resolve instead of rejecting on a non-zero exit. */
  allowFailure?: boolean;
  /** Do not add --stack/--config-file (for `stack init`). */
  plain?: boolean;
  /** Also copy the CLI's output to this process's stdout/stderr. */
  stream?: boolean;
  /** Extra environment for this run. */
  env?: Record<string, string>;
}

/** A throwaway workspace for one stack. */
export interface PulumiWorkspace {
  dir: string;
  /** A copy of config/ the test may edit (`waba:configRoot` points at it). */
  configRoot: string;
  /** Runs `pulumi <args>` with --stack/--config-file added unless `plain`. */
  run(args: string[], opts?: RunOptions): Promise<PulumiResult>;
}

/** The directory holding `pulumi` (builds the CLI on first use; slow). */
export function ensurePulumi(): string {
  const out = execFileSync("bash", [join(ROOT, "scripts", "ensure-pulumi.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 3_600_000,
  });
  const bin = out.trim().split("\n").at(-1);
  if (!bin) throw new Error("scripts/ensure-pulumi.sh printed no directory");
  return bin;
}

/** Creates a workspace for `stack` with the given stack config (written to a temp config file). */
export function createWorkspace(
  stack: string,
  config: Record<string, string>,
  opts: { bin?: string; configRoot?: string } = {},
): PulumiWorkspace {
  const bin = opts.bin ?? ensurePulumi();
  const dir = mkdtempSync(join(tmpdir(), "waba-pulumi-"));
  const state = join(dir, "state");
  mkdirSync(state);
  const configRoot = opts.configRoot ?? join(dir, "config");
  if (!opts.configRoot) cpSync(join(ROOT, "config"), configRoot, { recursive: true });
  const configFile = join(dir, `Pulumi.${stack}.yaml`);
  const all = { "waba:configRoot": configRoot, ...config };
  writeFileSync(
    configFile,
    `config:\n${Object.entries(all)
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
      .join("\n")}\n`,
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [
      bin,
      join(ROOT, "node_modules", ".bin"),
      join(ROOT, "node_modules", "@pulumi", "pulumi"),
      process.env.PATH,
    ].join(":"),
    PULUMI_HOME: join(dir, "home"),
    PULUMI_BACKEND_URL: `file://${state}`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    WABA_PULUMI_NODEJS_TYPESCRIPT: "false",
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? "test",
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? "test",
    AWS_REGION: process.env.AWS_REGION ?? "us-east-1",
    NO_COLOR: "1",
  };
  const run = (args: string[], o: RunOptions = {}): Promise<PulumiResult> =>
    new Promise((done, fail) => {
      const child = spawn(
        join(bin, "pulumi"),
        [
          ...args,
          "--non-interactive",
          "--color",
          "never",
          ...(o.plain ? [] : ["--stack", stack, "--config-file", configFile]),
        ],
        {
          cwd: ROOT,
          env,
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        if (o.stream) process.stdout.write(d);
      });
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (o.stream) process.stderr.write(d);
      });
      child.on("error", fail);
      child.on("close", (code) => {
        const r = { code: code ?? 1, stdout, stderr, output: `${stdout}\n${stderr}` };
        if (r.code !== 0 && !o.allowFailure)
          fail(new Error(`pulumi ${args.join(" ")} exited with ${r.code}:\n${r.output.slice(-6000)}`));
        else done(r);
      });
    });
  return {
    dir,
    configRoot,
    async run(args, o) {
      return run(args, o);
    },
  };
}

/** Creates the stack in the workspace's backend. */
export async function initStack(ws: PulumiWorkspace, stack: string): Promise<void> {
  await ws.run(["stack", "init", stack], { plain: true });
}
