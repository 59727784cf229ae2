/**
 * Local EUM emulator: serves the restJson1 API of @aws-sdk/client-socialmessaging on 127.0.0.1, simulates Meta's
 * template review, delivery statuses and webhooks, and publishes events in EUM's envelope. See docs/emulator.md.
 */
import type { AddressInfo } from "node:net";
import { createAdmin, type EmulatorAdmin } from "./admin.ts";
import { type EmulatorClock, systemClock } from "./clock.ts";
import { Engine } from "./engine.ts";
import type { EventSinkConfig, PublishedEvent } from "./events.ts";
import { DEFAULT_SEED, type EmulatorSeed, loadSeedFile } from "./seed.ts";
import { createEmulatorServer } from "./server.ts";

export type { EmulatorAdmin, TemplateRef } from "./admin.ts";
export { type EmulatorClock, ManualClock } from "./clock.ts";
export type { Fault, SentMessage } from "./engine.ts";
export type { EumEnvelope, EventSinkConfig, PublishedEvent } from "./events.ts";
export { DEFAULT_SEED, type EmulatorSeed, emulatorSeedSchema, loadSeedFile } from "./seed.ts";
export { OPERATIONS } from "./server.ts";

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** 0 = random free port (default). */
  port?: number;
  /** Default 127.0.0.1; never binds anything else unless told to. */
  host?: string;
  /** Seed object or path to a YAML/JSON seed file; default DEFAULT_SEED. Ignored when statePath already exists. */
  seed?: EmulatorSeed | string;
  /** Persist durable state here (atomic writes); reloaded on start. */
  statePath?: string;
  /** Controllable clock; default real time. */
  clock?: EmulatorClock;
  /** Template review delay; default 0 = reviewed on the next tick. */
  reviewDelayMs?: number;
  /** Extra event sinks (in addition to in-process listeners and the WABA's SNS event destination). */
  sinks?: EventSinkConfig[];
  /** AWS-compatible endpoint (moto_server URL) for S3 media and for SNS event destinations set through the API. */
  awsEndpoint?: string;
  /** Cap of the sent-message and event histories (ring buffers); default 10,000 each. */
  historyLimit?: number;
  accountId?: string;
  region?: string;
}

/** A running emulator. */
export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  admin: EmulatorAdmin;
  /** Subscribes to every published event; returns the unsubscribe function. */
  onEvent(listener: (e: PublishedEvent) => void): () => void;
  stop(): Promise<void>;
}

/** Starts an emulator and resolves once it is listening. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = typeof opts.seed === "string" ? loadSeedFile(opts.seed) : (opts.seed ?? DEFAULT_SEED);
  const engine = new Engine({
    seed,
    statePath: opts.statePath,
    clock: opts.clock ?? systemClock,
    reviewDelayMs: opts.reviewDelayMs ?? 0,
    sinks: opts.sinks ?? [],
    awsEndpoint: opts.awsEndpoint?.replace(/\/+$/, ""),
    historyLimit: opts.historyLimit ?? 10_000,
    accountId: opts.accountId,
    region: opts.region,
  });
  const admin = createAdmin(engine);
  const server = createEmulatorServer(engine, admin);
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  engine.url = url;
  return {
    url,
    port,
    admin,
    onEvent(listener) {
      engine.listeners.add(listener);
      return () => {
        engine.listeners.delete(listener);
      };
    },
    async stop() {
      engine.stop();
      await engine.drainSinks();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
