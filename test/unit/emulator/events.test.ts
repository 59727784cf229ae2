import { describe, expect, it } from "vitest";
import { rfc3339Nanos } from "../../../src/emulator/clock.ts";
import { Ring } from "../../../src/emulator/events.ts";

describe("Ring", () => {
  it("keeps the last `capacity` items in insertion order and counts all", () => {
    const r = new Ring<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.total).toBe(5);
    r.clear();
    expect(r.toArray()).toEqual([]);
    r.push(9);
    expect(r.toArray()).toEqual([9]);
  });
});

describe("rfc3339Nanos", () => {
  it("writes UTC with nine fractional digits", () => {
    expect(rfc3339Nanos(Date.UTC(2026, 2, 1, 9, 15, 2, 123))).toMatch(/^2026-03-01T09:15:02\.123\d{6}Z$/);
  });
});
