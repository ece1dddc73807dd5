/**
 * Faults the reference platform can be told to inject, per run (serve --fault …) or through its loopback
 * control endpoint, so tests see how the client copes. "Before" faults answer without storing anything;
 * "after" faults store the batch and then spoil the answer.
 */
export const FAULT_KINDS = ['error500', 'busy429', 'busy503', 'hang', 'reset', 'garbage', 'truncated', 'drop-after-store'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export const FAULTS_AFTER_STORE: readonly FaultKind[] = ['truncated', 'drop-after-store'];

export interface FaultPlan {
  kind: FaultKind;
  /** Inject on the next N matching requests (default: every one while the plan holds). */
  times?: number;
  /** Or inject on each matching request with this probability. */
  probability?: number;
  /** Or inject on every n-th matching request (deterministic, interleaved with good answers). */
  every?: number;
  /** Seconds for Retry-After on 429/503 (default 1). */
  retryAfter?: number;
  /** Which request paths it touches (default: POST /v1/batches only). */
  paths?: string[];
}

export class FaultSwitch {
  private plan: FaultPlan | null = null;
  private remaining = Infinity;
  private seen = 0;
  /** Faults injected since the plan was set. */
  injected = 0;

  set(plan: FaultPlan | null): void {
    this.plan = plan;
    this.remaining = plan?.times ?? Infinity;
    this.seen = 0;
    this.injected = 0;
  }

  /** The fault to inject on this request, if any (counts it). */
  take(path: string): FaultPlan | null {
    const plan = this.plan;
    if (!plan || this.remaining <= 0) return null;
    if (!(plan.paths ?? ['/v1/batches']).includes(path)) return null;
    this.seen++;
    if (plan.every !== undefined && this.seen % plan.every !== 0) return null;
    if (plan.probability !== undefined && Math.random() >= plan.probability) return null;
    this.remaining--;
    this.injected++;
    return plan;
  }
}

/** `kind[:times]` or `kind@probability`, as given to `serve --fault`. */
export function parseFaultFlag(flag: string): FaultPlan {
  const match = /^([a-z0-9-]+)(?::(\d+))?(?:@(0?\.\d+|1))?$/.exec(flag);
  const kind = match?.[1] as FaultKind | undefined;
  if (!match || !kind || !FAULT_KINDS.includes(kind)) throw new Error(`未知的故障“${flag}”，可用：${FAULT_KINDS.join('、')}`);
  return { kind, times: match[2] ? Number(match[2]) : undefined, probability: match[3] ? Number(match[3]) : undefined };
}
