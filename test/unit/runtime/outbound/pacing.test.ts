import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countPairViolations,
  maxInWindow,
  PairLimiter,
  SlidingWindowLimiter,
} from "../../../../src/runtime/outbound/pacing.ts";

describe("SlidingWindowLimiter", () => {
  it("never admits more than `rate` in any window, whatever the arrival pattern", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 30 }),
        (gaps, rate) => {
          // Prepare: a fake clock; each arrival retries until admitted, as the pump does.
          let t = 0;
          const l = new SlidingWindowLimiter(rate, 100, () => t, rate);
          const admitted: number[] = [];
          for (const g of gaps) {
            t += g;
            while (!l.tryTake(t)) t = Math.max(t + 1, Math.ceil(l.nextFreeAt()));
            admitted.push(t);
          }
          // Assess
          expect(maxInWindow(admitted, 100)).toBeLessThanOrEqual(rate);
        },
      ),
    );
  });

  it("caps back-to-back releases at the burst", () => {
    const l = new SlidingWindowLimiter(100, 1000, () => 0, 10);
    let n = 0;
    while (l.tryTake(0)) n++;
    expect(n).toBe(10);
    expect(l.nextFreeAt()).toBe(100);
  });

  it("releases waiters in call order at the configured rate (real timers)", async () => {
    const l = new SlidingWindowLimiter(20, 100);
    const times = await Promise.all(Array.from({ length: 50 }, () => l.acquire()));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(maxInWindow(times, 100)).toBeLessThanOrEqual(20);
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(190);
  });
});

describe("PairLimiter", () => {
  it("allows `burst` sends at once, then one per interval, per recipient", () => {
    const p = new PairLimiter(6000, 3);
    expect([0, 0, 0, 0, 0].map(() => p.reserve("u1", 1000))).toEqual([1000, 1000, 1000, 7000, 13000]);
    expect(p.reserve("u2", 1000)).toBe(1000);
    expect(p.peek("u1", 1000)).toBe(19000);
  });

  it("refills after a quiet period", () => {
    const p = new PairLimiter(6000, 2);
    p.reserve("u", 0);
    p.reserve("u", 0);
    expect(p.peek("u", 0)).toBe(6000);
    expect(p.peek("u", 60_000)).toBe(60_000);
  });
});

describe("countPairViolations and maxInWindow", () => {
  it("counts sends a GCRA would refuse, per recipient", () => {
    const sends = [0, 1, 2, 3].map((i) => ({ key: "u", at: i * 10 }));
    expect(countPairViolations(sends, 6000, 2)).toBe(2);
    expect(countPairViolations(sends, 6000, 45)).toBe(0);
    expect(countPairViolations([...sends, { key: "v", at: 5 }], 6000, 4)).toBe(0);
  });

  it("measures half-open windows", () => {
    expect(maxInWindow([0, 999, 1000, 1001], 1000)).toBe(3);
    expect(maxInWindow([], 1000)).toBe(0);
  });
});
