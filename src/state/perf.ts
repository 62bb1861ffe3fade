// Latency instrumentation for the UI benchmark (UI_CONTRACT.md): the time of the slider `input` event that caused a
// simulation request, and, once that request's result is painted (the first animation frame after its trace paths are
// in the DOM), an entry { seq, inputAt, paintedAt, points } in window.__izhPerf. Stale requests get none. Times: ms.

export interface PerfEntry {
  seq: number;
  inputAt: number;
  paintedAt: number;
  points: number;
  /** Diagnostics (beyond the contract): request posted to the worker, reply received, trace paths written by Plotly. */
  sentAt?: number;
  receivedAt?: number;
  drawnAt?: number;
  /** Engine time in the worker, ms. */
  simulateMs?: number;
  /** First segment the engine re-integrated (0 = the whole run; later ones came from the previous run). */
  resumedFrom?: number;
  /** The worker started / finished handling the request (page time, ms). */
  workerStart?: number;
  workerEnd?: number;
}

declare global {
  interface Window {
    __izhPerf?: PerfEntry[];
  }
}

const MAX_ENTRIES = 2000;
let pendingInputAt: number | null = null;
const inputAtByRequest = new Map<number, number>();
type Stages = Pick<PerfEntry, 'sentAt' | 'receivedAt' | 'simulateMs' | 'resumedFrom' | 'workerStart' | 'workerEnd'>;
const stages = new Map<number, Stages>();
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const entries: PerfEntry[] = [];
if (typeof window !== 'undefined') window.__izhPerf = entries;

/** Called by a slider's input handler before it edits the store; `eventTime` is the event's timeStamp. */
export function markInput(eventTime?: number): void {
  const t = typeof performance !== 'undefined' ? performance.now() : Date.now();
  pendingInputAt = eventTime !== undefined && eventTime > 0 && eventTime <= t ? eventTime : t;
}

/** Called when a simulation request is sent: it inherits the pending input time, if any. */
export function requestSent(requestId: number): void {
  if (pendingInputAt === null) return;
  inputAtByRequest.set(requestId, pendingInputAt);
  stages.set(requestId, { sentAt: now() });
  pendingInputAt = null;
}

/** Called when the worker's reply to a request arrives. */
export function replyReceived(
  requestId: number, simulateMs?: number, wall?: { start: number; end: number }, resumedFrom?: number,
): void {
  const st = stages.get(requestId);
  if (!st) return;
  st.receivedAt = now();
  st.simulateMs = simulateMs;
  st.resumedFrom = resumedFrom;
  if (wall && typeof performance !== 'undefined') {
    st.workerStart = wall.start - performance.timeOrigin;
    st.workerEnd = wall.end - performance.timeOrigin;
  }
}

/** Forgets a pending input that caused no request (e.g. the value did not change the simulation). */
export function clearPendingInput(): void {
  pendingInputAt = null;
}

/** Called in the first animation frame after the result of `requestId` was drawn; records an entry if an input caused it. */
export function painted(requestId: number, points: number, paintedAt: number, drawnAt?: number): void {
  const inputAt = inputAtByRequest.get(requestId);
  const st = stages.get(requestId);
  for (const id of inputAtByRequest.keys()) if (id <= requestId) inputAtByRequest.delete(id);
  for (const id of stages.keys()) if (id <= requestId) stages.delete(id);
  if (inputAt === undefined) return;
  entries.push({ seq: requestId, inputAt, paintedAt, points, ...st, drawnAt });
  if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
}

/** The entries recorded so far (the same array as window.__izhPerf). */
export function perfEntries(): readonly PerfEntry[] {
  return entries;
}
