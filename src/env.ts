/** What a build may take from the world outside the book: the clock. Tests and reproducible builds fix it. */
import { UsageError } from './diagnostics/diagnostic.js';

export interface BuildEnv {
  /** Seconds since the epoch from SOURCE_DATE_EPOCH, when set. */
  sourceDateEpoch?: number;
}

export function envFromProcess(vars: NodeJS.ProcessEnv = process.env): BuildEnv {
  const raw = vars.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return {};
  if (!/^\d+$/.test(raw.trim())) {
    throw new UsageError(
      `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got "${raw}"`,
      'Unset it, or set it to the output of: git log -1 --format=%ct',
    );
  }
  return { sourceDateEpoch: Number(raw.trim()) };
}
