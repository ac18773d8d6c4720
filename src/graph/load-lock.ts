// One load at a time per database. Staged nodes of two concurrent loads would mix (several service
// replicas each load an empty database at start), so a load holds a lease on a LoadLock node,
// renewed while it runs. A lease not renewed for STALE_AFTER_S belongs to a load that died or was
// paused (SIGSTOP, a suspended laptop); the next load takes it over, terminates that load's open
// transactions (each carries its load's id in Neo4j's transaction metadata: a paused load's open
// transaction holds locks on staged nodes, and clearing them waited minutes), and discards what it staged.
import { randomUUID } from "node:crypto";
import type { Driver, ManagedTransaction } from "neo4j-driver";

const RENEW_EVERY_MS = 5_000;
export const STALE_AFTER_S = 60;
/** Lease statements touch one node; past this something is wrong, and the load says so. */
const LEASE_TX_TIMEOUT_MS = 15_000;
/** How long a takeover waits for the terminated transactions of the stale load to end. */
const TERMINATION_WAIT_MS = 15_000;

/** What every transaction of one load carries in its metadata, so that it can be found again. */
export const loadMetadata = (loadId: string) => ({ app: "china-llm-graph", loadId });

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
    super(
      "This load's lease was taken over by another load while it ran (was it paused for over a minute?), " +
        "and its transactions were ended; it wrote nothing readers see.",
    );
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

/** The load whose expired lease this one took over. */
export interface StaleLoad {
  loadId: string;
  startedAt: string;
  renewedAt: string;
}

export interface LoadLease {
  token: string;
  /** Set when the lease was taken over from a load that stopped renewing it. */
  tookOverFrom: StaleLoad | null;
  /** Whether the lease is still this load's (false once another load took it over). */
  stillHeld(): Promise<boolean>;
  /** Stops renewing and deletes the lease (if still ours). */
  release(): Promise<void>;
}

export async function acquireLoadLease(driver: Driver, database?: string, { loadId = randomUUID() }: { loadId?: string } = {}): Promise<LoadLease> {
  const token = loadId;
  const txConfig = { database, transactionConfig: { metadata: loadMetadata(token), timeout: LEASE_TX_TIMEOUT_MS } };
  const { records } = await driver.executeQuery(
    `MERGE (l:LoadLock {id: 'load'})
       ON CREATE SET l.token = $token, l.startedAt = datetime(), l.renewedAt = datetime()
     WITH l, l.token AS previous, toString(l.startedAt) AS previousStartedAt, toString(l.renewedAt) AS previousRenewedAt,
          l.token <> $token AND l.renewedAt < datetime() - duration({seconds: $staleAfter}) AS stale
     FOREACH (_ IN CASE WHEN stale THEN [1] ELSE [] END |
       SET l.token = $token, l.startedAt = datetime(), l.renewedAt = datetime())
     RETURN l.token = $token AS ours, stale, previous, previousStartedAt, previousRenewedAt,
            toString(l.startedAt) AS startedAt, toString(l.renewedAt) AS renewedAt`,
    { token, staleAfter: STALE_AFTER_S },
    txConfig,
  );
  const row = records[0]!.toObject() as {
    ours: boolean;
    stale: boolean;
    previous: string;
    previousStartedAt: string;
    previousRenewedAt: string;
    startedAt: string;
    renewedAt: string;
  };
  if (!row.ours) throw new LoadInProgressError(row.startedAt, row.renewedAt);

  const renew = () =>
    driver
      .executeQuery("MATCH (l:LoadLock {id: 'load', token: $token}) SET l.renewedAt = datetime()", { token }, txConfig)
      .catch(() => {}); // a missed renewal only shortens the lease; the swap checks it is still ours
  const timer = setInterval(renew, RENEW_EVERY_MS);
  timer.unref();
  return {
    token,
    tookOverFrom: row.stale ? { loadId: row.previous, startedAt: row.previousStartedAt, renewedAt: row.previousRenewedAt } : null,
    stillHeld: async () => {
      const held = await driver.executeQuery("MATCH (l:LoadLock {id: 'load', token: $token}) RETURN count(l) > 0 AS held", { token }, txConfig);
      return held.records[0]!.get("held") as boolean;
    },
    release: async () => {
      clearInterval(timer);
      await driver.executeQuery("MATCH (l:LoadLock {id: 'load', token: $token}) DELETE l", { token }, txConfig);
    },
  };
}

/**
 * Terminates the open transactions of the load with this id and waits (bounded) until they have
 * ended, so that clearing its leftovers does not wait on its locks. Returns how many there were.
 */
export async function terminateLoadTransactions(
  driver: Driver,
  database: string | undefined,
  loadId: string,
  report: (message: string) => void,
): Promise<number> {
  const options = { database, transactionConfig: { timeout: LEASE_TX_TIMEOUT_MS } };
  // A terminated transaction stays listed (status "Terminated with reason: ...") until its client
  // next speaks, which a frozen client does not; what counts is that none still runs.
  const open = async (): Promise<Array<{ id: string; status: string }>> => {
    const { records } = await driver.executeQuery(
      `SHOW TRANSACTIONS YIELD transactionId, metaData, status WHERE metaData.loadId = $loadId
       RETURN collect({id: transactionId, status: status}) AS transactions`,
      { loadId },
      options,
    );
    return records[0]!.get("transactions") as Array<{ id: string; status: string }>;
  };
  const running = async () => (await open()).filter((t) => !t.status.startsWith("Terminated"));
  const ids = (await running()).map((t) => t.id);
  if (ids.length === 0) return 0;
  report(`terminating ${ids.length} open transaction(s) of the stale load ${loadId}`);
  await driver.executeQuery("TERMINATE TRANSACTIONS $ids YIELD transactionId RETURN count(*) AS n", { ids }, options);
  const deadline = Date.now() + TERMINATION_WAIT_MS;
  for (let left = await running(); left.length > 0; left = await running()) {
    if (Date.now() > deadline) {
      throw new Error(
        `${left.length} transaction(s) of the stale load ${loadId} still ran ${TERMINATION_WAIT_MS / 1000} s after being terminated ` +
          `(${left.map((t) => `${t.id}: ${t.status}`).join(", ")}); see SHOW TRANSACTIONS in Neo4j`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return ids.length;
}
