/** Who is asking and how: carried through every API operation, HTTP or in-process. */
import { flatString } from '../store/flat-string.ts';

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface RequestContext {
  user: UserInfo;
  /** Warnings returned to the client as `Warning: 299 - "..."` headers. */
  warnings: string[];
}

export interface WriteOptions {
  /** dryRun=All: run the whole pipeline, persist nothing. */
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
}

/** The in-process identity controllers act as; a member of system:masters like the real ones' certs. */
export const CONTROLLER_USER: UserInfo = {
  username: 'system:kube-controller-manager',
  groups: ['system:masters', 'system:authenticated'],
};

export function newContext(user: UserInfo): RequestContext {
  return { user, warnings: [] };
}

/** The last second timestamp() formatted, and its text. */
let lastSecond = Number.NaN;
let lastText = '';

/** RFC 3339 with second precision, the metav1.Time wire format. */
export function timestamp(date: Date): string {
  // Writes come by the thousand per second: they share the second's one (flat) string.
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastText = flatString(date.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    lastSecond = second;
  }
  return lastText;
}

/** metav1.MicroTime wire format (events.k8s.io eventTime). */
export function microTimestamp(date: Date): string {
  return flatString(date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'));
}
