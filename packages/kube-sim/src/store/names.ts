/** Identifiers the API server invents: uids and generateName suffixes. */
import { randomInt, randomUUID } from 'node:crypto';
import { flatString } from './flat-string.ts';

/** The alphabet apimachinery's rand.String uses: no vowels (no accidental words), no 0/1/3. */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX_LENGTH = 5;
/** generateName is truncated so that prefix + suffix fits the 63-character name limit. */
const MAX_GENERATED_NAME_LENGTH = 63;

export function randomSuffix(length = SUFFIX_LENGTH): string {
  let suffix = '';
  for (let i = 0; i < length; i++) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return suffix;
}

export function generateNameFrom(prefix: string): string {
  const maxPrefix = MAX_GENERATED_NAME_LENGTH - SUFFIX_LENGTH;
  const base = prefix.length > maxPrefix ? prefix.slice(0, maxPrefix) : prefix;
  return flatString(base + randomSuffix());
}

export function newUid(): string {
  return flatString(randomUUID());
}
