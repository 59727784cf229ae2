/**
 * AWS SDK client configuration for the runtime, with endpoint overrides from the environment so the same handler
 * code talks to AWS, to moto_server or to the local EUM emulator.
 *
 * Overrides, most specific first: `AWS_ENDPOINT_URL_<SERVICE>` (SDK convention: SQS, DYNAMODB, S3, SNS,
 * SOCIALMESSAGING), then `EUM_ENDPOINT` for socialmessaging only, then `AWS_ENDPOINT_URL`.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Services the runtime talks to. */
export type RuntimeService = "sqs" | "dynamodb" | "s3" | "sns" | "socialmessaging";

/** The common client config: region, endpoint override, retry attempts; S3 gets path-style when overridden. */
export interface ClientConfig {
  region: string;
  endpoint?: string;
  maxAttempts?: number;
  forcePathStyle?: boolean;
}

/** Resolves the client config of one service from the environment. */
export function clientConfig(
  service: RuntimeService,
  env: Record<string, string | undefined> = process.env,
  overrides: { maxAttempts?: number } = {},
): ClientConfig {
  const endpoint =
    env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] ??
    (service === "socialmessaging" ? env["EUM_ENDPOINT"] : undefined) ??
    env["AWS_ENDPOINT_URL"];
  const cfg: ClientConfig = { region: env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? "us-east-1" };
  if (endpoint !== undefined && endpoint !== "") {
    cfg.endpoint = endpoint;
    if (service === "s3") cfg.forcePathStyle = true;
  }
  if (overrides.maxAttempts !== undefined) cfg.maxAttempts = overrides.maxAttempts;
  return cfg;
}

/** The runtime's clients, created once per process (module scope in a handler) and reused. */
export interface RuntimeClients {
  sqs: SQSClient;
  ddb: DynamoDBDocumentClient;
  s3: S3Client;
  eum: SocialMessagingClient;
}

/** Creates the runtime clients from the environment. */
export function createRuntimeClients(
  env: Record<string, string | undefined> = process.env,
  overrides: { maxAttempts?: number } = {},
): RuntimeClients {
  return {
    sqs: new SQSClient(clientConfig("sqs", env, overrides)),
    ddb: DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig("dynamodb", env, overrides)), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    s3: new S3Client(clientConfig("s3", env, overrides)),
    eum: new SocialMessagingClient(clientConfig("socialmessaging", env, overrides)),
  };
}

/** Where an AWS call failed: operation, resource, SDK error name, HTTP status and request id. */
export class AwsCallError extends Error {
  readonly operation: string;
  readonly resourceId: string;
  readonly errorName: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  constructor(operation: string, resourceId: string, cause: unknown) {
    const e = cause as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    const name = e?.name ?? "Error";
    super(
      `${operation} ${resourceId} failed: ${name}: ${e?.message ?? String(cause)}` +
        (e?.$metadata?.requestId ? ` (requestId ${e.$metadata.requestId})` : ""),
      { cause },
    );
    this.name = "AwsCallError";
    this.operation = operation;
    this.resourceId = resourceId;
    this.errorName = name;
    this.httpStatus = e?.$metadata?.httpStatusCode;
    this.requestId = e?.$metadata?.requestId;
  }
}
