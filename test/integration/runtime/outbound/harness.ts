/** Real parts for the outbound integration tests: the EUM emulator, moto's SQS FIFO, DynamoDB and S3, real SDK clients. */
import { randomUUID } from "node:crypto";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { CreateQueueCommand, type Message, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type RunningEmulator, startEmulator } from "../../../../src/emulator/index.ts";
import { CachedConfigReader, putConfigItem } from "../../../../src/runtime/config-store.ts";
import { createDeadLetterSink } from "../../../../src/runtime/outbound/dead-letter.ts";
import { MediaCache } from "../../../../src/runtime/outbound/media.ts";
import { createSqsOutbound } from "../../../../src/runtime/outbound/queue.ts";
import { createSender, type SenderOptions, type SentInfo } from "../../../../src/runtime/outbound/sender.ts";
import { outboundTableDefinition } from "../../../../src/runtime/outbound/tables.ts";

export const WABA = "waba-0123456789abcdef0123456789abcdef";
export const PHONE = "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
export const MOTO = process.env["MOTO_URL"] as string;
const creds = { accessKeyId: "test", secretAccessKey: "test" };

export interface Harness {
  emu: RunningEmulator;
  eum: SocialMessagingClient;
  sqs: SQSClient;
  s3: S3Client;
  ddb: DynamoDBDocumentClient;
  bucket: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const emu = await startEmulator({ awsEndpoint: MOTO });
  const eum = new SocialMessagingClient({ endpoint: emu.url, region: "us-east-1", maxAttempts: 1, credentials: creds });
  const sqs = new SQSClient({ endpoint: MOTO, region: "us-east-1", maxAttempts: 1, credentials: creds });
  const s3 = new S3Client({
    endpoint: MOTO,
    region: "us-east-1",
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: creds,
  });
  const ddb = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: MOTO, region: "us-east-1", maxAttempts: 1, credentials: creds }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const bucket = `outbound-media-${randomUUID().slice(0, 8)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    emu,
    eum,
    sqs,
    s3,
    ddb,
    bucket,
    async close() {
      eum.destroy();
      sqs.destroy();
      s3.destroy();
      ddb.destroy();
      await emu.stop();
    },
  };
}

/** One isolated pipeline: fresh FIFO send queue, DLQ, outbound table and config table. */
export async function createPipeline(h: Harness, opts: Partial<SenderOptions> = {}) {
  const id = randomUUID().slice(0, 8);
  const queueUrl = (
    await h.sqs.send(
      new CreateQueueCommand({
        QueueName: `send-${id}.fifo`,
        Attributes: { FifoQueue: "true", VisibilityTimeout: "30" },
      }),
    )
  ).QueueUrl as string;
  const dlqUrl = (await h.sqs.send(new CreateQueueCommand({ QueueName: `send-dlq-${id}` }))).QueueUrl as string;
  const table = `outbound-${id}`;
  const configTable = `config-${id}`;
  await h.ddb.send(new CreateTableCommand(outboundTableDefinition(table)));
  await h.ddb.send(
    new CreateTableCommand({
      TableName: configTable,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  const templates = new CachedConfigReader(h.ddb, configTable, 0);
  const sent: SentInfo[] = [];
  const media = new MediaCache({ s3: h.s3, eum: h.eum, ddb: h.ddb, table });
  const sender = createSender({
    eum: h.eum,
    ddb: h.ddb,
    sqs: h.sqs,
    queueUrl,
    table,
    deadLetter: createDeadLetterSink(h.sqs, dlqUrl),
    media,
    templates,
    pairIntervalMs: 50,
    pairBurst: 3,
    backoff: { baseMs: 20, capMs: 200, maxAttempts: 6 },
    onSent: (s) => sent.push(s),
    ...opts,
  });
  const outbound = createSqsOutbound({ queueUrl, sqs: h.sqs });
  const approve = async (name: string, language: string, category = "UTILITY") => {
    h.emu.admin.setTemplateStatus({ wabaId: WABA, name, language, status: "APPROVED" });
    await putConfigItem(h.ddb, configTable, "TemplateStatus", `${name}:${language}`, {
      name,
      language,
      status: "APPROVED",
      category,
    });
  };
  return { queueUrl, dlqUrl, table, configTable, sender, outbound, sent, media, templates, approve };
}

/** Reads every message currently in a (standard) queue. */
export async function readAll(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const out: Message[] = [];
  for (let i = 0; i < 20; i++) {
    const res = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 60,
        WaitTimeSeconds: 0,
      }),
    );
    if ((res.Messages ?? []).length === 0) break;
    out.push(...(res.Messages ?? []));
  }
  return out;
}

/** Opens the 24-hour window for `user` by injecting an inbound message. */
export function openWindow(h: Harness, user: string): string {
  return h.emu.admin.injectInboundMessage({ from: user, to: PHONE, message: { type: "text", text: { body: "hi" } } })
    .wamid;
}
