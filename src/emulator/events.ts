/** Event sinks: where the emulator publishes EUM envelopes (SNS, SQS, HTTP, in-process). */
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";

/** Where events go besides in-process listeners. */
export type EventSinkConfig =
  | { type: "sns"; topicArn: string; endpoint: string; region?: string }
  | { type: "sqs"; queueUrl: string; endpoint: string; region?: string }
  | { type: "http"; url: string };

/** One published event: the AWS WABA id and EUM's SNS `Message` envelope (§3.2). */
export interface PublishedEvent {
  wabaId: string;
  envelope: EumEnvelope;
}

/** EUM's envelope; `whatsAppWebhookEntry` is a JSON string of one Meta webhook `entry`. */
export interface EumEnvelope {
  context: {
    MetaWabaIds: { wabaId: string; arn: string }[];
    MetaPhoneNumberIds: { metaPhoneNumberId: string; arn: string }[];
  };
  whatsAppWebhookEntry: string;
  aws_account_id: string;
  message_timestamp: string;
}

const credentials = {
  accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "test",
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "test",
};

/** Publishes serially per sink (so sent → delivered → read leave in order) and reports failures once per burst. */
export class SinkPublisher {
  private readonly send: (body: string) => Promise<void>;
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  readonly label: string;
  failures = 0;
  lastError: string | undefined;

  constructor(cfg: EventSinkConfig, defaultRegion: string) {
    if (cfg.type === "sns") {
      const client = new SNSClient({ endpoint: cfg.endpoint, region: cfg.region ?? defaultRegion, credentials });
      this.label = `sns ${cfg.topicArn}`;
      this.send = async (body) => {
        await client.send(new PublishCommand({ TopicArn: cfg.topicArn, Message: body }));
      };
    } else if (cfg.type === "sqs") {
      const client = new SQSClient({ endpoint: cfg.endpoint, region: cfg.region ?? defaultRegion, credentials });
      this.label = `sqs ${cfg.queueUrl}`;
      this.send = async (body) => {
        await client.send(new SendMessageCommand({ QueueUrl: cfg.queueUrl, MessageBody: body }));
      };
    } else {
      this.label = `http ${cfg.url}`;
      this.send = async (body) => {
        const res = await fetch(cfg.url, { method: "POST", headers: { "content-type": "application/json" }, body });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        await res.arrayBuffer();
      };
    }
  }

  publish(body: string): void {
    this.pending++;
    this.tail = this.tail
      .then(() => this.send(body))
      .catch((err: unknown) => {
        this.failures++;
        const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        if (this.lastError !== msg) process.stderr.write(`emulator: publishing to ${this.label} failed: ${msg}\n`);
        this.lastError = msg;
      })
      .finally(() => {
        this.pending--;
      });
  }

  /** Resolves when everything published so far has been sent (or failed). */
  async drain(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}

/** A fixed-capacity history: memory stays flat however many messages pass. */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;
  total = 0;
  readonly capacity: number;
  constructor(capacity: number) {
    this.capacity = capacity;
    this.items = new Array<T | undefined>(Math.max(1, capacity));
  }
  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.items.length;
    if (this.count < this.items.length) this.count++;
    this.total++;
  }
  toArray(): T[] {
    const out: T[] = [];
    const start = (this.next - this.count + this.items.length) % this.items.length;
    for (let i = 0; i < this.count; i++) out.push(this.items[(start + i) % this.items.length] as T);
    return out;
  }
  clear(): void {
    this.items.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
