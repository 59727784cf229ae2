/**
 * `WhatsAppRuntime`: the AWS resources behind the runtime handlers of one environment: the event topic EUM publishes
 * to, the ingest and send queues with their DLQs, the Lambdas, the DynamoDB tables, the media bucket and alarms.
 * Every role is scoped to this environment's WABA and phone number ARNs and to the component's own resources.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedRuntimeArgs, resolveRuntimeArgs, type WhatsAppRuntimeArgs, wabaIdFromArn } from "./args.ts";
import {
  ingestEnvironment,
  type RuntimeNames,
  type RuntimeTable,
  runtimeTableName,
  senderEnvironment,
  TABLE_SPECS,
} from "./environment.ts";
import {
  eumAssumeRolePolicy,
  eumPublishPolicy,
  eventTopicPolicy,
  type HandlerArns,
  ingestPolicy,
  ingestQueuePolicy,
  lambdaAssumeRolePolicy,
  MEDIA_PREFIX,
  mediaBucketPolicy,
  type PolicyDocument,
  senderPolicy,
  topicKeyPolicy,
} from "./policies.ts";

export type { WhatsAppRuntimeArgs } from "./args.ts";

/** Pulumi type token of the component. */
export const WHATSAPP_RUNTIME_TYPE = "waba:runtime:WhatsAppRuntime";

/** Lambda settings shared by the handlers. */
export const LAMBDA_RUNTIME = "nodejs24.x";
export const LAMBDA_ARCH = "arm64";
/** Handler timeouts (s); SQS visibility is 6x the timeout, as AWS recommends for event sources. */
export const TIMEOUT_S = { ingest: 30, sender: 30 } as const;
/** Receives before SQS moves a message to its DLQ. The sender defers paced records by failing them, which counts
 * as a receive, so its queue tolerates more; it dead-letters real failures itself with a reason. */
export const MAX_RECEIVE_COUNT = { ingest: 5, send: 20 } as const;
const DLQ_RETENTION_S = 14 * 24 * 3600;

/** What the event destination provider needs for one WABA. */
export interface EventDestinationInput {
  wabaId: string;
  wabaArn: string;
  topicArn: string;
  roleArn: string;
}

/** Outputs a user (and the providers) need. */
export interface WhatsAppRuntimeOutputs {
  eventTopicArn: string;
  eventRoleArn: string;
  eventDestinations: EventDestinationInput[];
  ingestQueueUrl: string;
  ingestDlqUrl: string;
  sendQueueUrl: string;
  sendDlqUrl: string;
  tableNames: Record<RuntimeTable, string>;
  configTableName: string;
  mediaBucketName: string;
  functionNames: { ingest: string; sender: string };
}

const json = (d: pulumi.Output<PolicyDocument>): pulumi.Output<string> => d.apply((x) => JSON.stringify(x));

/** The runtime of one environment; see docs/deploy.md. */
export class WhatsAppRuntime extends pulumi.ComponentResource {
  readonly eventTopicArn: pulumi.Output<string>;
  readonly eventRoleArn: pulumi.Output<string>;
  /** One entry per WABA: the event destination provider's inputs. */
  readonly eventDestinations: pulumi.Output<EventDestinationInput[]>;
  readonly ingestQueueUrl: pulumi.Output<string>;
  readonly ingestDlqUrl: pulumi.Output<string>;
  readonly sendQueueUrl: pulumi.Output<string>;
  readonly sendDlqUrl: pulumi.Output<string>;
  readonly tableNames: pulumi.Output<Record<RuntimeTable, string>>;
  /** The runtime config table the runtime-config providers write into. */
  readonly configTableName: pulumi.Output<string>;
  readonly mediaBucketName: pulumi.Output<string>;
  readonly functionNames: pulumi.Output<{ ingest: string; sender: string }>;
  /** Every child resource, so callers can depend on the whole runtime and tests can await its registration. */
  readonly resources: pulumi.Resource[] = [];
  readonly settings: ResolvedRuntimeArgs;

