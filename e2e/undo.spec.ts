// End-to-end test of undo/redo (issue 3, "never lose the user's work") in Chromium, as a person would: drag the a
// slider with the mouse and undo it in one step, redo with Ctrl+Shift+Z, type a segment's current and undo it with
// Ctrl+Z outside the field, redo with Ctrl+Y, undo a Reset. Expected readouts come from the engine run in Node.
import { expect, test } from '@playwright/test';
import {
  effective, expectReadouts, expected, fieldValue, openApp, rangeGeometry, referenceSession, selectedSegment, tid,
  withAssign,
} from './support';

const REF = referenceSession();
const REF_EXP = expected(REF);

test('undo/redo: a slider drag is one step, Ctrl+Shift+Z / Ctrl+Z / Ctrl+Y outside fields, Reset is undoable', async ({ page }) => {
  await openApp(page);
  await expectReadouts(page, REF_EXP);
  const undo = tid(page, 'undo');
  const redo = tid(page, 'redo');
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();
  await expect(undo).toHaveAttribute('title', /Ctrl\+Z|⌘Z/);
  await expect(undo).toHaveAttribute('title', /memory/);

  // Drag a with the mouse through many values: many edits, one undo step.
  const sel = await selectedSegment(page);
  const a0 = effective(REF, sel, 'a');
  expect(a0).toBe(0.02);
  const slider = tid(page, 'slider-a');
  const g = await rangeGeometry(slider);
  await page.mouse.move(g.x(a0), g.y);
  await page.mouse.down();
  for (const frac of [0.2, 0.3, 0.4, 0.5]) {
    await page.mouse.move(g.x(g.min + frac * (g.max - g.min)), g.y, { steps: 4 });
  }
  await page.mouse.up();
  const aEnd = await fieldValue(page, 'slider-a');
  expect(aEnd).not.toBeCloseTo(a0, 6);
  const dragged = withAssign(REF, sel, 'a', aEnd);
  await expectReadouts(page, expected(dragged));
  await expect(undo).toBeEnabled();

  await undo.click();
  await expect.poll(() => fieldValue(page, 'field-a')).toBe(0.02);
  expect(await fieldValue(page, 'slider-a')).toBe(0.02);
  await expectReadouts(page, REF_EXP);
  await expect(undo, 'the whole drag was one step').toBeDisabled();
  await expect(redo).toBeEnabled();

  // Redo from the keyboard (focus is not in a text field).
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(() => fieldValue(page, 'field-a')).toBeCloseTo(aEnd, 9);
  await expectReadouts(page, expected(dragged));
  await expect(redo).toBeDisabled();

  // Type a segment's current key by key (one step), leave the field, Ctrl+Z undoes it.
  const field = tid(page, 'segment-2-I');
  await expect.poll(() => fieldValue(page, 'segment-2-I')).toBe(effective(REF, 2, 'I'));
  await field.click();
  await field.press('Control+A');
  await field.pressSequentially('7.5');
  const typed = withAssign(dragged, 2, 'I', 7.5);
  await expectReadouts(page, expected(typed));
  await tid(page, 'readout-total-spikes').click(); // focus leaves the field
  await expect(field).not.toBeFocused();
  await page.keyboard.press('Control+Z');
  await expect.poll(() => fieldValue(page, 'segment-2-I')).toBe(effective(REF, 2, 'I'));
  await expectReadouts(page, expected(dragged));
  await expect.poll(() => fieldValue(page, 'field-a'), 'only the typed value was undone').toBeCloseTo(aEnd, 9);
  await page.keyboard.press('Control+Y');
  await expect.poll(() => fieldValue(page, 'segment-2-I')).toBe(7.5);
  await expectReadouts(page, expected(typed));

  // Reset, then Undo brings the work back.
  page.once('dialog', (d) => { void d.accept(); });
  await tid(page, 'reset-session').click();
  await expectReadouts(page, REF_EXP);
  await expect.poll(() => fieldValue(page, 'segment-2-I')).toBe(effective(REF, 2, 'I'));
  await undo.click();
  await expect.poll(() => fieldValue(page, 'segment-2-I')).toBe(7.5);
  await expectReadouts(page, expected(typed));
});
