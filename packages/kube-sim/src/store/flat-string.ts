/**
 * Flat copies of strings the server generates and stores in every object (uids, timestamps,
 * generated names). V8 represents a concatenation of 13 characters or more as a rope of the
 * parts — crypto.randomUUID() returns a rope of nine, `toISOString().replace(…)` one of two —
 * and a rope costs 32 bytes per node on top of its characters, for as long as the object lives.
 * For Latin-1 strings, normalize() returns the flattened string itself: the text is unchanged
 * (Latin-1 text is always in NFC), only its representation.
 */
export function flatString(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return text;
  return text.normalize();
}
