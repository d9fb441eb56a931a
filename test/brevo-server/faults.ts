/** Which requests a fault applies to, and how many times. */
export interface FaultMatch {
  /** HTTP method, case-insensitive. A missing method matches any. */
  method?: string;
  /** Path under the base URL such as `/crm/tasks` (a leading `/v3` is ignored), or a RegExp tested against it. */
  path?: string | RegExp;
  /** How many matching requests the fault affects, by default 1. `Infinity` keeps it forever. */
  times?: number;
}

export type FaultAction =
  /** Respond with this status instead of running the route. */
  | { kind: 'status'; status: number; body?: object; headers?: Record<string, string> }
  /** Reset the connection without a response. */
  | { kind: 'reset' }
  /** Run the route (so POST /crm/tasks stores the task), then reset the connection. */
  | { kind: 'resetAfterCreate' }
  /** Send no response. The connection stays open until the client gives up or the server closes. */
  | { kind: 'hang' }
  /** Run the route (so POST /crm/tasks stores the task), then send no response. */
  | { kind: 'hangAfterCreate' }
  /**
   * Run the route, send the status, the headers and half of the body, then
   * stall. A client timeout that stops counting at the headers never fires.
   */
  | { kind: 'stallBody' }
  /** Respond normally after `ms` milliseconds. */
  | { kind: 'latency'; ms: number }
  /** Respond normally once `release` settles, so a test decides when the request ends. */
  | { kind: 'hold'; release: Promise<unknown> };

export type Fault = FaultMatch & FaultAction;
export type FaultKind = FaultAction['kind'];

const AFTER_CREATE_KINDS: ReadonlySet<FaultKind> = new Set(['resetAfterCreate', 'hangAfterCreate']);

/** Faults waiting for a matching request, taken in the order they were added. */
export class FaultList {
  private readonly pending: { fault: Fault; remaining: number }[] = [];

  /**
   * Queues a fault. `resetAfterCreate` and `hangAfterCreate` match
   * POST /crm/tasks unless `method` or `path` is given.
   */
  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times >= 1)) throw new Error(`fault times ${times} is invalid: expected a count >= 1 or Infinity`);
    if (fault.kind === 'latency' && !(fault.ms >= 0)) {
      throw new Error(`fault latency ${fault.ms} ms is invalid: expected milliseconds >= 0`);
    }
    if (fault.kind === 'status' && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
      throw new Error(`fault status ${fault.status} is invalid: expected an HTTP status 100-599`);
    }
    const withDefaults: Fault = AFTER_CREATE_KINDS.has(fault.kind)
      ? { method: 'POST', path: '/crm/tasks', ...fault }
      : fault;
    this.pending.push({ fault: withDefaults, remaining: times });
  }

  clear(): void {
    this.pending.length = 0;
  }

  /** Returns the first fault that matches the request and counts one use of it. */
  take(method: string, path: string): Fault | undefined {
    const index = this.pending.findIndex(({ fault }) => matches(fault, method, path));
    const entry = this.pending[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.pending.splice(index, 1);
    return entry.fault;
  }
}

function matches(fault: FaultMatch, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  if (fault.path instanceof RegExp) {
    fault.path.lastIndex = 0; // a /g or /y RegExp would otherwise resume from its last match
    return fault.path.test(path);
  }
  return fault.path.replace(/^\/v3(?=\/)/, '') === path;
}
