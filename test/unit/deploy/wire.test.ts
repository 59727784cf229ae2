/**
 * The program-side wiring under `pulumi.runtime.setMocks` (no AWS provider plugin can run here; see mocks.ts):
 * an environment overlay deploys the runtime only when it asks for it, pinned to its region and account, and the
 * providers get the created topic, role and config table.
 */
import { describe, expect, it } from "vitest";
import type { Environment } from "../../../schemas/generated/environment.ts";
import { installMocks, registered, resolved } from "./mocks.ts";

installMocks();
const { deployRuntimeIfConfigured, estateOptionsFor, runtimeArgsFromEnvironment } = await import(
  "../../../src/pulumi/runtime/wire.ts"
);

const HEX = "0123456789abcdef0123456789abcdef";
const bundles = { ingest: "/tmp/b/ingest", sender: "/tmp/b/sender" };
const dev: Environment = {
  name: "dev",
  aws: { region: "us-east-1", account_id: "111111111111" },
  waba: { id: `waba-${HEX}` },
  phone_numbers: {
    main: { id: `phone-number-id-${"a".repeat(32)}` },
    support: { id: `phone-number-id-${"b".repeat(32)}` },
  },
  runtime: { deploy: true, log_level: "WARN", memory_mb: 1024, reserved_concurrency: 3 },
  tags: { team: "messaging" },
};

describe("deployRuntimeIfConfigured", () => {
  it("deploys nothing when the environment does not ask for the runtime (the local stack)", async () => {
    // Prepare
    const before = registered.length;
    // Act
    const none = await deployRuntimeIfConfigured({ ...dev, name: "local", runtime: { deploy: false } }, { bundles });
    const absent = await deployRuntimeIfConfigured(
      { ...dev, name: "local" as const, runtime: undefined as never },
      { bundles },
    );
    // Assess
    expect(none).toBeUndefined();
    expect(absent).toBeUndefined();
    expect(registered.length).toBe(before);
  });

  it("creates the runtime with a provider pinned to the environment's region and account", async () => {
    // Act
    const wiring = await deployRuntimeIfConfigured(dev, { bundles });
    if (wiring === undefined) throw new Error("expected a runtime");
    await Promise.all(wiring.runtime.resources.map((r) => resolved(r.urn)));
    const destinations = await resolved(wiring.eventDestinations);
    const configTable = await resolved(wiring.configTableName);
    // Assess
    const provider = registered.find((r) => r.type === "pulumi:providers:aws" && r.name === "dev-runtime-aws");
    expect(provider?.inputs["region"]).toBe("us-east-1");
    expect(JSON.stringify(provider?.inputs["allowedAccountIds"])).toContain("111111111111");
    expect(destinations).toEqual([
      {
        wabaId: `waba-${HEX}`,
        wabaArn: `arn:aws:social-messaging:us-east-1:111111111111:waba/${HEX}`,
        topicArn: "arn:aws:sns:us-east-1:111111111111:waba-dev-events",
        roleArn: "arn:aws:iam::111111111111:role/waba-dev-eum-publisher",
      },
    ]);
    expect(configTable).toBe("waba-dev-config");
    const estate = estateOptionsFor(wiring);
    expect(estate.configTable).toBe(configTable);
    expect(await resolved(estate.runtime.topicArn)).toBe(destinations[0]?.topicArn);
    expect(await resolved(estate.runtime.roleArn)).toBe(destinations[0]?.roleArn);
    const sender = registered.find((r) => r.type === "aws:lambda/function:Function" && r.name === "dev-sender");
    expect(sender?.inputs).toMatchObject({ memorySize: 1024, reservedConcurrentExecutions: 3 });
    const variables = (sender?.inputs["environment"] as { variables: Record<string, string> } | undefined)?.variables;
    expect(variables?.["LOG_LEVEL"]).toBe("WARN");
  });
});

describe("runtimeArgsFromEnvironment", () => {
  it("turns the overlay's ids into the environment's ARNs", () => {
    // Act
    const a = runtimeArgsFromEnvironment(dev, "111111111111", bundles);
    // Assess
    expect(a.wabas).toEqual([
      {
        wabaArn: `arn:aws:social-messaging:us-east-1:111111111111:waba/${HEX}`,
        phoneNumberArns: [
          `arn:aws:social-messaging:us-east-1:111111111111:phone-number-id/${"a".repeat(32)}`,
          `arn:aws:social-messaging:us-east-1:111111111111:phone-number-id/${"b".repeat(32)}`,
        ],
      },
    ]);
    expect(a).toMatchObject({ logLevel: "WARN", memoryMb: 1024, senderConcurrency: 3, tags: { team: "messaging" } });
    expect(a.retainData).toBeUndefined();
    expect(runtimeArgsFromEnvironment({ ...dev, name: "prod" }, "111111111111", bundles).retainData).toBe(true);
  });

  it("names the overlay field of a bad phone number id", () => {
    expect(() =>
      runtimeArgsFromEnvironment({ ...dev, phone_numbers: { main: { id: "phone-1" } } }, "111111111111", bundles),
    ).toThrow('config/envs/dev.yaml phone_numbers.main.id: "phone-1" is neither a phone number id');
  });
});
