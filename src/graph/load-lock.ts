// One load at a time per database. Staged nodes of two concurrent loads would mix (several service
// replicas each load an empty database at start), so a load holds a lease on a LoadLock node,
// renewed while it runs. A lease not renewed for STALE_AFTER_S belongs to a load that died; the
// next load takes it over and discards what that load staged.
import { randomUUID } from "node:crypto";
import type { Driver, ManagedTransaction } from "neo4j-driver";

const RENEW_EVERY_MS = 5_000;
const STALE_AFTER_S = 60;

export class LoadInProgressError extends Error {
  override name = "LoadInProgressError";
  constructor(startedAt: string, renewedAt: string) {
    super(
      `Another load of this database is running (started ${startedAt}, last seen ${renewedAt}); ` +
        `nothing was written. Try again when it has finished, or after ${STALE_AFTER_S} s if that load was killed.`,
    );
  }
}

export class LoadLeaseLostError extends Error {
  override name = "LoadLeaseLostError";
  constructor() {
    super("This load's lease was taken over by another load while it ran (was it paused for over a minute?); the current graph was left as it was.");
  }
}

/** Throws LoadLeaseLostError unless the lease is still this load's; with lock, keeps it so until commit. */
export async function holdsLease(tx: ManagedTransaction, token: string, options: { lock?: boolean } = {}): Promise<void> {
  const { records } = await tx.run(
    options.lock
      ? "MATCH (l:LoadLock {id: 'load', token: $token}) SET l.lockedAt = datetime() RETURN l"
      : "MATCH (l:LoadLock {id: 'load', token: $token}) RETURN l",
    { token },
  );
  if (records.length === 0) throw new LoadLeaseLostError();
}

export interface LoadLease {
  token: string;
  /** Stops renewing and deletes the lease (if still ours). */
  release(): Promise<void>;
}

export async function acquireLoadLease(driver: Driver, database?: string): Promise<LoadLease> {
  const token = randomUUID();
  const { records } = await driver.executeQuery(
    `MERGE (l:LoadLock {id: 'load'})
       ON CREATE SET l.token = $token, l.startedAt = datetime(), l.renewedAt = datetime()
     WITH l, l.token <> $token AND l.renewedAt < datetime() - duration({seconds: $staleAfter}) AS stale
     FOREACH (_ IN CASE WHEN stale THEN [1] ELSE [] END |
       SET l.token = $token, l.startedAt = datetime(), l.renewedAt = datetime())
     RETURN l.token = $token AS ours, toString(l.startedAt) AS startedAt, toString(l.renewedAt) AS renewedAt`,
    { token, staleAfter: STALE_AFTER_S },
    { database },
  );
  const row = records[0]!.toObject() as { ours: boolean; startedAt: string; renewedAt: string };
  if (!row.ours) throw new LoadInProgressError(row.startedAt, row.renewedAt);

  const renew = () =>
    driver
      .executeQuery("MATCH (l:LoadLock {id: 'load', token: $token}) SET l.renewedAt = datetime()", { token }, { database })
      .catch(() => {}); // a missed renewal only shortens the lease; the swap checks it is still ours
  const timer = setInterval(renew, RENEW_EVERY_MS);
  timer.unref();
  return {
    token,
    release: async () => {
      clearInterval(timer);
      await driver.executeQuery("MATCH (l:LoadLock {id: 'load', token: $token}) DELETE l", { token }, { database });
    },
  };
}
