/**
 * Pulumi mocks for the runtime component. No AWS provider plugin can run here, so every @pulumi/aws resource is
 * answered by `pulumi.runtime.setMocks`: the mock records the inputs the component registered and returns them plus
 * the computed attributes a real provider would (ARNs, URLs, bucket names), derived the way AWS forms them.
 */
import * as pulumi from "@pulumi/pulumi";

/** One registered resource: its Pulumi type token, logical name and resolved inputs. */
export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  state: Record<string, unknown>;
}

/** Account and region per environment, chosen from the logical name prefix (`dev-…`, `prod-…`). */
export const ACCOUNTS: Record<string, { accountId: string; region: string }> = {
  dev: { accountId: "111111111111", region: "us-east-1" },
  prod: { accountId: "222222222222", region: "eu-west-1" },
};

export const registered: Registered[] = [];

function computed(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const env = ACCOUNTS[name.split("-")[0] ?? ""] ?? { accountId: "999999999999", region: "us-east-1" };
  const { accountId: acct, region } = env;
  const n = String(inputs["name"] ?? name);
  switch (type) {
    case "aws:sns/topic:Topic":
      return { arn: `arn:aws:sns:${region}:${acct}:${n}` };
    case "aws:sqs/queue:Queue":
      return { arn: `arn:aws:sqs:${region}:${acct}:${n}`, url: `https://sqs.${region}.amazonaws.com/${acct}/${n}` };
    case "aws:dynamodb/table:Table":
      return { arn: `arn:aws:dynamodb:${region}:${acct}:table/${n}` };
    case "aws:iam/role:Role":
      return { arn: `arn:aws:iam::${acct}:role/${n}` };
    case "aws:s3/bucket:Bucket": {
      const bucket = `${String(inputs["bucketPrefix"])}0123abcd`;
      return { bucket, arn: `arn:aws:s3:::${bucket}` };
    }
    case "aws:cloudwatch/logGroup:LogGroup":
      return { arn: `arn:aws:logs:${region}:${acct}:log-group:${n}` };
    case "aws:lambda/function:Function":
      return { arn: `arn:aws:lambda:${region}:${acct}:function:${n}` };
    case "aws:kms/key:Key":
      return { arn: `arn:aws:kms:${region}:${acct}:key/${name}-0000`, keyId: `${name}-0000` };
    default:
      return {};
  }
}

/** Registers the mocks; call before constructing any resource. */
export function installMocks(): void {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        const state = { ...args.inputs, ...computed(args.type, args.name, args.inputs) };
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, state });
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        return args.inputs;
      },
    },
    "waba-config",
    "test",
    false,
  );
}

/** Resolves an output (mocks resolve every value; none is unknown outside preview). */
export function resolved<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}
