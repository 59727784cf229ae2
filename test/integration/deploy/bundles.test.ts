/**
 * The Lambda bundles as deployed: built with esbuild, sizes printed, then each bundle's `handler` started in a fresh
 * Node 24 process with exactly the environment WhatsAppRuntime sets (plus endpoint overrides pointing at the EUM
 * emulator and moto_server) and invoked once with a real event taken from the real queue.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.ts";
import { resolveRuntimeArgs } from "../../../src/pulumi/runtime/args.ts";
import { type BuiltBundle, buildRuntimeBundles } from "../../../src/pulumi/runtime/bundle.ts";
import {
  ingestEnvironment,
  type RuntimeNames,
  type RuntimeTable,
  senderEnvironment,
  TABLE_SPECS,
} from "../../../src/pulumi/runtime/environment.ts";
import { toSqsEvent } from "../../../src/runtime/outbound/local-poller.ts";
import { createSqsOutbound } from "../../../src/runtime/outbound/queue.ts";

const MOTO = process.env["MOTO_URL"] as string;
const REGION = "us-east-1";
const ACCOUNT = "111122223333"; // the emulator seed's account
const HEX_WABA = "0123456789abcdef0123456789abcdef";
const PHONE = "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const creds = { accessKeyId: "test", secretAccessKey: "test" };
const sqs = new SQSClient({ endpoint: MOTO, region: REGION, maxAttempts: 1, credentials: creds });
const sns = new SNSClient({ endpoint: MOTO, region: REGION, maxAttempts: 1, credentials: creds });
const s3 = new S3Client({ endpoint: MOTO, region: REGION, forcePathStyle: true, maxAttempts: 1, credentials: creds });
const ddb = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: MOTO, region: REGION, maxAttempts: 1, credentials: creds }),
);

const settings = resolveRuntimeArgs({
  environment: "smoke",
  region: REGION,
  accountId: ACCOUNT,
  wabas: [
    {
      wabaArn: `arn:aws:social-messaging:${REGION}:${ACCOUNT}:waba/${HEX_WABA}`,
      phoneNumberArns: [`arn:aws:social-messaging:${REGION}:${ACCOUNT}:phone-number-id/${"a".repeat(32)}`],
    },
  ],
  bundles: { ingest: "unused", sender: "unused" },
});

let work: string;
let built: BuiltBundle[];
let emu: RunningEmulator;
let names: RuntimeNames;
let topicArn: string;
let ingestQueueArn: string;
let sendQueueArn: string;

async function createQueue(name: string, fifo: boolean): Promise<{ url: string; arn: string }> {
  const url = (
    await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: fifo ? { FifoQueue: "true" } : {} }))
  ).QueueUrl as string;
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
  return { url, arn: attrs.Attributes?.["QueueArn"] as string };
}

/** Receives until a message whose body contains `marker` arrives (earlier events stay invisible for a minute). */
async function receiveOne(url: string, marker = ""): Promise<Message> {
  for (let i = 0; i < 50; i++) {
    const res = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 60,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ["All"],
      }),
    );
    const m = res.Messages?.find((x) => (x.Body ?? "").includes(marker));
    if (m !== undefined) return m;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no message containing "${marker}" arrived on ${url}`);
}

/** What the child process printed: its result (after the marker) and everything else (Powertools logs). */
interface Invocation {
  code: number | null;
  result: unknown;
  stdout: string;
  stderr: string;
}

/** Starts `bundle` in a new Node process with `env` only, invokes `handler(event, context)` once. */
async function invoke(
  bundleFile: string,
  functionName: string,
  env: Record<string, string>,
  event: unknown,
): Promise<Invocation> {
  const eventFile = join(work, `${functionName}-event.json`);
  writeFileSync(eventFile, JSON.stringify(event));
  const runner = join(work, "invoke.mjs");
  writeFileSync(
    runner,
    [
      'import { readFileSync } from "node:fs";',
      'import { pathToFileURL } from "node:url";',
      "const [bundle, eventFile, fn] = process.argv.slice(2);",
      "const { handler } = await import(pathToFileURL(bundle).href);",
      "const start = Date.now();",
      "const context = { functionName: fn, functionVersion: '$LATEST', awsRequestId: 'smoke-1', memoryLimitInMB: '512',",
      "  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:' + fn, logGroupName: '/waba/smoke/' + fn,",
      "  logStreamName: 'smoke', callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 30000 - (Date.now() - start) };",
      "const result = await handler(JSON.parse(readFileSync(eventFile, 'utf8')), context);",
      "process.stdout.write('\\n@@RESULT@@' + JSON.stringify(result ?? null) + '\\n');",
      "process.exit(0);",
    ].join("\n"),
  );
  const child = spawn(process.execPath, [runner, bundleFile, eventFile, functionName], {
    env: {
      PATH: process.env["PATH"] ?? "",
      ...env,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_LAMBDA_FUNCTION_NAME: functionName,
      AWS_ENDPOINT_URL_SQS: MOTO,
      AWS_ENDPOINT_URL_DYNAMODB: MOTO,
      AWS_ENDPOINT_URL_S3: MOTO,
      AWS_ENDPOINT_URL_SNS: MOTO,
      AWS_ENDPOINT_URL_SOCIALMESSAGING: emu.url,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  const at = stdout.lastIndexOf("@@RESULT@@");
  const result = at < 0 ? undefined : (JSON.parse(stdout.slice(at + "@@RESULT@@".length).trim()) as unknown);
  return { code, result, stdout, stderr };
}

const bundleOf = (name: string): BuiltBundle => {
  const b = built.find((x) => x.name === name);
  if (b === undefined) throw new Error(`bundle ${name} was not built`);
  return b;
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "waba-bundles-"));
  ({ built } = await buildRuntimeBundles(work));
  for (const b of built) {
    const gz = gzipSync(readFileSync(b.file)).length;
    console.log(
      `bundle ${b.name}: ${(b.bytes / 1024).toFixed(1)} KiB, ${(gz / 1024).toFixed(1)} KiB gzipped (${b.file})`,
    );
  }

  // The component's resources, created for real in moto_server under the names a deployment would give them.
  const id = randomUUID().slice(0, 8);
  const p = `${settings.namePrefix}-${id}`;
  const ingestQ = await createQueue(`${p}-ingest`, false);
  const ingestDlq = await createQueue(`${p}-ingest-dlq`, false);
  const sendQ = await createQueue(`${p}-send.fifo`, true);
  const sendDlq = await createQueue(`${p}-send-dlq.fifo`, true);
  ingestQueueArn = ingestQ.arn;
  sendQueueArn = sendQ.arn;
  const tables = {} as Record<RuntimeTable, string>;
  for (const [t, spec] of Object.entries(TABLE_SPECS) as [RuntimeTable, (typeof TABLE_SPECS)[RuntimeTable]][]) {
    tables[t] = `${p}-${t}`;
    await ddb.send(
      new CreateTableCommand({
        TableName: tables[t],
        AttributeDefinitions: [{ AttributeName: spec.hashKey, AttributeType: "S" }],
        KeySchema: [{ AttributeName: spec.hashKey, KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }
  const bucket = `${p}-media`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  topicArn = (await sns.send(new CreateTopicCommand({ Name: `${p}-events` }))).TopicArn as string;
  // As the component subscribes it: SQS protocol, SNS envelope kept (no raw delivery).
  await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: "sqs",
      Endpoint: ingestQ.arn,
      Attributes: { RawMessageDelivery: "false" },
    }),
  );
  names = {
    ingestQueueUrl: ingestQ.url,
    ingestDlqUrl: ingestDlq.url,
    sendQueueUrl: sendQ.url,
    sendDlqUrl: sendDlq.url,
    tables,
    mediaBucket: bucket,
  };
  emu = await startEmulator({ awsEndpoint: MOTO, sinks: [{ type: "sns", topicArn, endpoint: MOTO, region: REGION }] });
}, 120_000);

afterAll(async () => {
  await emu?.stop();
  for (const c of [sqs, sns, s3, ddb]) c.destroy();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe("Lambda bundles", () => {
  it("builds one self-contained ESM bundle per function", () => {
    // Assess
    expect(built.map((b) => b.name).sort()).toEqual(["ingest", "sender"]);
    for (const b of built) {
      expect(b.file.endsWith("/index.mjs")).toBe(true);
      // Self-contained (SDK and Powertools inside) but far below Lambda's 50 MB zipped limit.
      expect(b.bytes).toBeGreaterThan(50_000);
      expect(b.bytes).toBeLessThan(10_000_000);
    }
    expect(process.version.startsWith("v24.")).toBe(true);
  });

  it("runs the sender bundle with the component's environment: sends through the emulator and records it", async () => {
    // Prepare: the user wrote first (open service window); the real producer enqueues on the FIFO send queue.
    const user = "15550001234";
    emu.admin.injectInboundMessage({ from: user, to: PHONE, message: { type: "text", text: { body: "hi" } } });
    const key = `smoke-${randomUUID()}`;
    await createSqsOutbound({ queueUrl: names.sendQueueUrl, sqs }).enqueue({
      originationPhoneNumberId: PHONE,
      to: user,
      message: { type: "text", text: { body: "Your order has shipped." } },
      idempotencyKey: key,
      purpose: "smoke",
    });
    const event = toSqsEvent([await receiveOne(names.sendQueueUrl)], sendQueueArn);
    // Act
    const run = await invoke(bundleOf("sender").file, "waba-smoke-sender", senderEnvironment(settings, names), event);
    // Assess
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.result).toEqual({ batchItemFailures: [] });
    const claim = await ddb.send(new GetCommand({ TableName: names.tables.outbound, Key: { pk: `send#${key}` } }));
    expect(claim.Item?.["state"]).toBe("sent");
    expect(String(claim.Item?.["wamid"])).toMatch(/^wamid\./);
    const sent = emu.admin.sentMessages({ to: user });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.wamid).toBe(claim.Item?.["wamid"]);
  });

  it("runs the ingest bundle with the component's environment on an event EUM published through SNS", async () => {
    // Prepare: emulator → moto SNS topic → ingest queue, exactly the deployed path.
    const user = "15550009876";
    const { wamid } = emu.admin.injectInboundMessage({
      from: user,
      to: PHONE,
      message: { type: "text", text: { body: "menu" } },
    });
    const msg = await receiveOne(names.ingestQueueUrl, wamid);
    expect(JSON.parse(msg.Body ?? "{}")).toMatchObject({ Type: "Notification", TopicArn: topicArn });
    const event = toSqsEvent([msg], ingestQueueArn);
    // Act
    const run = await invoke(bundleOf("ingest").file, "waba-smoke-ingest", ingestEnvironment(settings, names), event);
    // Assess: Powertools may warn on stderr that a batch had no metrics; anything error-like fails the test.
    expect(run.stderr).not.toMatch(/error|exception|invalid handler environment/i);
    expect(run.code).toBe(0);
    expect(run.result).toEqual({ batchItemFailures: [] });
    const claims = await ddb.send(
      new ScanCommand({
        TableName: names.tables.idempotency,
        FilterExpression: "begins_with(pk, :p) AND st = :done",
        ExpressionAttributeValues: { ":p": "idem#", ":done": "COMPLETED" },
      }),
    );
    expect(claims.Items?.map((i) => String(i["pk"]))).toContain(`idem#msg:${wamid}`);
    // The metrics namespace the component sets reached Powertools (EMF line on stdout).
    expect(run.stdout).toContain('"Namespace":"WabaRuntime"');
  });
});
