// CSV downloads of the run on display, streamed from the simulation worker (which keeps the full-resolution result):
// the trace t,v,u,I in chunks of rows, for the whole run or the visible window, with progress after each chunk and a
// way to cancel; the spikes with their segment; the per-segment table from the run summary. The text comes back as
// parts (a Blob joins them without one huge string). Chunks queue behind the latest run or zoom, so the explorer stays
// responsive; editing the session during an export ends it with a message (the run it was writing is gone).

import { segmentsCsv } from '../export/csv';
import type { SegmentResult } from '../engine/types';
import type { CsvCommand, CsvReply } from '../worker/protocol';

/** Rows per chunk: about 0.6 MB of text, some 50–100 ms of the worker's time. */
export const CSV_CHUNK_ROWS = 20_000;

export type CsvTable = 'trace' | 'spikes' | 'segments';

export interface CsvProgress { written: number; total: number }

export type CsvRequest = (fields: Omit<CsvCommand, 'type' | 'id'>) => Promise<CsvReply>;

export type CsvOutcome = { ok: true; parts: string[]; rows: number } | { ok: false; cancelled: boolean; message: string };

/**
 * Collects the CSV of `table` for run `runId` (trace: within `window`, ms; null = the whole run). `segments` is the
 * run summary's table (the segment CSV needs no worker). `cancelled` is polled between chunks.
 */
export async function collectCsv(
  request: CsvRequest, runId: number, table: CsvTable, window: [number, number] | null,
  segments: readonly SegmentResult[], onProgress: (p: CsvProgress) => void, cancelled: () => boolean,
): Promise<CsvOutcome> {
  if (table === 'segments') {
    return { ok: true, parts: [segmentsCsv(segments)], rows: segments.length };
  }
  const parts: string[] = [];
  let from = -1;
  try {
    for (;;) {
      if (cancelled()) return { ok: false, cancelled: true, message: 'export cancelled' };
      const r = await request({ runId, table, window, from, rows: CSV_CHUNK_ROWS });
      parts.push(r.text);
      onProgress({ written: r.written, total: r.total });
      if (r.done) return { ok: true, parts, rows: r.written };
      from = r.next;
    }
  } catch (e) {
    return { ok: false, cancelled: false, message: e instanceof Error ? e.message : String(e) };
  }
}
