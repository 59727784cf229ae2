/**
 * The WhatsAppRuntime component under `pulumi.runtime.setMocks` (mocks.ts says why): the resource graph of `dev` and
 * `prod`, every policy document parsed and checked for least privilege, and the settings that matter asserted.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { WhatsAppRuntimeArgs } from "../../../src/pulumi/runtime/args.ts";
import type { PolicyDocument, PolicyStatement } from "../../../src/pulumi/runtime/policies.ts";
import { ACCOUNTS, installMocks, type Registered, registered, resolved } from "./mocks.ts";

// Mocks first: the component registers resources as it is constructed.
installMocks();
const { WhatsAppRuntime, WHATSAPP_RUNTIME_TYPE } = await import("../../../src/pulumi/runtime/whatsapp-runtime.ts");

const hex = (c: string) => c.repeat(32);
const wabaArn = (env: keyof typeof ACCOUNTS, c: string) =>
  `arn:aws:social-messaging:${ACCOUNTS[env]?.region}:${ACCOUNTS[env]?.accountId}:waba/${hex(c)}`;
const phoneArn = (env: keyof typeof ACCOUNTS, c: string) =>
  `arn:aws:social-messaging:${ACCOUNTS[env]?.region}:${ACCOUNTS[env]?.accountId}:phone-number-id/${hex(c)}`;

const ARGS: Record<"dev" | "prod", WhatsAppRuntimeArgs> = {
  dev: {
    environment: "dev",
    region: "us-east-1",
    accountId: "111111111111",
    wabas: [{ wabaArn: wabaArn("dev", "a"), phoneNumberArns: [phoneArn("dev", "b")] }],
    bundles: { ingest: "/tmp/waba-bundles/ingest", sender: "/tmp/waba-bundles/sender" },
    encryptTopic: false,
    logLevel: "DEBUG",
    tags: { team: "messaging" },
  },
  prod: {
    environment: "prod",
    region: "eu-west-1",
    accountId: "222222222222",
    wabas: [
      { wabaArn: wabaArn("prod", "c"), phoneNumberArns: [phoneArn("prod", "d"), phoneArn("prod", "e")] },
      { wabaArn: wabaArn("prod", "f"), phoneNumberArns: [phoneArn("prod", "1")] },
    ],
    bundles: { ingest: "/tmp/waba-bundles/ingest", sender: "/tmp/waba-bundles/sender" },
    senderRatePerPhone: 200,
    senderConcurrency: 4,
    retainData: true,
    mediaRetentionDays: { inbound: 7, outbound: 90 },
    alarmActions: ["arn:aws:sns:eu-west-1:222222222222:oncall"],
  },
};

type Env = keyof typeof ARGS;
const built: Partial<Record<Env, InstanceType<typeof WhatsAppRuntime>>> = {};

beforeAll(async () => {
  for (const env of ["dev", "prod"] as const) {
    const rt = new WhatsAppRuntime(env, ARGS[env]);
    built[env] = rt;
    // Every child registered (the mocks saw its resolved inputs) before any assertion runs.
    await Promise.all(rt.resources.map((r) => resolved(r.urn)));
  }
});

const of = (env: Env, type: string): Registered[] =>
  registered.filter((r) => r.type === type && r.name.startsWith(`${env}-`));
const one = (env: Env, type: string, name: string): Registered => {
  const hit = registered.find((r) => r.type === type && r.name === `${env}-${name}`);
  if (hit === undefined) throw new Error(`no ${type} named ${env}-${name}`);
  return hit;
};
const str = (r: Registered, key: string): string => String(r.state[key]);
const parse = (s: unknown): PolicyDocument => JSON.parse(String(s)) as PolicyDocument;

/** Every policy document the environment registered, with where it came from. */
function policies(env: Env): { where: string; doc: PolicyDocument; kind: "identity" | "resource" | "trust" | "key" }[] {
  const out: { where: string; doc: PolicyDocument; kind: "identity" | "resource" | "trust" | "key" }[] = [];
  for (const r of of(env, "aws:iam/rolePolicy:RolePolicy"))
    out.push({ where: r.name, doc: parse(r.inputs["policy"]), kind: "identity" });
  for (const r of of(env, "aws:iam/role:Role"))
    out.push({ where: r.name, doc: parse(r.inputs["assumeRolePolicy"]), kind: "trust" });
  for (const t of [
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:sqs/queuePolicy:QueuePolicy",
    "aws:s3/bucketPolicy:BucketPolicy",
  ]) {
    for (const r of of(env, t)) out.push({ where: r.name, doc: parse(r.inputs["policy"]), kind: "resource" });
  }
  for (const r of of(env, "aws:kms/key:Key")) out.push({ where: r.name, doc: parse(r.inputs["policy"]), kind: "key" });
  return out;
}

