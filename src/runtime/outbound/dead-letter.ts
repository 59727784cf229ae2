/** Dead-lettering with a reason: the sender and the retry port put poison and unretryable sends here. */
import { createHash } from "node:crypto";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { AwsCallError } from "../shared/aws.ts";

/** One dead-lettered send, as the DLQ message body holds it. */
export interface DeadLetter {
  /** Machine-readable reason: `meta-131026`, `eum-ValidationException`, `invalid-message`, `poison-body`, … */
  reason: string;
  /** Human-readable detail (error message). */
  detail: string;
  idempotencyKey?: string;
  wamid?: string;
  /** The queued send (or the raw body when it could not be parsed). */
  payload: unknown;
  failedAt: string;
}

/** Writes dead letters to an SQS queue (standard or FIFO). */
export type DeadLetterSink = (letter: Omit<DeadLetter, "failedAt">) => Promise<void>;

/** Creates a sink writing to `queueUrl`; the reason is also a message attribute for filtering. */
export function createDeadLetterSink(sqs: SQSClient, queueUrl: string, now: () => number = Date.now): DeadLetterSink {
  const fifo = queueUrl.endsWith(".fifo");
  return async (letter) => {
    const body = JSON.stringify({ ...letter, failedAt: new Date(now()).toISOString() } satisfies DeadLetter);
    try {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          MessageAttributes: { reason: { DataType: "String", StringValue: letter.reason } },
          ...(fifo
            ? {
                MessageGroupId: "dead-letters",
                MessageDeduplicationId: createHash("sha256")
                  .update(`${letter.idempotencyKey ?? body}|${letter.reason}`)
                  .digest("hex"),
              }
            : {}),
        }),
      );
    } catch (err) {
      throw new AwsCallError("SendMessage", queueUrl, err);
    }
  };
}
