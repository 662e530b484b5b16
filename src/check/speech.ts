/** What the dialogue checks share: the verbs of a speech tag and the pronouns that open one. */

const VERBS = [
  'say',
  'whisper',
  'ask',
  'answer',
  'shout',
  'murmur',
  'mutter',
  'call',
  'yell',
  'scream',
  'exclaim',
  'add',
  'repeat',
  'stammer',
  'stutter',
  'gasp',
  'blurt',
  'insist',
  'demand',
  'explain',
  'growl',
  'plead',
  'protest',
  'remark',
  'retort',
  'sigh',
  'whimper',
  'vow',
  'warn',
  'wonder',
  'suggest',
  'hiss',
  'moan',
  'groan',
  'shriek',
  'squeal',
  'bellow',
  'roar',
  'chuckle',
  'giggle',
  'snarl',
  'sneer',
  'sob',
  'snap',
  'reply',
  'cry',
  'continue',
  'agree',
  'admit',
  'promise',
  'declare',
  'announce',
  'mumble',
  'breathe',
  'begin',
  'interrupt',
  'offer',
  'respond',
  'inquire',
  'enquire',
  'beg',
  'urge',
];
const IRREGULAR = [
  'said',
  'says',
  'thought',
  'thinks',
  'began',
  'begins',
  'cried',
  'cries',
  'replied',
  'replies',
  'snapped',
  'sobbed',
  'admitted',
  'begged',
];

function forms(verb: string): string[] {
  const base = verb.endsWith('e') ? verb.slice(0, -1) : verb;
  const s = /(s|sh|ch|x)$/.test(verb) ? `${verb}es` : `${verb}s`;
  return [verb, s, `${base}ed`, `${base}ing`];
}

export const SPEECH_VERBS = new Set([...VERBS.flatMap(forms), ...IRREGULAR]);
export const PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'you', 'it']);

/** The speech-tag verb in the few words after a speech ("she whispered", "he said softly", "Meg answered"), if any. */
export function tagVerb(after: string): string | undefined {
  const m = /^\s*(\p{L}+)\s+(\p{L}+)/u.exec(after);
  if (!m) return undefined;
  return SPEECH_VERBS.has(m[2].toLowerCase()) ? m[2] : undefined;
}
