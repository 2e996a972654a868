/** An optional real rate limit: a token bucket per project (off unless configured). */
import type { RateLimitOptions } from './types.js';

export interface RateLimiter {
  /** Takes one token for the project; false when the bucket is empty. */
  take(projectId: string): boolean;
}

export function createRateLimiter(options: RateLimitOptions, now: () => number = () => performance.now()): RateLimiter {
  if (!(options.requestsPerSecond > 0)) throw new Error('rateLimit.requestsPerSecond must be a positive number');
  const capacity = options.burst ?? options.requestsPerSecond;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(projectId) {
      const t = now();
      const bucket = buckets.get(projectId) ?? { tokens: capacity, at: t };
      bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * options.requestsPerSecond);
      bucket.at = t;
      buckets.set(projectId, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
