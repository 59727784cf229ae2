/**
 * vitest globalSetup: one moto_server for the whole run. Tests read its URL from MOTO_URL.
 * Dummy credentials and a region are set because the AWS SDK needs some, even against local endpoints.
 */
import { type RunningMoto, startMoto } from "./moto.ts";

let moto: RunningMoto | undefined;

export async function setup(): Promise<void> {
  process.env.AWS_ACCESS_KEY_ID ??= "test";
  process.env.AWS_SECRET_ACCESS_KEY ??= "test";
  process.env.AWS_REGION ??= "us-east-1";
  if (process.env.MOTO_URL === undefined) {
    moto = await startMoto();
    process.env.MOTO_URL = moto.url;
  }
}

export async function teardown(): Promise<void> {
  await moto?.stop();
}
