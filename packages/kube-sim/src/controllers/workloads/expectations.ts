/**
 * Controller expectations, as in kube-controller-manager: after asking for N creations or
 * deletions a controller waits until its informer has seen them before deciding again, so a
 * sync that runs before the watch caught up never creates or deletes twice. A record that is
 * never satisfied (a lost event) expires, as the real one does after five minutes.
 */

const EXPECTATION_TTL_MS = 5 * 60 * 1000;

interface Expectation {
  adds: number;
  deletes: Set<string>;
  setAt: number;
}

export class Expectations {
  private readonly records = new Map<string, Expectation>();

  satisfied(controllerKey: string): boolean {
    const record = this.records.get(controllerKey);
    if (record === undefined) return true;
    if (record.adds <= 0 && record.deletes.size === 0) return true;
    // Real time on purpose: this is a safety net against lost events, not simulated behaviour.
    return Date.now() - record.setAt > EXPECTATION_TTL_MS;
  }

  expectCreations(controllerKey: string, count: number): void {
    this.set(controllerKey, count, []);
  }

  expectDeletions(controllerKey: string, objectKeys: string[]): void {
    this.set(controllerKey, 0, objectKeys);
  }

  /** Replaces the controller's expectations with `adds` creations and these deletions. */
  set(controllerKey: string, adds: number, deletions: string[]): void {
    this.records.set(controllerKey, { adds, deletes: new Set(deletions), setAt: Date.now() });
  }

  creationObserved(controllerKey: string): void {
    const record = this.records.get(controllerKey);
    if (record !== undefined) record.adds--;
  }

  deletionObserved(controllerKey: string, objectKey: string): void {
    this.records.get(controllerKey)?.deletes.delete(objectKey);
  }

  forget(controllerKey: string): void {
    this.records.delete(controllerKey);
  }
}