/** The environment's own ARNs: everything the component created, plus its WABAs and phone numbers. */
function ownArns(env: Env): Set<string> {
  const arns = new Set<string>();
  for (const r of registered)
    if (r.name.startsWith(`${env}-`) && typeof r.state["arn"] === "string") arns.add(String(r.state["arn"]));
  for (const w of ARGS[env].wabas) {
    arns.add(w.wabaArn);
    for (const p of w.phoneNumberArns) arns.add(p);
  }
  return arns;
}

/** Problems with one statement: wildcard actions, resources outside the environment. */
function leastPrivilegeProblems(env: Env, where: string, kind: string, s: PolicyStatement): string[] {
  const problems: string[] = [];
  const own = ownArns(env);
  const tlsDeny = s.Effect === "Deny" && s.Condition?.["Bool"]?.["aws:SecureTransport"] === "false";
  for (const a of s.Action) {
    if (a.includes("*") && !tlsDeny) problems.push(`${where}/${s.Sid}: wildcard action ${a}`);
  }
  if (s.Resource === "*" || s.Resource?.includes("*")) {
    // KMS key policies must say "*" (= this key); nothing else may.
    if (kind !== "key") problems.push(`${where}/${s.Sid}: Resource "*"`);
  } else {
    for (const res of s.Resource ?? []) {
      const base = res.replace(/(\/(inbound|outbound)\/\*|\/\*|:\*)$/, "");
      if (!own.has(base)) problems.push(`${where}/${s.Sid}: resource ${res} is not this environment's`);
    }
  }
  if (kind === "trust" || kind === "resource" || kind === "key") {
    if (s.Principal === undefined) problems.push(`${where}/${s.Sid}: no principal`);
  }
  return problems;
}

