/**
 * Wiring for the Pulumi program: turns an environment overlay (`config/envs/<env>.yaml`) into a WhatsAppRuntime when
 * its `runtime.deploy` is true, and hands the providers what they need (event destination topic and role, config
 * table). The `local` stack sets `deploy: false` and keeps the local loop: no AWS provider plugin can run there.
 *
 * @example
 *   const wiring = await deployRuntimeIfConfigured(environment);
 *   // EventDestination provider: wiring?.eventDestinations (wabaId, topicArn, roleArn per WABA)
 *   // RuntimeConfig providers: wiring?.configTableName
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../../../schemas/generated/environment.ts";
import { type RuntimeBundles, toPhoneNumberArn, toWabaArn, type WhatsAppRuntimeArgs } from "./args.ts";
import { buildRuntimeBundles, PROJECT_ROOT } from "./bundle.ts";
import { runtimeTableName } from "./environment.ts";
import { type EventDestinationInput, WhatsAppRuntime } from "./whatsapp-runtime.ts";

/** What the program passes on to the providers and exports. */
export interface RuntimeWiring {
  runtime: WhatsAppRuntime;
  /** Per WABA: the EventDestination provider's inputs (topic ARN and the role EUM assumes). */
  eventDestinations: pulumi.Output<EventDestinationInput[]>;
  /** The runtime config table the RuntimeConfig providers write into. */
  configTableName: pulumi.Output<string>;
  /** The same name as a plain string (it is deterministic), for stack config and `declareEstate`. */
  configTable: string;
}

/**
 * What `declareEstate` (src/pulumi/estate.ts `EstateOptions`) takes from the runtime: event destinations of type
 * `runtime` get the topic and the role EUM assumes; RuntimeConfig documents go to the config table. The RuntimeConfig
 * provider reads the table from stack config `waba:configTable`, which must equal `configTable`.
 */
export function estateOptionsFor(w: RuntimeWiring): {
  configTable: string;
  runtime: { topicArn: pulumi.Output<string>; roleArn: pulumi.Output<string> };
} {
  return {
    configTable: w.configTable,
    runtime: { topicArn: w.runtime.eventTopicArn, roleArn: w.runtime.eventRoleArn },
  };
}

/** Options of `deployRuntimeIfConfigured`. */
export interface WireOptions {
  /** Prebuilt bundle directories; default: built now with esbuild into `node_modules/.cache/waba-lambdas/<env>`. */
  bundles?: RuntimeBundles;
  /** Overrides of the arguments derived from the environment (rate, retention, alarm actions, …). */
  overrides?: Partial<WhatsAppRuntimeArgs>;
  /** Parent and other options of the component. */
  opts?: pulumi.ComponentResourceOptions;
}

/** Builds the component arguments from an environment overlay and its account id. */
export function runtimeArgsFromEnvironment(
  env: Environment,
  accountId: string,
  bundles: RuntimeBundles,
): WhatsAppRuntimeArgs {
  const region = env.aws.region;
  const phones = Object.entries(env.phone_numbers ?? {}).map(([alias, p]) => {
    try {
      return toPhoneNumberArn(p.id, region, accountId);
    } catch (err) {
      throw new Error(`config/envs/${env.name}.yaml phone_numbers.${alias}.id: ${(err as Error).message}`);
    }
  });
  const rt = env.runtime;
  return {
    environment: env.name,
    region,
    accountId,
    wabas: [{ wabaArn: toWabaArn(env.waba.id, region, accountId), phoneNumberArns: phones }],
    bundles,
    ...(rt?.log_level === undefined ? {} : { logLevel: rt.log_level }),
    ...(rt?.memory_mb === undefined ? {} : { memoryMb: rt.memory_mb }),
    ...(rt?.reserved_concurrency === undefined ? {} : { senderConcurrency: rt.reserved_concurrency }),
    ...(env.tags === undefined ? {} : { tags: env.tags }),
    // Production data outlives a mistaken destroy.
    ...(env.name === "prod" ? { retainData: true } : {}),
  };
}

/** Builds the bundles under node_modules/.cache (ignored by git, kept between runs). */
async function buildBundles(envName: string): Promise<RuntimeBundles> {
  const { bundles: b } = await buildRuntimeBundles(`${PROJECT_ROOT}/node_modules/.cache/waba-lambdas/${envName}`);
  if (b.ingest === undefined || b.sender === undefined) throw new Error("runtime bundles incomplete");
  return { ingest: b.ingest, sender: b.sender };
}

/**
 * Creates the runtime when the environment asks for it (`runtime.deploy: true`), with an AWS provider pinned to the
 * environment's region and account (credentials for another account fail before anything changes).
 */
export async function deployRuntimeIfConfigured(
  env: Environment,
  o: WireOptions = {},
): Promise<RuntimeWiring | undefined> {
  if (env.runtime?.deploy !== true) return undefined;
  const accountId = env.aws.account_id ?? (await aws.getCallerIdentity()).accountId;
  const bundles = o.bundles ?? (await buildBundles(env.name));
  const provider = new aws.Provider(`${env.name}-runtime-aws`, {
    region: env.aws.region as aws.Region,
    allowedAccountIds: [accountId],
  });
  const runtime = new WhatsAppRuntime(
    env.name,
    { ...runtimeArgsFromEnvironment(env, accountId, bundles), ...o.overrides },
    { ...o.opts, providers: { aws: provider } },
  );
  return {
    runtime,
    eventDestinations: runtime.eventDestinations,
    configTableName: runtime.configTableName,
    configTable: runtimeTableName(env.name, "config"),
  };
}
