/**
 * A local stand-in for Lambda's SQS event source mapping: receives batches from the send queue, hands them to the
 * sender as an `SQSEvent`, and deletes the records the partial batch response did not report. Used by the dev loop,
 * integration tests and the send benchmark; in AWS the event source mapping does this.
 */
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";

/** Converts received SQS messages into Lambda's SQS event records. */
export function toSqsEvent(
  messages: readonly Message[],
  queueArn = "arn:aws:sqs:us-east-1:000000000000:local",
): SQSEvent {
  return {
    Records: messages.map(
      (m): SQSRecord => ({
        messageId: m.MessageId ?? "",
        receiptHandle: m.ReceiptHandle ?? "",
        body: m.Body ?? "",
        attributes: {
          ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? "1",
          SentTimestamp: m.Attributes?.SentTimestamp ?? "0",
          SenderId: m.Attributes?.SenderId ?? "local",
          ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp ?? "0",
          ...(m.Attributes?.MessageGroupId === undefined ? {} : { MessageGroupId: m.Attributes.MessageGroupId }),
          ...(m.Attributes?.MessageDeduplicationId === undefined
            ? {}
            : { MessageDeduplicationId: m.Attributes.MessageDeduplicationId }),
          ...(m.Attributes?.SequenceNumber === undefined ? {} : { SequenceNumber: m.Attributes.SequenceNumber }),
        },
        messageAttributes: {},
        md5OfBody: m.MD5OfBody ?? "",
        eventSource: "aws:sqs",
        eventSourceARN: queueArn,
        awsRegion: "us-east-1",
      }),
    ),
  };
}

/** Receives one batch (≤ 10), runs `handler`, deletes what succeeded; returns how many were received and failed. */
export async function pollOnce(
  sqs: SQSClient,
  queueUrl: string,
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>,
  opts: { waitTimeSeconds?: number; maxMessages?: number } = {},
): Promise<{ received: number; failed: number }> {
  const res = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: opts.maxMessages ?? 10,
      WaitTimeSeconds: opts.waitTimeSeconds ?? 0,
      MessageSystemAttributeNames: ["All"],
    }),
  );
  const messages = res.Messages ?? [];
  if (messages.length === 0) return { received: 0, failed: 0 };
  const out = await handler(toSqsEvent(messages));
  const failed = new Set(out.batchItemFailures.map((f) => f.itemIdentifier));
  const done = messages.filter((m) => !failed.has(m.MessageId ?? ""));
  if (done.length > 0)
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: done.map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle ?? "" })),
      }),
    );
  return { received: messages.length, failed: failed.size };
}

/** Polls with `pollers` concurrent loops until `until()` holds, or nothing succeeded for `idleMs`, or `timeoutMs`. */
export async function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>,
  opts: { pollers?: number; timeoutMs?: number; idleMs?: number; until?: () => boolean } = {},
): Promise<{ received: number; failed: number }> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const idleMs = opts.idleMs ?? 3000;
  let lastWork = Date.now();
  const total = { received: 0, failed: 0 };
  const loop = async (): Promise<void> => {
    const more = (): boolean =>
      Date.now() < deadline && (opts.until === undefined ? Date.now() - lastWork < idleMs : !opts.until());
    while (more()) {
      const r = await pollOnce(sqs, queueUrl, handler);
      total.received += r.received;
      total.failed += r.failed;
      if (r.received > r.failed) lastWork = Date.now();
      if (r.received === 0) await new Promise((res) => setTimeout(res, 50));
    }
  };
  await Promise.all(Array.from({ length: opts.pollers ?? 1 }, loop));
  return total;
}
