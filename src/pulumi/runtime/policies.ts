/**
 * IAM, resource and key policy documents of the runtime, as plain objects built from resolved ARNs. The component
 * serializes them with `pulumi.all(...).apply(JSON.stringify)`; tests parse them back and check least privilege.
 */

/** One policy statement (the subset of the IAM grammar the runtime uses). */
export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | { Service: string | string[] } | { AWS: string | string[] };
  Action: string[];
  Resource?: string[] | "*";
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A policy document. */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: "2012-10-17", Statement });

/** EUM's service principal (event destinations). */
export const EUM_PRINCIPAL = "social-messaging.amazonaws.com";

/** The ARNs the EUM publishing role and the topic policy are scoped to. */
export interface EventDestinationArns {
  accountId: string;
  wabaArns: string[];
  topicArn: string;
  /** Present when the topic is encrypted with a customer managed key. */
  topicKeyArn?: string | undefined;
}

/** Trust policy of the role EUM assumes to publish: only EUM, only for this account's WABAs of the environment. */
export function eumAssumeRolePolicy(a: Pick<EventDestinationArns, "accountId" | "wabaArns">): PolicyDocument {
  return doc({
    Sid: "EumAssumesForTheseWabas",
    Effect: "Allow",
    Principal: { Service: EUM_PRINCIPAL },
    Action: ["sts:AssumeRole"],
    Condition: { StringEquals: { "aws:SourceAccount": a.accountId }, ArnLike: { "aws:SourceArn": a.wabaArns } },
  });
}

/** Permissions of the EUM publishing role: publish to the event topic (and use its key) only. */
export function eumPublishPolicy(a: EventDestinationArns): PolicyDocument {
  const statements: PolicyStatement[] = [
    { Sid: "PublishEvents", Effect: "Allow", Action: ["sns:Publish"], Resource: [a.topicArn] },
  ];
  if (a.topicKeyArn !== undefined) {
    statements.push({
      Sid: "EncryptEvents",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: [a.topicKeyArn],
    });
  }
  return doc(...statements);
}

