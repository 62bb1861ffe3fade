// Compatibility: session files written by earlier versions load unchanged and run as they did. The fixture
// legacy-gallery-v1.json holds the 27 gallery sessions as the app saved them before the published time axis
// (step and pulse onsets half a step late, e.g. 10.1 instead of 10, and no `untilInclusive`).

import { describe, expect, it } from 'vitest';
import legacy from './sessions/legacy-gallery-v1.json';
import { parseSession } from './schema';
import { EXPERIMENTS_2003_2004 as EXPERIMENTS, getExperiment } from './experiments';
import { simulate } from '../engine/simulate';

describe('session files from before the published time axis', () => {
  it('holds the 27 gallery sessions', () => {
    expect(legacy.map((s) => s.name)).toEqual(EXPERIMENTS.map((e) => e.id));
  });

  for (const old of legacy) {
    it(`${old.name}: loads unchanged and its author's-scheme spikes equal today's session's (the script's)`, () => {
      const r = parseSession(old);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.session).toEqual(old);
      const now = getExperiment(old.name)!.session;
      expect(Array.from(simulate(r.session, { record: false }).spikes)).toEqual(Array.from(simulate(now, { record: false }).spikes));
    });
  }
});
