// End-to-end test of undo/redo (issue 3) in Chromium, done as a person would: a mouse drag of a is one step, Ctrl+Shift+Z
// redoes, a typed segment I is undone by Ctrl+Z outside the field and redone by Ctrl+Y, Reset is undoable, Ctrl+Z in a
// text field stays the browser's. Expected readouts come from the engine run in Node, never hard-coded.
import {
  expect, test, effective, expectReadouts, expected, fieldValue, openApp, rangeGeometry, referenceSession, selectedSegment, tid,
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

  // Ctrl+Z inside a text field is the browser's text undo, not a session step: the next Undo click is the one that
  // takes the typed current back (had the key press undone it, the click would have undone the drag too).
  await tid(page, 'session-name').focus();
  await page.keyboard.press('Control+Z');
  await undo.click();
  await expect.poll(() => fieldValue(page, 'segment-2-I')).toBe(effective(REF, 2, 'I'));
  await expectReadouts(page, expected(dragged));
  expect(await fieldValue(page, 'field-a')).toBeCloseTo(aEnd, 9);
});
