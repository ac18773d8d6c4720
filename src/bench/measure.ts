// Timing, load generation and memory readings for the benchmark.
import autocannon from "autocannon";
import { readFileSync } from "node:fs";

export interface Latency {
  medianMs: number;
  p99Ms: number;
  samples: number;
}

export function summarise(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { medianMs: round(at(0.5)), p99Ms: round(at(0.99)), samples: sorted.length };
}

/**
 * Times several ways of doing the same thing, interleaved call by call so that each sees the same
 * machine load (these machines are shared and noisy).
 */
export async function timeInterleaved(ways: Array<() => Promise<unknown>>, iterations: number, warmup: number): Promise<Latency[]> {
  for (let i = 0; i < warmup; i++) for (const way of ways) await way();
  const samples = ways.map(() => [] as number[]);
  for (let i = 0; i < iterations; i++) {
    for (const [w, way] of ways.entries()) {
      const start = performance.now();
      await way();
      samples[w]!.push(performance.now() - start);
    }
  }
  return samples.map(summarise);
}

export interface Throughput {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
}

/** Loopback load from autocannon, bounded in time. */
export async function throughput(url: string, body: unknown, connections: number, durationS: number): Promise<Throughput> {
  const result = await autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    connections,
    duration: durationS,
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export async function postGraphQL(url: string, body: { query: string; variables: Record<string, unknown> }) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await response.json()) as { errors?: Array<{ message: string }> };
  if (json.errors?.length) throw new Error(`GraphQL error: ${json.errors[0]!.message}`);
  return json;
}