/** Topic policy: EUM may publish for this environment's WABAs; nothing may publish over plain HTTP. */
export function eventTopicPolicy(a: EventDestinationArns): PolicyDocument {
  return doc(
    {
      Sid: "EumPublishesForTheseWabas",
      Effect: "Allow",
      Principal: { Service: EUM_PRINCIPAL },
      Action: ["sns:Publish"],
      Resource: [a.topicArn],
      Condition: { StringEquals: { "aws:SourceAccount": a.accountId }, ArnLike: { "aws:SourceArn": a.wabaArns } },
    },
    {
      Sid: "DenyPublishWithoutTls",
      Effect: "Deny",
      Principal: "*",
      Action: ["sns:Publish"],
      Resource: [a.topicArn],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  );
}

/**
 * Key policy of the topic key. KMS key policies must use `"Resource": "*"` (it means "this key"); the account keeps
 * administration (listed actions, no `kms:*`), EUM and the publishing role may only encrypt for the topic.
 */
export function topicKeyPolicy(a: { partition: string; accountId: string; eumRoleArn: string }): PolicyDocument {
  return doc(
    {
      Sid: "AccountAdministersTheKey",
      Effect: "Allow",
      Principal: { AWS: `arn:${a.partition}:iam::${a.accountId}:root` },
      Action: KEY_ADMIN_ACTIONS,
      Resource: "*",
    },
    {
      Sid: "EumEncryptsEvents",
      Effect: "Allow",
      Principal: { Service: EUM_PRINCIPAL },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": a.accountId } },
    },
    {
      Sid: "PublishingRoleEncryptsEvents",
      Effect: "Allow",
      Principal: { AWS: a.eumRoleArn },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
    },
  );
}

/** What the account (the deployer) may do with the topic key: manage it, never use it for data. */
export const KEY_ADMIN_ACTIONS = [
  "kms:DescribeKey",
  "kms:GetKeyPolicy",
  "kms:PutKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:EnableKeyRotation",
  "kms:DisableKeyRotation",
  "kms:ListResourceTags",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateKeyDescription",
  "kms:EnableKey",
  "kms:DisableKey",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:UpdateAlias",
  "kms:ListAliases",
  "kms:ListGrants",
  "kms:RevokeGrant",
];

/** Ingest queue policy: only SNS delivering from the event topic may send. */
export function ingestQueuePolicy(a: { queueArn: string; topicArn: string }): PolicyDocument {
  return doc({
    Sid: "EventTopicDelivers",
    Effect: "Allow",
    Principal: { Service: "sns.amazonaws.com" },
    Action: ["sqs:SendMessage"],
    Resource: [a.queueArn],
    Condition: { ArnEquals: { "aws:SourceArn": a.topicArn } },
  });
}

/**
 * Media bucket policy: TLS only. `s3:*` appears in a Deny (denying every action over plain HTTP is the narrowing
 * direction); nothing is granted here, access comes from each function's role.
 */
export function mediaBucketPolicy(a: { bucketArn: string }): PolicyDocument {
  return doc({
    Sid: "DenyWithoutTls",
    Effect: "Deny",
    Principal: "*",
    Action: ["s3:*"],
    Resource: [a.bucketArn, `${a.bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  });
}

/**
 * Trust policy of a Lambda execution role. No source condition: Lambda does not document `aws:SourceAccount` for
 * execution-role assumption, and a condition it does not send would lock the function out.
 */
export function lambdaAssumeRolePolicy(): PolicyDocument {
  return doc({
    Sid: "LambdaAssumes",
    Effect: "Allow",
    Principal: { Service: "lambda.amazonaws.com" },
    Action: ["sts:AssumeRole"],
  });
}

/** Media prefixes in the bucket: inbound media EUM downloads, outbound media the sender uploads to WhatsApp. */
export const MEDIA_PREFIX = { inbound: "inbound/", outbound: "outbound/" } as const;

/** Resolved ARNs a handler role is scoped to. */
export interface HandlerArns {
  logGroupArn: string;
  phoneNumberArns: string[];
  ingestQueueArn: string;
  ingestDlqArn: string;
  sendQueueArn: string;
  sendDlqArn: string;
  tables: { idempotency: string; conversations: string; outbound: string; orders: string; config: string };
  bucketArn: string;
}

const logs = (a: HandlerArns): PolicyStatement => ({
  Sid: "WriteOwnLogs",
  Effect: "Allow",
  Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
  Resource: [`${a.logGroupArn}:*`],
});

/** Actions an SQS event source mapping needs on the queue it polls. */
const POLL = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"];

/**
 * Sender: polls the FIFO send queue (and changes visibility of deferred records), dead-letters to the send DLQ,
 * claims and records sends in the outbound table, reads template status from the config table, reads outbound
 * media and uploads it to WhatsApp, and sends — from this environment's phone numbers only.
 * Powertools metrics are written as EMF log lines, so no `cloudwatch:PutMetricData` (and no `*` resource) is needed.
 */
export function senderPolicy(a: HandlerArns): PolicyDocument {
  return doc(
    logs(a),
    { Sid: "PollSendQueue", Effect: "Allow", Action: POLL, Resource: [a.sendQueueArn] },
    { Sid: "DeadLetterSends", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [a.sendDlqArn] },
    {
      Sid: "ClaimAndRecordSends",
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
      Resource: [a.tables.outbound],
    },
    { Sid: "ReadTemplateStatus", Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: [a.tables.config] },
    // PostWhatsAppMessageMedia reads the S3 object with the caller's credentials (forward access session).
    {
      Sid: "ReadOutboundMedia",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: [`${a.bucketArn}/${MEDIA_PREFIX.outbound}*`],
    },
    {
      Sid: "SendFromTheseNumbers",
      Effect: "Allow",
      Action: ["social-messaging:SendWhatsAppMessage", "social-messaging:PostWhatsAppMessageMedia"],
      Resource: a.phoneNumberArns,
    },
  );
}

/**
 * Ingest: polls the ingest queue, deduplicates in the idempotency (inbound) table, keeps conversations and orders,
 * writes template status to the config table and reads the declared documents, enqueues replies on the send queue,
 * dead-letters poison records (ingest DLQ) and unretryable failed sends (send DLQ), records statuses on the outbound table's wamid records and (retry port) re-enqueues or dead-letters failed sends,
 * downloads inbound media to S3.
 */
export function ingestPolicy(a: HandlerArns): PolicyDocument {
  return doc(
    logs(a),
    { Sid: "PollIngestQueue", Effect: "Allow", Action: POLL, Resource: [a.ingestQueueArn] },
    { Sid: "EnqueueReplies", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [a.sendQueueArn] },
    { Sid: "DeadLetter", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [a.ingestDlqArn, a.sendDlqArn] },
    {
      Sid: "Idempotency",
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      Resource: [a.tables.idempotency],
    },
    {
      Sid: "ConversationsAndOrders",
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      Resource: [a.tables.conversations, a.tables.orders],
    },
    {
      Sid: "RuntimeConfig",
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan"],
      Resource: [a.tables.config],
    },
    {
      Sid: "StatusesAndFailedSends",
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
      Resource: [a.tables.outbound],
    },
    // GetWhatsAppMessageMedia writes the S3 object with the caller's credentials (forward access session).
    {
      Sid: "StoreInboundMedia",
      Effect: "Allow",
      Action: ["s3:PutObject"],
      Resource: [`${a.bucketArn}/${MEDIA_PREFIX.inbound}*`],
    },
    // The downloader lists `inbound/<phone>/<mediaId>.` to learn the key EUM chose; only that prefix may be listed.
    {
      Sid: "FindInboundMedia",
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: [a.bucketArn],
      Condition: { StringLike: { "s3:prefix": [`${MEDIA_PREFIX.inbound}*`] } },
    },
    {
      Sid: "DownloadMediaOfTheseNumbers",
      Effect: "Allow",
      Action: ["social-messaging:GetWhatsAppMessageMedia"],
      Resource: a.phoneNumberArns,
    },
  );
}
