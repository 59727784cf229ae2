/** Fixtures for secret detection. */
import { checkSecrets } from "../../../../../src/config/rules/index.ts";
import { type CaseGroup, type Doc, mut } from "../support.ts";

const clean: Doc = {
  webhook: {
    verify_token: "ssm:/waba/verify_token",
    app_secret: "arn:aws:secretsmanager:us-east-1:123456789012:secret:waba",
  },
  flow: { flow_token: "unused", secret_arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:x" },
  db: { password: "", max_tokens: 5 },
  notes: ["The EAA program is great", "AKIA is a prefix"],
};

/** Secret rules. */
export const secretsGroup: CaseGroup = {
  name: "checkSecrets",
  check: checkSecrets,
  bases: [clean, "plain text", null, 42],
  cases: [
    {
      code: "secrets.aws_access_key",
      note: "AKIA key id",
      fail: mut(clean, (d) => (d.notes[1] = "key AKIAIOSFODNN7EXAMPLE here")),
    },
    { code: "secrets.aws_access_key", note: "ASIA key id", fail: { creds: "ASIAIOSFODNN7EXAMPLE" } },
    {
      code: "secrets.meta_access_token",
      note: "EAA token",
      fail: mut(clean, (d) => (d.notes[0] = `EAAGm0PX4ZCpsBA${"Z".repeat(40)}`)),
    },
    {
      code: "secrets.private_key",
      note: "PEM block",
      fail: { tls: { key: "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----" } },
    },
    { code: "secrets.literal_value", note: "literal password", fail: mut(clean, (d) => (d.db.password = "hunter2")) },
    { code: "secrets.literal_value", note: "literal api_key in a list", fail: [{ api_key: "abc123" }] },
    { code: "secrets.literal_value", note: "numeric secret", fail: { pin_password: 123456 } },
  ],
};
