/** Validation and defaults of the WhatsAppRuntime arguments, and the ARN helpers the wiring uses. */
import { describe, expect, it } from "vitest";
import {
  RuntimeArgsError,
  resolveRuntimeArgs,
  toPhoneNumberArn,
  toWabaArn,
  type WhatsAppRuntimeArgs,
  wabaIdFromArn,
} from "../../../src/pulumi/runtime/args.ts";

const HEX = "0123456789abcdef0123456789abcdef";
const valid: WhatsAppRuntimeArgs = {
  environment: "dev",
  region: "us-east-1",
  accountId: "111122223333",
  wabas: [
    {
      wabaArn: `arn:aws:social-messaging:us-east-1:111122223333:waba/${HEX}`,
      phoneNumberArns: [`arn:aws:social-messaging:us-east-1:111122223333:phone-number-id/${HEX}`],
    },
  ],
  bundles: { ingest: "b/ingest", sender: "b/sender" },
};

function problemsOf(a: WhatsAppRuntimeArgs): string[] {
  try {
    resolveRuntimeArgs(a);
  } catch (err) {
    if (err instanceof RuntimeArgsError) return err.problems;
    throw err;
  }
  throw new Error("expected RuntimeArgsError");
}

describe("resolveRuntimeArgs", () => {
  it("fills the defaults", () => {
    // Act
    const r = resolveRuntimeArgs(valid);
    // Assess
    expect(r).toMatchObject({
      senderRatePerPhone: 80,
      senderConcurrency: 2,
      metaApiVersion: "v20.0",
      logLevel: "INFO",
      memoryMb: 512,
      mediaRetentionDays: { inbound: 30, outbound: 30 },
      encryptTopic: true,
      retainData: false,
      logRetentionDays: 30,
      namePrefix: "waba-dev",
      partition: "aws",
    });
  });

  it("names every bad field at once", () => {
    // Prepare
    const bad: WhatsAppRuntimeArgs = {
      ...valid,
      environment: "Dev_1",
      wabas: [
        { wabaArn: `arn:aws:social-messaging:eu-west-1:111122223333:waba/${HEX}`, phoneNumberArns: [] },
        {
          wabaArn: "waba-123",
          phoneNumberArns: [`arn:aws:social-messaging:us-east-1:999999999999:phone-number-id/${HEX}`],
        },
      ],
      senderConcurrency: 1,
      logRetentionDays: 10,
    };
    // Act
    const problems = problemsOf(bad);
    // Assess
    expect(problems).toMatchInlineSnapshot(`
      [
        "environment "Dev_1" must be 1-20 chars of a-z, 0-9 and "-", starting with a letter",
        "wabas[0].wabaArn is in region eu-west-1, not the environment's us-east-1",
        "wabas[0].phoneNumberArns is empty; the sender needs a number to send from",
        "wabas[1].wabaArn "waba-123" is not a WABA ARN (arn:aws:social-messaging:<region>:<account>:waba/<32 hex>)",
        "wabas[1].phoneNumberArns[0] is in us-east-1/999999999999, not the environment's us-east-1/111122223333",
        "senderConcurrency is 1; it must be an integer from 2 to 1000",
        "logRetentionDays is 10; CloudWatch accepts 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
      ]
    `);
  });

  it("refuses a per-phone rate below the sender concurrency", () => {
    expect(problemsOf({ ...valid, senderRatePerPhone: 3, senderConcurrency: 4 })).toEqual([
      "senderRatePerPhone (3) is below senderConcurrency (4); each sender would get less than 1 msg/s",
    ]);
  });

  it("says which environment the error belongs to", () => {
    expect(() => resolveRuntimeArgs({ ...valid, wabas: [] })).toThrow(
      "WhatsAppRuntime(dev): invalid arguments:\n  wabas is empty; the runtime needs at least one WABA of this environment",
    );
  });
});

describe("ARN helpers", () => {
  it("turns EUM ids into ARNs of the environment and back", () => {
    const arn = toWabaArn(`waba-${HEX}`, "eu-west-1", "222222222222");
    expect(arn).toBe(`arn:aws:social-messaging:eu-west-1:222222222222:waba/${HEX}`);
    expect(wabaIdFromArn(arn)).toBe(`waba-${HEX}`);
    expect(toWabaArn(arn, "us-east-1", "111111111111")).toBe(arn);
    expect(toPhoneNumberArn(`phone-number-id-${HEX}`, "eu-west-1", "222222222222")).toBe(
      `arn:aws:social-messaging:eu-west-1:222222222222:phone-number-id/${HEX}`,
    );
  });

  it("rejects what is neither id nor ARN", () => {
    expect(() => toWabaArn("waba-xyz", "us-east-1", "111111111111")).toThrow('"waba-xyz" is neither a WABA id');
    expect(() => toPhoneNumberArn("phone-1", "us-east-1", "111111111111")).toThrow(
      '"phone-1" is neither a phone number id',
    );
  });
});
