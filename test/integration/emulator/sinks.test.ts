/** Event delivery to moto SNS (→ SQS subscription), a direct SQS sink and an HTTP sink, read with the real clients. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { PutWhatsAppBusinessAccountEventDestinationsCommand } from "@aws-sdk/client-socialmessaging";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EumEnvelope, type RunningEmulator, startEmulator } from "../../../src/emulator/index.ts";
import { eumClient, PHONE, WABA } from "./client.ts";

const MOTO = process.env.MOTO_URL as string;
const sqs = new SQSClient({ endpoint: MOTO, region: "us-east-1" });
const sns = new SNSClient({ endpoint: MOTO, region: "us-east-1" });

async function queue(name: string): Promise<{ url: string; arn: string }> {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl as string;
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
  return { url, arn: attrs.Attributes?.QueueArn as string };
}

async function receiveAll(url: string, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let tries = 0; out.length < n && tries < 20; tries++) {
    const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    out.push(...(r.Messages ?? []).map((m) => m.Body as string));
  }
  return out;
}

let emu: RunningEmulator;
const httpBodies: string[] = [];
const http = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => {
    body += c.toString();
  });
  req.on("end", () => {
    httpBodies.push(body);
    res.end("ok");
  });
});
let direct: { url: string; arn: string };

beforeAll(async () => {
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  direct = await queue("emulator-direct-sink");
  emu = await startEmulator({
    awsEndpoint: MOTO,
    sinks: [
      { type: "sqs", queueUrl: direct.url, endpoint: MOTO },
      { type: "http", url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/events` },
    ],
  });
});
afterAll(async () => {
  await emu.stop();
  http.close();
  sqs.destroy();
  sns.destroy();
});

describe("event sinks", () => {
  it("publishes to the WABA's SNS event destination on moto; an SQS subscriber gets the EUM envelope", async () => {
    // Prepare
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: "waba-events" }))).TopicArn as string;
    const q = await queue("waba-events-subscriber");
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: q.arn }));
    const eum = eumClient(emu.url);
    await eum.send(
      new PutWhatsAppBusinessAccountEventDestinationsCommand({
        id: WABA,
        eventDestinations: [{ eventDestinationArn: topicArn }],
      }),
    );
    eum.destroy();
    // Act
    const { wamid } = emu.admin.injectInboundMessage({
      from: "919800000077",
      to: PHONE,
      message: { type: "text", text: { body: "via sns" } },
    });
    await emu.admin.drainEvents();
    // Assess
    const [body] = await receiveAll(q.url, 1);
    const notification = JSON.parse(body as string) as { Type: string; TopicArn: string; Message: string };
    expect(notification).toMatchObject({ Type: "Notification", TopicArn: topicArn });
    const envelope = JSON.parse(notification.Message) as EumEnvelope;
    expect(envelope.context.MetaWabaIds[0]?.wabaId).toBe("310000000000001");
    expect(typeof envelope.whatsAppWebhookEntry).toBe("string");
    const entry = JSON.parse(envelope.whatsAppWebhookEntry);
    expect(entry.changes[0].value.messages[0]).toMatchObject({ id: wamid, text: { body: "via sns" } });
  });

  it("sends the same envelopes to a direct SQS sink and an HTTP sink, in order", async () => {
    httpBodies.length = 0;
    emu.admin.injectInboundMessage({
      from: "919800000078",
      to: PHONE,
      message: { type: "text", text: { body: "one" } },
    });
    emu.admin.injectInboundMessage({
      from: "919800000078",
      to: PHONE,
      message: { type: "text", text: { body: "two" } },
    });
    await emu.admin.drainEvents();
    const texts = (bodies: string[]): string[] =>
      bodies
        .map((b) => JSON.parse(JSON.parse(b).whatsAppWebhookEntry).changes[0].value.messages?.[0]?.text?.body as string)
        .filter((t) => t === "one" || t === "two");
    expect(texts(httpBodies)).toEqual(["one", "two"]);
    expect(texts(await receiveAll(direct.url, 3)).sort()).toEqual(["one", "two"]);
    expect(emu.admin.stats().sinks.every((s) => s.failures === 0)).toBe(true);
  });
});
