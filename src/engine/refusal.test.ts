// Tests of a refused run's `fix` (simulate.ts): the advice must work — rerun at the dt it names, or with the protocol
// ended where it says, and the run fits the same memory budget.
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { defaultSession, type Session } from '../model/session';

const BUDGET = 4 * 1024 * 1024;

function long(): Session {
  const s = defaultSession();
  s.integration = { ...s.integration, dt: 0.01 };
  s.protocol = [{ until: 2000 }, { until: 6000, assign: { I: 10 } }];
  return s;
}

describe('a refused run says what makes it fit', () => {
  it('its dt and its protocol end both fit the budget', () => {
    const s = long();
    const r = simulate(s, { memoryBudgetBytes: BUDGET });
    expect(r.status.kind).toBe('refused');
    if (r.status.kind !== 'refused') return;
    const fix = r.status.fix!;
    expect(fix.budgetBytes).toBe(BUDGET);
    expect(fix.bytes).toBeGreaterThan(BUDGET);
    expect(fix.dtAtLeast).toBeGreaterThan(s.integration.dt);
    expect(simulate({ ...s, integration: { ...s.integration, dt: fix.dtAtLeast } }, { memoryBudgetBytes: BUDGET, record: true }).status.kind).toBe('ok');
    expect(fix.untilAtMost).not.toBeNull();
    const shorter: Session = { ...s, protocol: [{ until: Math.min(2000, fix.untilAtMost! - 1) }, { until: fix.untilAtMost!, assign: { I: 10 } }] };
    expect(simulate(shorter, { memoryBudgetBytes: BUDGET }).status.kind).toBe('ok');
  });
});
