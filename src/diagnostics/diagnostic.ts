/**
 * One diagnostic type for the whole program: errors in the book, warnings, proofing findings and the
 * typography changes Octavo makes (those carry `before` and `after`).
 */
import type { Position } from '../model/position.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Kebab-case rule id: also the book.yaml key that switches the rule off. */
  rule: string;
  message: string;
  /** File path relative to the book folder (or as the user gave it). */
  file?: string;
  start?: Position;
  end?: Position;
  /** What to do about it. */
  hint?: string;
  /** For proofing findings: what to write instead, when one fix is likely. */
  suggestion?: string;
  /** For changes: the text before and after. */
  before?: string;
  after?: string;
}

export function isChange(d: Diagnostic): boolean {
  return d.before !== undefined && d.after !== undefined;
}

/** A problem with the book that stops the build (exit status 1). */
export class BookError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Omit<Diagnostic, 'severity'>) {
    super(diagnostic.message);
    this.name = 'BookError';
    this.diagnostic = { severity: 'error', ...diagnostic };
  }
}

/** A problem with how Octavo was called (exit status 2). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Collects diagnostics during a build, in the order they were made. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  warn(d: Omit<Diagnostic, 'severity'>): void {
    this.items.push({ severity: 'warning', ...d });
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warning');
  }

  get changes(): Diagnostic[] {
    return this.items.filter(isChange);
  }
}
