// Counts failed sign-ins per account and per address in PostgreSQL, so every app process sees the same counts.
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';

export interface LoginThrottle {
  /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
  secondsUntilAllowed(email: string, address: string): Promise<number>;
  recordFailure(email: string, address: string): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

export function createLoginThrottle(dataSource: DataSource, settings: Config['loginThrottle']): LoginThrottle {
  const common = { storeClient: dataSource, storeType: 'typeorm', tableName: 'login_throttle', tableCreated: true, duration: settings.minutes * 60 };
  const perAccount = new RateLimiterPostgres({ ...common, keyPrefix: 'account', points: settings.maxFailuresPerAccount });
  const perAddress = new RateLimiterPostgres({ ...common, keyPrefix: 'address', points: settings.maxFailuresPerAddress });
  const accountKey = (email: string) => email.trim().toLowerCase();

  return {
    async secondsUntilAllowed(email, address) {
      const [account, fromAddress] = await Promise.all([perAccount.get(accountKey(email)), perAddress.get(address)]);
      const waits = [
        { counted: account, limit: settings.maxFailuresPerAccount },
        { counted: fromAddress, limit: settings.maxFailuresPerAddress },
      ]
        .filter(({ counted, limit }) => counted !== null && counted.consumedPoints >= limit)
        .map(({ counted }) => counted!.msBeforeNext);
      return waits.length ? Math.ceil(Math.max(...waits) / 1000) : 0;
    },
    async recordFailure(email, address) {
      await Promise.all([swallowLimit(perAccount.consume(accountKey(email))), swallowLimit(perAddress.consume(address))]);
    },
    async recordSuccess(email) {
      await perAccount.delete(accountKey(email));
    },
  };
}

// consume() rejects with a RateLimiterRes once the limit is passed; the count is what matters here.
async function swallowLimit(consumption: Promise<RateLimiterRes>): Promise<void> {
  try {
    await consumption;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
  }
}
