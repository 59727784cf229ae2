/**
 * Drives the real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) over gRPC as the engine does
 * (pulumi-dynamic-providers.md §3.4): spawn with the project root as cwd, read the port from stdout, call RPCs.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const grpc = require("@grpc/grpc-js");
const services = require("@pulumi/pulumi/proto/provider_grpc_pb.js");
const messages = require("@pulumi/pulumi/proto/provider_pb.js");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb.js");

type Obj = Record<string, unknown>;

/** A running provider host and typed wrappers of its RPCs. */
export interface ProviderHost {
  stderr(): string;
  configure(config: Record<string, string>): Promise<void>;
  check(olds: Obj, news: Obj): Promise<{ inputs: Obj; failures: { property: string; reason: string }[] }>;
  diff(
    id: string,
    olds: Obj,
    news: Obj,
  ): Promise<{ changes: number; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(properties: Obj): Promise<{ id: string; properties: Obj }>;
  read(id: string, properties: Obj, inputs?: Obj): Promise<{ id: string; properties: Obj; inputs: Obj | undefined }>;
  update(id: string, olds: Obj, news: Obj): Promise<{ properties: Obj }>;
  delete(id: string, properties: Obj): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the host with `env` added to the environment; cwd is the project root. */
export async function startProviderHost(root: string, env: Record<string, string>): Promise<ProviderHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, "node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"), "127.0.0.1:1"],
    { cwd: root, env: { ...process.env, PULUMI_NODEJS_PROJECT: "waba", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`provider host did not start: ${err}`)), 20_000);
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.once("exit", (code) => reject(new Error(`provider host exited with ${code}: ${err}`)));
  });
  const client = new services.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = <T>(method: string, req: unknown): Promise<T> =>
    new Promise((resolve, reject) =>
      client[method](req, { deadline: Date.now() + 20_000 }, (e: Error | null, res: T) =>
        e ? reject(e) : resolve(res),
      ),
    );
  const struct = (o: Obj) => Struct.fromJavaScript(o);
  return {
    stderr: () => err,
    async configure(config) {
      const req = new messages.ConfigureRequest();
      req.setArgs(struct(config));
      await call("configure", req);
    },
    async check(olds, news) {
      const req = new messages.CheckRequest();
      req.setUrn("urn:pulumi:local::waba::pulumi-nodejs:dynamic/whatsapp:Template::t");
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await call<{
        getInputs(): { toJavaScript(): Obj };
        getFailuresList(): { getProperty(): string; getReason(): string }[];
      }>("check", req);
      return {
        inputs: res.getInputs().toJavaScript(),
        failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async diff(id, olds, news) {
      const req = new messages.DiffRequest();
      req.setId(id);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await call<{ getChanges(): number; getReplacesList(): string[]; getDeletebeforereplace(): boolean }>(
        "diff",
        req,
      );
      return {
        changes: res.getChanges(),
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      };
    },
    async create(properties) {
      const req = new messages.CreateRequest();
      req.setProperties(struct(properties));
      const res = await call<{ getId(): string; getProperties(): { toJavaScript(): Obj } }>("create", req);
      return { id: res.getId(), properties: res.getProperties().toJavaScript() };
    },
    async read(id, properties, inputs) {
      const req = new messages.ReadRequest();
      req.setId(id);
      req.setProperties(struct(properties));
      if (inputs) req.setInputs(struct(inputs));
      const res = await call<{
        getId(): string;
        getProperties(): { toJavaScript(): Obj } | undefined;
        getInputs(): { toJavaScript(): Obj } | undefined;
      }>("read", req);
      return {
        id: res.getId(),
        properties: res.getProperties()?.toJavaScript() ?? {},
        inputs: res.getInputs()?.toJavaScript(),
      };
    },
    async update(id, olds, news) {
      const req = new messages.UpdateRequest();
      req.setId(id);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await call<{ getProperties(): { toJavaScript(): Obj } }>("update", req);
      return { properties: res.getProperties().toJavaScript() };
    },
    async delete(id, properties) {
      const req = new messages.DeleteRequest();
      req.setId(id);
      req.setProperties(struct(properties));
      await call("delete", req);
    },
    async stop() {
      client.close();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      }
    },
  };
}

/** Diff `changes` values of the provider protocol. */
export const DIFF = { UNKNOWN: 0, NONE: 1, SOME: 2 } as const;
