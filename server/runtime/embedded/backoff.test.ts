import { expect, it } from "vitest";
import { minimumRetryDelayMs, retryDelayMs } from "./backoff";

const options = { baseMs: 1_000, maxMs: 30_000 };

it("doubles the delay per retry, with jitter that never lets a retry come sooner than the previous one's longest", () => {
  for (let retry = 1; retry < 10; retry++) {
    const longest = retryDelayMs(retry, options, () => 1);
    expect(minimumRetryDelayMs(retry, options)).toBe(Math.round(longest * 0.75));
    if (longest < options.maxMs) expect(minimumRetryDelayMs(retry + 1, options)).toBeGreaterThanOrEqual(longest);
  }
  expect(retryDelayMs(1, options, () => 1)).toBe(1_000);
  expect(retryDelayMs(3, options, () => 1)).toBe(4_000);
  expect(retryDelayMs(20, options, () => 1)).toBe(30_000);
});
