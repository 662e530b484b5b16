/**
 * One message type for the whole program, as vfile has one: the typography changes Octavo makes (with
 * `before` and `after`), proofing findings (with a suggestion), problems with the book, and notes on
 * what Octavo decided. Its kind comes from its rule (src/diagnostics/rules.ts), never from its fields.
 */
import type { Position } from '../model/position.js';
import { kindOf, type MessageKind, type RuleId } from './rules.js';

export type { MessageKind, RuleId } from './rules.js';
export type Severity = 'error' | 'warning' | 'info';

export interface Message {
  kind: MessageKind;
  severity: Severity;
  /** Kebab-case rule id: also the book.yaml key that switches the rule off. */
  rule: RuleId;
  message: string;
  /** File path relative to the book folder (or as the user gave it). */
  file?: string;
  start?: Position;
  end?: Position;
  /** What to do about it. */
  hint?: string;
  /** For proofing findings: what to write instead, when one fix is likely. */
  suggestion?: string;
  /** For changes: the text before and after (and for notes that leave text out: the text left out). */
  before?: string;
  after?: string;
}

/** A message as a stage makes it: its kind is its rule's. */
export type MessageInput = Omit<Message, 'kind'>;

export function message(input: MessageInput): Message {
  return { kind: kindOf(input.rule), ...input };
}

/** A problem with the book that stops the build (exit status 1). */
export class BookError extends Error {
  readonly diagnostic: Message;
  constructor(diagnostic: Omit<MessageInput, 'severity'>) {
    super(diagnostic.message);
    this.name = 'BookError';
    this.diagnostic = message({ severity: 'error', ...diagnostic });
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

/** Collects the messages of a build, in the order they were made. */
export class Diagnostics {
  readonly items: Message[] = [];

  add(d: MessageInput | Message): void {
    this.items.push('kind' in d ? d : message(d));
  }

  warn(d: Omit<MessageInput, 'severity'>): void {
    this.add({ severity: 'warning', ...d });
  }

  get errors(): Message[] {
    return this.items.filter((d) => d.severity === 'error');
  }

  get warnings(): Message[] {
    return this.items.filter((d) => d.severity === 'warning');
  }

  /** The changes made to the writer's text, and nothing else. */
  get changes(): Message[] {
    return this.items.filter((d) => d.kind === 'change');
  }
}