  constructor(name: string, args: WhatsAppRuntimeArgs, opts?: pulumi.ComponentResourceOptions) {
    super(WHATSAPP_RUNTIME_TYPE, name, {}, opts);
    const r = resolveRuntimeArgs(args);
    this.settings = r;
    const p = r.namePrefix;
    const tags = { "waba:environment": r.environment, "waba:component": "runtime", "managed-by": "pulumi", ...r.tags };
    const parent = { parent: this };
    const data = { parent: this, retainOnDelete: r.retainData };
    const track = <T extends pulumi.Resource>(res: T): T => {
      this.resources.push(res);
      return res;
    };
    const wabaArns = r.wabas.map((w) => w.wabaArn);
    const phoneNumberArns = [...new Set(r.wabas.flatMap((w) => w.phoneNumberArns))];

    // Event destination: a standard topic (EUM rejects FIFO topics), the role EUM assumes, and a topic policy.
    const eumRole = track(
      new aws.iam.Role(
        `${name}-eum-role`,
        {
          name: `${p}-eum-publisher`,
          description: `EUM publishes WhatsApp events of ${r.environment} to the runtime topic`,
          assumeRolePolicy: JSON.stringify(eumAssumeRolePolicy({ accountId: r.accountId, wabaArns })),
          tags,
        },
        parent,
      ),
    );
    let topicKey: aws.kms.Key | undefined;
    if (r.encryptTopic) {
      topicKey = track(
        new aws.kms.Key(
          `${name}-topic-key`,
          {
            description: `Encrypts the WhatsApp event topic of ${r.environment}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: json(
              eumRole.arn.apply((eumRoleArn) =>
                topicKeyPolicy({ partition: r.partition, accountId: r.accountId, eumRoleArn }),
              ),
            ),
            tags,
          },
          parent,
        ),
      );
      track(
        new aws.kms.Alias(
          `${name}-topic-key-alias`,
          { name: `alias/${p}-events`, targetKeyId: topicKey.keyId },
          parent,
        ),
      );
    }
    const topic = track(
      new aws.sns.Topic(
        `${name}-events`,
        {
          name: `${p}-events`,
          fifoTopic: false,
          ...(topicKey === undefined ? {} : { kmsMasterKeyId: topicKey.arn }),
          tags,
        },
        parent,
      ),
    );
    const destArns = pulumi.all([topic.arn, topicKey?.arn]).apply(([topicArn, topicKeyArn]) => ({
      accountId: r.accountId,
      wabaArns,
      topicArn,
      topicKeyArn,
    }));
    track(
      new aws.sns.TopicPolicy(
        `${name}-events-policy`,
        { arn: topic.arn, policy: json(destArns.apply(eventTopicPolicy)) },
        parent,
      ),
    );
    track(
      new aws.iam.RolePolicy(
        `${name}-eum-role-policy`,
        { name: "publish-events", role: eumRole.name, policy: json(destArns.apply(eumPublishPolicy)) },
        parent,
      ),
    );

    // Queues. SSE-SQS (not KMS) so SNS can deliver without a key grant.
    const ingestDlq = track(
      new aws.sqs.Queue(
        `${name}-ingest-dlq`,
        { name: `${p}-ingest-dlq`, messageRetentionSeconds: DLQ_RETENTION_S, sqsManagedSseEnabled: true, tags },
        parent,
      ),
    );
    const ingestQueue = track(
      new aws.sqs.Queue(
        `${name}-ingest`,
        {
          name: `${p}-ingest`,
          visibilityTimeoutSeconds: 6 * TIMEOUT_S.ingest,
          messageRetentionSeconds: 4 * 24 * 3600,
          receiveWaitTimeSeconds: 20,
          sqsManagedSseEnabled: true,
          redrivePolicy: pulumi.jsonStringify({
            deadLetterTargetArn: ingestDlq.arn,
            maxReceiveCount: MAX_RECEIVE_COUNT.ingest,
          }),
          tags,
        },
        parent,
      ),
    );
    track(
      new aws.sqs.RedriveAllowPolicy(
        `${name}-ingest-dlq-allow`,
        {
          queueUrl: ingestDlq.url,
          redriveAllowPolicy: pulumi.jsonStringify({
            redrivePermission: "byQueue",
            sourceQueueArns: [ingestQueue.arn],
          }),
        },
        parent,
      ),
    );
    track(
      new aws.sqs.QueuePolicy(
        `${name}-ingest-policy`,
        {
          queueUrl: ingestQueue.url,
          policy: json(
            pulumi
              .all([ingestQueue.arn, topic.arn])
              .apply(([queueArn, topicArn]) => ingestQueuePolicy({ queueArn, topicArn })),
          ),
        },
        parent,
      ),
    );
    // Not raw delivery: the ingest handler receives the SNS notification JSON (TopicArn, MessageId, Message), which
    // identifies the source topic and keeps the SNS message id for tracing; it unwraps `Message` itself.
    track(
      new aws.sns.TopicSubscription(
        `${name}-ingest-sub`,
        { topic: topic.arn, protocol: "sqs", endpoint: ingestQueue.arn, rawMessageDelivery: false },
        parent,
      ),
    );
    const sendDlq = track(
      new aws.sqs.Queue(
        `${name}-send-dlq`,
        {
          name: `${p}-send-dlq.fifo`,
          fifoQueue: true,
          messageRetentionSeconds: DLQ_RETENTION_S,
          sqsManagedSseEnabled: true,
          tags,
        },
        parent,
      ),
    );
    const sendQueue = track(
      new aws.sqs.Queue(
        `${name}-send`,
        {
          name: `${p}-send.fifo`,
          fifoQueue: true,
          // The producers set deduplication ids (sha256 of the idempotency key); groups are phone + recipient.
          contentBasedDeduplication: false,
          deduplicationScope: "messageGroup",
          fifoThroughputLimit: "perMessageGroupId",
          visibilityTimeoutSeconds: 6 * TIMEOUT_S.sender,
          messageRetentionSeconds: 4 * 24 * 3600,
          sqsManagedSseEnabled: true,
          redrivePolicy: pulumi.jsonStringify({
            deadLetterTargetArn: sendDlq.arn,
            maxReceiveCount: MAX_RECEIVE_COUNT.send,
          }),
          tags,
        },
        parent,
      ),
    );
    track(
      new aws.sqs.RedriveAllowPolicy(
        `${name}-send-dlq-allow`,
        {
          queueUrl: sendDlq.url,
          redriveAllowPolicy: pulumi.jsonStringify({ redrivePermission: "byQueue", sourceQueueArns: [sendQueue.arn] }),
        },
        parent,
      ),
    );

    // Tables: on-demand, point-in-time recovery, encrypted with the AWS managed key.
    const tables = {} as Record<RuntimeTable, aws.dynamodb.Table>;
    for (const [key, spec] of Object.entries(TABLE_SPECS) as [RuntimeTable, (typeof TABLE_SPECS)[RuntimeTable]][]) {
      tables[key] = track(
        new aws.dynamodb.Table(
          `${name}-${key}`,
          {
            name: runtimeTableName(r.environment, key),
            billingMode: "PAY_PER_REQUEST",
            hashKey: spec.hashKey,
            attributes: [{ name: spec.hashKey, type: "S" }],
            pointInTimeRecovery: { enabled: true },
            serverSideEncryption: { enabled: true },
            deletionProtectionEnabled: r.retainData,
            ...(spec.ttlAttribute === undefined ? {} : { ttl: { attributeName: spec.ttlAttribute, enabled: true } }),
            tags,
          },
          data,
        ),
      );
    }

    // Media bucket: private, SSE-S3, TLS only, objects owned by the bucket owner, media expiring per prefix.
    const bucket = track(
      new aws.s3.Bucket(`${name}-media`, { bucketPrefix: `${p}-media-`, forceDestroy: !r.retainData, tags }, data),
    );
    const pab = track(
      new aws.s3.BucketPublicAccessBlock(
        `${name}-media-pab`,
        {
          bucket: bucket.id,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
        parent,
      ),
    );
    track(
      new aws.s3.BucketOwnershipControls(
        `${name}-media-ownership`,
        { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
        parent,
      ),
    );
    track(
      new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-media-sse`,
        {
          bucket: bucket.id,
          rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
        },
        parent,
      ),
    );
    track(
      new aws.s3.BucketLifecycleConfiguration(
        `${name}-media-lifecycle`,
        {
          bucket: bucket.id,
          rules: [
            {
              id: "expire-inbound-media",
              status: "Enabled",
              filter: { prefix: MEDIA_PREFIX.inbound },
              expiration: { days: r.mediaRetentionDays.inbound },
            },
            {
              id: "expire-outbound-media",
              status: "Enabled",
              filter: { prefix: MEDIA_PREFIX.outbound },
              expiration: { days: r.mediaRetentionDays.outbound },
            },
            {
              id: "abort-incomplete-uploads",
              status: "Enabled",
              filter: {},
              abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
            },
          ],
        },
        parent,
      ),
    );
    track(
      new aws.s3.BucketPolicy(
        `${name}-media-policy`,
        { bucket: bucket.id, policy: json(bucket.arn.apply((bucketArn) => mediaBucketPolicy({ bucketArn }))) },
        { parent: this, dependsOn: [pab] },
      ),
    );

    const names: pulumi.Output<RuntimeNames> = pulumi
      .all([
        ingestQueue.url,
        ingestDlq.url,
        sendQueue.url,
        sendDlq.url,
        pulumi.all(
          Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, t.name])) as Record<
            RuntimeTable,
            pulumi.Output<string>
          >,
        ),
        bucket.bucket,
      ])
      .apply(([ingestQueueUrl, ingestDlqUrl, sendQueueUrl, sendDlqUrl, tableNames, mediaBucket]) => ({
        ingestQueueUrl,
        ingestDlqUrl,
        sendQueueUrl,
        sendDlqUrl,
        tables: tableNames as Record<RuntimeTable, string>,
        mediaBucket,
      }));

