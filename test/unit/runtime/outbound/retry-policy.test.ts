import { describe, expect, it } from "vitest";
import { decideEumError, decideMetaCode, fullJitter } from "../../../../src/runtime/outbound/retry-policy.ts";

const fixed = { baseMs: 100, capMs: 10_000, maxAttempts: 5, random: () => 0.5 };

describe("fullJitter", () => {
  it("draws from 0..min(cap, base·2^attempt)", () => {
    expect([0, 1, 2, 10].map((a) => fullJitter(a, fixed))).toEqual([50, 100, 200, 5000]);
    expect(fullJitter(3, { ...fixed, random: () => 0 })).toBe(0);
  });
});

describe("decideEumError", () => {
  it.each([
    // retryable EUM errors back off until the attempts run out
    ["ThrottledRequestException", 0, { retry: true, kind: "backoff", delayMs: 50 }],
    ["DependencyException", 2, { retry: true, kind: "backoff", delayMs: 200 }],
    ["InternalServiceException", 4, { retry: false, reason: "eum-InternalServiceException-exhausted" }],
    // client errors are final
    ["ValidationException", 0, { retry: false, kind: "fatal", reason: "eum-ValidationException" }],
    ["AccessDeniedByMetaException", 0, { retry: false, kind: "fatal" }],
  ] as const)("%s at attempt %i", (name, attempt, expected) => {
    expect(decideEumError(name, attempt, fixed)).toMatchObject(expected);
  });
});

describe("decideMetaCode", () => {
  it.each([
    // R: transient service errors and throughput
    [130429, 0, { retry: true, kind: "backoff" }],
    [131000, 1, { retry: true, kind: "backoff", delayMs: 100 }],
    [131016, 0, { retry: true }],
    [133004, 0, { retry: true }],
    [1, 0, { retry: true }],
    [2, 0, { retry: true }],
    // P: pair rate, 4^X seconds
    [131056, 0, { retry: true, kind: "pair-rate", delayMs: 1500 }],
    [131056, 2, { retry: true, kind: "pair-rate", delayMs: 10_500 }], // 4^2 s capped at 10 s, plus jitter
    // maintenance ~1 min, flow throttle 1 h, spam limit slow and bounded
    [131057, 0, { retry: true, kind: "maintenance", delayMs: 67_500 }],
    [131048, 0, { retry: true, kind: "spam-limit", delayMs: 600_000 }],
    [131048, 2, { retry: false, kind: "spam-limit" }],
    // not retryable
    [131047, 0, { retry: false, kind: "window-closed", reason: "meta-131047" }],
    [131026, 0, { retry: false, kind: "fatal", reason: "meta-131026" }],
    [132000, 0, { retry: false }],
    [132015, 0, { retry: false }],
    [131050, 0, { retry: false }],
    [368, 0, { retry: false }],
  ] as const)("code %i at retry %i", (code, attempt, expected) => {
    expect(decideMetaCode(code, attempt, fixed)).toMatchObject(expected);
  });
});