describe.each(["dev", "prod"] as const)("WhatsAppRuntime (%s)", (env) => {
  const a = ARGS[env];
  const prefix = `waba-${env}`;

  it("registers the component under its type token with every resource the runtime needs", () => {
    // Assess
    const component = registered.find((r) => r.name === env && r.type === WHATSAPP_RUNTIME_TYPE);
    expect(component?.type).toBe("waba:runtime:WhatsAppRuntime");
    const counts: Record<string, number> = {};
    for (const r of registered) if (r.name.startsWith(`${env}-`)) counts[r.type] = (counts[r.type] ?? 0) + 1;
    const kms = env === "prod" ? { "aws:kms/key:Key": 1, "aws:kms/alias:Alias": 1 } : {};
    expect(counts).toEqual({
      "aws:sns/topic:Topic": 1,
      "aws:sns/topicPolicy:TopicPolicy": 1,
      "aws:sns/topicSubscription:TopicSubscription": 1,
      "aws:iam/role:Role": 3,
      "aws:iam/rolePolicy:RolePolicy": 3,
      "aws:sqs/queue:Queue": 4,
      "aws:sqs/queuePolicy:QueuePolicy": 1,
      "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy": 2,
      "aws:dynamodb/table:Table": 5,
      "aws:s3/bucket:Bucket": 1,
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 1,
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 1,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 1,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 1,
      "aws:s3/bucketPolicy:BucketPolicy": 1,
      "aws:cloudwatch/logGroup:LogGroup": 2,
      "aws:lambda/function:Function": 2,
      "aws:lambda/eventSourceMapping:EventSourceMapping": 2,
      "aws:cloudwatch/metricAlarm:MetricAlarm": 6,
      ...kms,
    });
  });

  it("parses every policy document: no wildcard action, no resource outside the environment", () => {
    // Act
    const docs = policies(env);
    const problems = docs.flatMap((d) =>
      d.doc.Statement.flatMap((s) => leastPrivilegeProblems(env, d.where, d.kind, s)),
    );
    // Assess
    expect(docs.length).toBe(env === "prod" ? 10 : 9);
    for (const d of docs) expect(d.doc.Version).toBe("2012-10-17");
    expect(problems).toEqual([]);
  });

  it("lets the least-privilege check fail on a wildcard or a foreign resource", () => {
    // Prepare: statements a careless edit could introduce
    const bad: PolicyStatement[] = [
      {
        Sid: "Star",
        Effect: "Allow",
        Action: ["social-messaging:*"],
        Resource: [a.wabas[0]?.phoneNumberArns[0] ?? ""],
      },
      {
        Sid: "Other",
        Effect: "Allow",
        Action: ["sqs:SendMessage"],
        Resource: ["arn:aws:sqs:us-east-1:333333333333:x"],
      },
      { Sid: "Any", Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: "*" },
    ];
    // Act
    const problems = bad.flatMap((s) => leastPrivilegeProblems(env, "t", "identity", s));
    // Assess
    expect(problems).toEqual([
      "t/Star: wildcard action social-messaging:*",
      "t/Other: resource arn:aws:sqs:us-east-1:333333333333:x is not this environment's",
      't/Any: Resource "*"',
    ]);
  });

  it("gives each function only the EUM actions it calls, on this environment's phone numbers", () => {
    // Prepare
    const phones = [...new Set(a.wabas.flatMap((w) => w.phoneNumberArns))].sort();
    const eum = (fn: string) =>
      parse(one(env, "aws:iam/rolePolicy:RolePolicy", `${fn}-policy`).inputs["policy"]).Statement.filter((s) =>
        s.Action.some((x) => x.startsWith("social-messaging:")),
      );
    // Act
    const sender = eum("sender");
    const ingest = eum("ingest");
    // Assess
    expect(sender.flatMap((s) => s.Action).sort()).toEqual([
      "social-messaging:PostWhatsAppMessageMedia",
      "social-messaging:SendWhatsAppMessage",
    ]);
    expect(ingest.flatMap((s) => s.Action)).toEqual(["social-messaging:GetWhatsAppMessageMedia"]);
    for (const s of [...sender, ...ingest]) expect([...(s.Resource as string[])].sort()).toEqual(phones);
  });

  it("scopes each function to its own queues, tables and bucket prefix", () => {
    // Prepare
    const arn = (type: string, name: string) => str(one(env, type, name), "arn");
    const table = (t: string) => arn("aws:dynamodb/table:Table", t);
    const bucketArn = arn("aws:s3/bucket:Bucket", "media");
    const grants = (fn: string) => {
      const m: Record<string, string[]> = {};
      for (const s of parse(one(env, "aws:iam/rolePolicy:RolePolicy", `${fn}-policy`).inputs["policy"]).Statement) {
        for (const res of s.Resource as string[]) m[res] = [...(m[res] ?? []), ...s.Action].sort();
      }
      return m;
    };
    // Act
    const sender = grants("sender");
    const ingest = grants("ingest");
    // Assess
    expect(sender[arn("aws:sqs/queue:Queue", "send")]).toEqual([
      "sqs:ChangeMessageVisibility",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ReceiveMessage",
    ]);
    expect(sender[arn("aws:sqs/queue:Queue", "send-dlq")]).toEqual(["sqs:SendMessage"]);
    expect(sender[table("outbound")]).toEqual(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]);
    expect(sender[table("config")]).toEqual(["dynamodb:GetItem"]);
    expect(sender[`${bucketArn}/outbound/*`]).toEqual(["s3:GetObject"]);
    expect(sender[`${arn("aws:cloudwatch/logGroup:LogGroup", "sender-logs")}:*`]).toEqual([
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
    expect(Object.keys(sender)).not.toContain(arn("aws:sqs/queue:Queue", "ingest"));
    expect(Object.keys(sender)).not.toContain(table("idempotency"));
    expect(Object.keys(sender).some((k) => k.includes("/inbound/"))).toBe(false);
    expect(ingest[arn("aws:sqs/queue:Queue", "ingest")]).toContain("sqs:ReceiveMessage");
    expect(ingest[`${bucketArn}/inbound/*`]).toEqual(["s3:PutObject"]);
    expect(ingest[bucketArn]).toEqual(["s3:ListBucket"]);
    const list = parse(one(env, "aws:iam/rolePolicy:RolePolicy", "ingest-policy").inputs["policy"]).Statement.find(
      (s) => s.Sid === "FindInboundMedia",
    );
    expect(list?.Condition).toEqual({ StringLike: { "s3:prefix": ["inbound/*"] } });
    expect(Object.keys(sender)).not.toContain(bucketArn);
    expect(ingest[table("outbound")]).toEqual(["dynamodb:GetItem", "dynamodb:UpdateItem"]);
    expect(ingest[table("idempotency")]).toEqual([
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
    ]);
    expect(ingest[arn("aws:sqs/queue:Queue", "ingest-dlq")]).toEqual(["sqs:SendMessage"]);
    expect(ingest[arn("aws:sqs/queue:Queue", "send")]).toEqual(["sqs:SendMessage"]);
    expect(Object.keys(sender)).not.toContain(arn("aws:sqs/queue:Queue", "ingest-dlq"));
    expect(Object.keys(ingest).some((k) => k.includes("/outbound/"))).toBe(false);
    expect(Object.keys(ingest)).not.toContain(`${arn("aws:cloudwatch/logGroup:LogGroup", "sender-logs")}:*`);
  });

  it("creates a standard topic EUM may publish to only for this environment's WABAs", () => {
    // Prepare
    const topic = one(env, "aws:sns/topic:Topic", "events");
    const wabas = a.wabas.map((w) => w.wabaArn);
    const acct = a.accountId;
    // Act
    const topicPolicy = parse(one(env, "aws:sns/topicPolicy:TopicPolicy", "events-policy").inputs["policy"]);
    const trust = parse(one(env, "aws:iam/role:Role", "eum-role").inputs["assumeRolePolicy"]);
    const rolePolicy = parse(one(env, "aws:iam/rolePolicy:RolePolicy", "eum-role-policy").inputs["policy"]);
    // Assess
    expect(topic.inputs["fifoTopic"]).toBe(false);
    expect(topicPolicy.Statement[0]).toEqual({
      Sid: "EumPublishesForTheseWabas",
      Effect: "Allow",
      Principal: { Service: "social-messaging.amazonaws.com" },
      Action: ["sns:Publish"],
      Resource: [str(topic, "arn")],
      Condition: { StringEquals: { "aws:SourceAccount": acct }, ArnLike: { "aws:SourceArn": wabas } },
    });
    expect(topicPolicy.Statement[1]?.Effect).toBe("Deny");
    expect(trust.Statement).toEqual([
      {
        Sid: "EumAssumesForTheseWabas",
        Effect: "Allow",
        Principal: { Service: "social-messaging.amazonaws.com" },
        Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "aws:SourceAccount": acct }, ArnLike: { "aws:SourceArn": wabas } },
      },
    ]);
    expect(rolePolicy.Statement[0]).toEqual({
      Sid: "PublishEvents",
      Effect: "Allow",
      Action: ["sns:Publish"],
      Resource: [str(topic, "arn")],
    });
    if (env === "prod") {
      const key = one(env, "aws:kms/key:Key", "topic-key");
      expect(topic.inputs["kmsMasterKeyId"]).toBe(str(key, "arn"));
      expect(rolePolicy.Statement[1]).toEqual({
        Sid: "EncryptEvents",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: [str(key, "arn")],
      });
      const keyPolicy = parse(key.inputs["policy"]);
      expect(keyPolicy.Statement.map((s) => s.Principal)).toEqual([
        { AWS: `arn:aws:iam::${acct}:root` },
        { Service: "social-messaging.amazonaws.com" },
        { AWS: str(one(env, "aws:iam/role:Role", "eum-role"), "arn") },
      ]);
      expect(keyPolicy.Statement[0]?.Action).not.toContain("kms:Decrypt");
      expect(key.inputs["enableKeyRotation"]).toBe(true);
    } else {
      expect(topic.inputs["kmsMasterKeyId"]).toBeUndefined();
      expect(rolePolicy.Statement).toHaveLength(1);
    }
  });

  it("subscribes the ingest queue to the topic (SNS envelope kept) and lets only that topic send to it", () => {
    // Prepare
    const topicArn = str(one(env, "aws:sns/topic:Topic", "events"), "arn");
    const queue = one(env, "aws:sqs/queue:Queue", "ingest");
    // Act
    const sub = one(env, "aws:sns/topicSubscription:TopicSubscription", "ingest-sub");
    const qp = parse(one(env, "aws:sqs/queuePolicy:QueuePolicy", "ingest-policy").inputs["policy"]);
    // Assess
    expect(sub.inputs).toMatchObject({
      topic: topicArn,
      protocol: "sqs",
      endpoint: str(queue, "arn"),
      rawMessageDelivery: false,
    });
    expect(one(env, "aws:sqs/queuePolicy:QueuePolicy", "ingest-policy").inputs["queueUrl"]).toBe(str(queue, "url"));
    expect(qp.Statement).toEqual([
      {
        Sid: "EventTopicDelivers",
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: ["sqs:SendMessage"],
        Resource: [str(queue, "arn")],
        Condition: { ArnEquals: { "aws:SourceArn": topicArn } },
      },
    ]);
  });

  it("redrives the ingest queue to a standard DLQ and the FIFO send queue to a FIFO DLQ", () => {
    // Prepare
    const q = (n: string) => one(env, "aws:sqs/queue:Queue", n);
    // Act
    const ingestRedrive = JSON.parse(String(q("ingest").inputs["redrivePolicy"]));
    const sendRedrive = JSON.parse(String(q("send").inputs["redrivePolicy"]));
    const allow = JSON.parse(
      String(one(env, "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy", "send-dlq-allow").inputs["redriveAllowPolicy"]),
    );
    // Assess
    expect(ingestRedrive).toEqual({ deadLetterTargetArn: str(q("ingest-dlq"), "arn"), maxReceiveCount: 5 });
    expect(sendRedrive).toEqual({ deadLetterTargetArn: str(q("send-dlq"), "arn"), maxReceiveCount: 20 });
    expect(allow).toEqual({ redrivePermission: "byQueue", sourceQueueArns: [str(q("send"), "arn")] });
    expect(q("send").inputs).toMatchObject({
      name: `${prefix}-send.fifo`,
      fifoQueue: true,
      contentBasedDeduplication: false,
    });
    expect(q("send-dlq").inputs).toMatchObject({
      name: `${prefix}-send-dlq.fifo`,
      fifoQueue: true,
      messageRetentionSeconds: 1209600,
    });
    expect(q("ingest-dlq").inputs["fifoQueue"]).toBeUndefined();
    for (const n of ["ingest", "ingest-dlq", "send", "send-dlq"])
      expect(q(n).inputs["sqsManagedSseEnabled"]).toBe(true);
    // Visibility is 6x the handler timeout (30 s).
    expect(q("ingest").inputs["visibilityTimeoutSeconds"]).toBe(180);
    expect(q("send").inputs["visibilityTimeoutSeconds"]).toBe(180);
  });

  it("creates on-demand tables with point-in-time recovery, encryption and TTL where records expire", () => {
    // Act
    const tables = Object.fromEntries(
      of(env, "aws:dynamodb/table:Table").map((t) => [t.name.slice(env.length + 1), t.inputs]),
    );
    // Assess
    expect(Object.keys(tables).sort()).toEqual(["config", "conversations", "idempotency", "orders", "outbound"]);
    for (const t of Object.values(tables)) {
      expect(t).toMatchObject({
        billingMode: "PAY_PER_REQUEST",
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
        deletionProtectionEnabled: env === "prod",
      });
    }
    expect(tables["idempotency"]).toMatchObject({ hashKey: "pk", ttl: { attributeName: "ttl", enabled: true } });
    expect(tables["orders"]).toMatchObject({ hashKey: "pk", ttl: { attributeName: "ttl", enabled: true } });
    expect(tables["outbound"]).toMatchObject({ hashKey: "pk", ttl: { attributeName: "ttl", enabled: true } });
    expect(tables["conversations"]).toMatchObject({ ttl: { attributeName: "ttl", enabled: true } });
    expect(tables["config"]).toMatchObject({
      name: `${prefix}-config`,
      hashKey: "pk",
      attributes: [{ name: "pk", type: "S" }],
    });
    expect(tables["config"]?.["ttl"]).toBeUndefined();
  });

  it("keeps the media bucket private, encrypted, TLS-only, and expires media by prefix", () => {
    // Prepare
    const bucket = one(env, "aws:s3/bucket:Bucket", "media");
    const id = `${env}-media-id`;
    // Act
    const policy = parse(one(env, "aws:s3/bucketPolicy:BucketPolicy", "media-policy").inputs["policy"]);
    const lifecycle = one(
      env,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "media-lifecycle",
    ).inputs;
    // Assess
    expect(policy.Statement).toEqual([
      {
        Sid: "DenyWithoutTls",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: [str(bucket, "arn"), `${str(bucket, "arn")}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
    expect(one(env, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "media-pab").inputs).toEqual({
      bucket: id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(one(env, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "media-ownership").inputs).toMatchObject({
      bucket: id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    expect(
      one(env, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "media-sse")
        .inputs,
    ).toMatchObject({ bucket: id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
    const days = env === "prod" ? { inbound: 7, outbound: 90 } : { inbound: 30, outbound: 30 };
    expect(lifecycle["rules"]).toMatchObject([
      { status: "Enabled", filter: { prefix: "inbound/" }, expiration: { days: days.inbound } },
      { status: "Enabled", filter: { prefix: "outbound/" }, expiration: { days: days.outbound } },
      { status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } },
    ]);
    expect(bucket.inputs["forceDestroy"]).toBe(env !== "prod");
  });

  it("runs both handlers on Node 24 arm64 with the environment the handlers parse", () => {
    // Prepare
    const fn = (k: string) => one(env, "aws:lambda/function:Function", k).inputs;
    const url = (n: string) => str(one(env, "aws:sqs/queue:Queue", n), "url");
    const table = (n: string) => `${prefix}-${n}`;
    // Act
    const sender = fn("sender");
    const ingest = fn("ingest");
    const senderEnv = (sender["environment"] as { variables: Record<string, string> }).variables;
    const ingestEnv = (ingest["environment"] as { variables: Record<string, string> }).variables;
    // Assess
    for (const f of [sender, ingest]) {
      expect(f).toMatchObject({
        runtime: "nodejs24.x",
        architectures: ["arm64"],
        handler: "index.handler",
        timeout: 30,
        memorySize: 512,
      });
      expect(f["loggingConfig"]).toMatchObject({ logFormat: "JSON" });
    }
    expect(sender["role"]).toBe(str(one(env, "aws:iam/role:Role", "sender-role"), "arn"));
    expect(sender["reservedConcurrentExecutions"]).toBe(a.senderConcurrency ?? 2);
    expect(ingest["reservedConcurrentExecutions"]).toBeUndefined();
    expect(senderEnv).toMatchObject({
      SEND_QUEUE_URL: url("send"),
      DEAD_LETTER_QUEUE_URL: url("send-dlq"),
      OUTBOUND_TABLE: table("outbound"),
      CONFIG_TABLE: table("config"),
      PHONE_RATE_MPS: String(a.senderRatePerPhone ?? 80),
      SENDER_CONCURRENCY: String(a.senderConcurrency ?? 2),
      POWERTOOLS_SERVICE_NAME: "waba-sender",
      POWERTOOLS_METRICS_NAMESPACE: "WabaRuntime",
      LOG_LEVEL: a.logLevel ?? "INFO",
    });
    expect(ingestEnv).toMatchObject({
      INBOUND_TABLE: table("idempotency"),
      DEAD_LETTER_QUEUE_URL: url("ingest-dlq"),
      OUTBOUND_DEAD_LETTER_QUEUE_URL: url("send-dlq"),
      OUTBOUND_TABLE: table("outbound"),
      CONFIG_TABLE: table("config"),
      METRICS_NAMESPACE: "WabaRuntime",
      CONVERSATIONS_TABLE: table("conversations"),
      ORDERS_TABLE: table("orders"),
      SEND_QUEUE_URL: url("send"),
      MEDIA_BUCKET: str(one(env, "aws:s3/bucket:Bucket", "media"), "bucket"),
      MEDIA_PREFIX: "inbound/",
      POWERTOOLS_SERVICE_NAME: "waba-ingest",
    });
  });

  it("maps both queues to their function reporting batch item failures, the sender capped at its concurrency", () => {
    // Act
    const ingest = one(env, "aws:lambda/eventSourceMapping:EventSourceMapping", "ingest-esm").inputs;
    const sender = one(env, "aws:lambda/eventSourceMapping:EventSourceMapping", "sender-esm").inputs;
    // Assess
    expect(ingest["functionResponseTypes"]).toEqual(["ReportBatchItemFailures"]);
    expect(sender["functionResponseTypes"]).toEqual(["ReportBatchItemFailures"]);
    expect(ingest["eventSourceArn"]).toBe(str(one(env, "aws:sqs/queue:Queue", "ingest"), "arn"));
    expect(sender["eventSourceArn"]).toBe(str(one(env, "aws:sqs/queue:Queue", "send"), "arn"));
    expect(sender["functionName"]).toBe(str(one(env, "aws:lambda/function:Function", "sender"), "arn"));
    expect(sender["scalingConfig"]).toEqual({ maximumConcurrency: a.senderConcurrency ?? 2 });
  });

  it("alarms on DLQ depth, handler errors and throttles", () => {
    // Act
    const alarms = Object.fromEntries(
      of(env, "aws:cloudwatch/metricAlarm:MetricAlarm").map((m) => [m.name.slice(env.length + 1), m.inputs]),
    );
    // Assess
    expect(alarms["ingest-dlq-depth"]).toMatchObject({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: `${prefix}-ingest-dlq` },
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
    });
    expect(alarms["send-dlq-depth"]).toMatchObject({ dimensions: { QueueName: `${prefix}-send-dlq.fifo` } });
    for (const f of ["ingest", "sender"]) {
      expect(alarms[`${f}-errors`]).toMatchObject({
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions: { FunctionName: `${prefix}-${f}` },
      });
      expect(alarms[`${f}-throttles`]).toMatchObject({
        metricName: "Throttles",
        dimensions: { FunctionName: `${prefix}-${f}` },
      });
    }
    expect(alarms["sender-errors"]?.["alarmActions"]).toEqual(a.alarmActions ?? []);
  });

  it("exposes the event destination inputs (topic and role) and the names a user needs", async () => {
    // Prepare
    const rt = built[env];
    if (rt === undefined) throw new Error("not built");
    // Act
    const out = await resolved(rt.outputs());
    // Assess
    const topicArn = str(one(env, "aws:sns/topic:Topic", "events"), "arn");
    const roleArn = str(one(env, "aws:iam/role:Role", "eum-role"), "arn");
    expect(out.eventDestinations).toEqual(
      a.wabas.map((w) => ({ wabaId: `waba-${w.wabaArn.split("/")[1]}`, wabaArn: w.wabaArn, topicArn, roleArn })),
    );
    expect(out).toMatchObject({
      eventTopicArn: topicArn,
      eventRoleArn: roleArn,
      sendQueueUrl: str(one(env, "aws:sqs/queue:Queue", "send"), "url"),
      configTableName: `${prefix}-config`,
      mediaBucketName: `${prefix}-media-0123abcd`,
      functionNames: { ingest: `${prefix}-ingest`, sender: `${prefix}-sender` },
    });
    expect(out.tableNames).toEqual({
      idempotency: `${prefix}-idempotency`,
      conversations: `${prefix}-conversations`,
      outbound: `${prefix}-outbound`,
      orders: `${prefix}-orders`,
      config: `${prefix}-config`,
    });
  });

  it("tags every taggable resource with the environment", () => {
    // Act
    const tagged = registered.filter((r) => r.name.startsWith(`${env}-`) && r.inputs["tags"] !== undefined);
    // Assess
    expect(tagged.length).toBeGreaterThanOrEqual(20);
    for (const r of tagged) expect(r.inputs["tags"]).toMatchObject({ "waba:environment": env, ...(a.tags ?? {}) });
  });
});