    // Functions: one role, one log group and one inline policy each.
    const fn = (
      kind: "ingest" | "sender",
      policy: (a: HandlerArns) => PolicyDocument,
      env: (n: RuntimeNames) => Record<string, string>,
    ) => {
      const logGroup = track(
        new aws.cloudwatch.LogGroup(
          `${name}-${kind}-logs`,
          { name: `/waba/${r.environment}/${kind}`, retentionInDays: r.logRetentionDays, tags },
          parent,
        ),
      );
      const role = track(
        new aws.iam.Role(
          `${name}-${kind}-role`,
          { name: `${p}-${kind}`, assumeRolePolicy: JSON.stringify(lambdaAssumeRolePolicy()), tags },
          parent,
        ),
      );
      const arns = pulumi
        .all([
          logGroup.arn,
          ingestQueue.arn,
          ingestDlq.arn,
          sendQueue.arn,
          sendDlq.arn,
          pulumi.all(
            Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, t.arn])) as Record<
              RuntimeTable,
              pulumi.Output<string>
            >,
          ),
          bucket.arn,
        ])
        .apply(
          ([
            logGroupArn,
            ingestQueueArn,
            ingestDlqArn,
            sendQueueArn,
            sendDlqArn,
            tableArns,
            bucketArn,
          ]): HandlerArns => ({
            logGroupArn,
            phoneNumberArns,
            ingestQueueArn,
            ingestDlqArn,
            sendQueueArn,
            sendDlqArn,
            tables: tableArns as Record<RuntimeTable, string>,
            bucketArn,
          }),
        );
      const rolePolicy = track(
        new aws.iam.RolePolicy(
          `${name}-${kind}-policy`,
          { name: kind, role: role.name, policy: json(arns.apply(policy)) },
          parent,
        ),
      );
      const lambda = track(
        new aws.lambda.Function(
          `${name}-${kind}`,
          {
            name: `${p}-${kind}`,
            description: `waba runtime ${kind} (${r.environment})`,
            runtime: LAMBDA_RUNTIME,
            architectures: [LAMBDA_ARCH],
            handler: "index.handler",
            code: new pulumi.asset.FileArchive(r.bundles[kind]),
            role: role.arn,
            memorySize: r.memoryMb,
            timeout: TIMEOUT_S[kind],
            environment: { variables: names.apply(env) },
            loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
            ...(kind === "sender" ? { reservedConcurrentExecutions: r.senderConcurrency } : {}),
            tags,
          },
          { parent: this, dependsOn: [rolePolicy, logGroup] },
        ),
      );
      return { lambda, rolePolicy };
    };
    const ingest = fn("ingest", ingestPolicy, (n) => ingestEnvironment(r, n));
    const sender = fn("sender", senderPolicy, (n) => senderEnvironment(r, n));

    track(
      new aws.lambda.EventSourceMapping(
        `${name}-ingest-esm`,
        {
          eventSourceArn: ingestQueue.arn,
          functionName: ingest.lambda.arn,
          batchSize: 10,
          maximumBatchingWindowInSeconds: 1,
          functionResponseTypes: ["ReportBatchItemFailures"],
        },
        { parent: this, dependsOn: [ingest.rolePolicy] },
      ),
    );
    track(
      new aws.lambda.EventSourceMapping(
        `${name}-sender-esm`,
        {
          eventSourceArn: sendQueue.arn,
          functionName: sender.lambda.arn,
          batchSize: 10,
          functionResponseTypes: ["ReportBatchItemFailures"],
          // Pacing is per process (rate / SENDER_CONCURRENCY): cap the pollers at the reserved concurrency so
          // SQS never invokes a throttled function (throttles count as receives and push records to the DLQ).
          scalingConfig: { maximumConcurrency: r.senderConcurrency },
        },
        { parent: this, dependsOn: [sender.rolePolicy] },
      ),
    );

    // Alarms: anything in a DLQ, any handler error or throttle.
    const alarm = (
      id: string,
      a: Omit<aws.cloudwatch.MetricAlarmArgs, "comparisonOperator" | "evaluationPeriods" | "threshold">,
    ) =>
      track(
        new aws.cloudwatch.MetricAlarm(
          `${name}-${id}`,
          {
            name: `${p}-${id}`,
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            evaluationPeriods: 1,
            period: 60,
            treatMissingData: "notBreaching",
            alarmActions: r.alarmActions,
            okActions: r.alarmActions,
            tags,
            ...a,
          },
          parent,
        ),
      );
    for (const [id, q] of [
      ["ingest-dlq-depth", ingestDlq],
      ["send-dlq-depth", sendDlq],
    ] as const) {
      alarm(id, {
        alarmDescription: `Messages are waiting in ${id.replace("-depth", "")} of ${r.environment}; see docs/deploy.md#dead-letters`,
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        statistic: "Maximum",
        dimensions: { QueueName: q.name },
      });
    }
    for (const [kind, f] of [
      ["ingest", ingest.lambda],
      ["sender", sender.lambda],
    ] as const) {
      for (const metricName of ["Errors", "Throttles"] as const) {
        alarm(`${kind}-${metricName.toLowerCase()}`, {
          alarmDescription: `${kind} Lambda of ${r.environment} reports ${metricName}`,
          namespace: "AWS/Lambda",
          metricName,
          statistic: "Sum",
          dimensions: { FunctionName: f.name },
        });
      }
    }

    this.eventTopicArn = topic.arn;
    this.eventRoleArn = eumRole.arn;
    this.eventDestinations = pulumi
      .all([topic.arn, eumRole.arn])
      .apply(([topicArn, roleArn]) =>
        r.wabas.map((w) => ({ wabaId: wabaIdFromArn(w.wabaArn), wabaArn: w.wabaArn, topicArn, roleArn })),
      );
    this.ingestQueueUrl = ingestQueue.url;
    this.ingestDlqUrl = ingestDlq.url;
    this.sendQueueUrl = sendQueue.url;
    this.sendDlqUrl = sendDlq.url;
    this.tableNames = names.apply((n) => n.tables);
    this.configTableName = tables.config.name;
    this.mediaBucketName = bucket.bucket;
    this.functionNames = pulumi
      .all([ingest.lambda.name, sender.lambda.name])
      .apply(([i, s]) => ({ ingest: i, sender: s }));
    this.registerOutputs(this.#outputFields());
  }

  /** All outputs as one value (for stack exports). */
  outputs(): pulumi.Output<WhatsAppRuntimeOutputs> {
    return pulumi.output(this.#outputFields());
  }

  /** The component's outputs, named once for both `registerOutputs` and `outputs()`. */
  #outputFields() {
    return {
      eventTopicArn: this.eventTopicArn,
      eventRoleArn: this.eventRoleArn,
      eventDestinations: this.eventDestinations,
      ingestQueueUrl: this.ingestQueueUrl,
      ingestDlqUrl: this.ingestDlqUrl,
      sendQueueUrl: this.sendQueueUrl,
      sendDlqUrl: this.sendDlqUrl,
      tableNames: this.tableNames,
      configTableName: this.configTableName,
      mediaBucketName: this.mediaBucketName,
      functionNames: this.functionNames,
    };
  }
}
