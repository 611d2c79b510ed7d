import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomToken } from '../../core/crypto/tokens.ts';

// Algorithm is an ambient const enum, which erasable TypeScript cannot reference at runtime.
const ARGON2ID = 2 as Algorithm.Argon2id;

export interface PasswordHashingCost {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
}

/** OWASP's argon2id baseline (19 MiB, 2 passes). */
export const DEFAULT_PASSWORD_HASHING: PasswordHashingCost = { memoryCost: 19456, timeCost: 2 };

export class PasswordHasher {
  readonly #cost: PasswordHashingCost;
  #dummyHash: Promise<string> | undefined;

  constructor(cost: PasswordHashingCost = DEFAULT_PASSWORD_HASHING) {
    this.#cost = cost;
  }

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, parallelism: 1, ...this.#cost });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of a real verification and fails, so that an unknown username cannot be
   * told apart from a wrong password by how long the answer takes.
   */
  async verifyNobody(password: string): Promise<false> {
    this.#dummyHash ??= this.hash(randomToken(16));
    await this.verify(await this.#dummyHash, password);
    return false;
  }
}
