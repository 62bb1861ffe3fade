// Tests of the history shortcuts' key mapping (Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z and Ctrl+Y redo, nothing else) and of
// which focused elements keep the browser's own text undo (text-like inputs, textareas, editable content; not sliders).
import { describe, expect, it } from 'vitest';
import { historyCommand, isTextTarget } from './useUndoKeys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('history shortcuts', () => {
  it('maps Ctrl/Cmd+Z to undo and Ctrl/Cmd+Shift+Z, Ctrl+Y to redo', () => {
    expect(historyCommand(key('z', { ctrlKey: true }))).toBe('undo');
    expect(historyCommand(key('z', { metaKey: true }))).toBe('undo');
    expect(historyCommand(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(historyCommand(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(historyCommand(key('y', { ctrlKey: true }))).toBe('redo');
  });

  it('ignores other keys and combinations', () => {
    expect(historyCommand(key('z'))).toBe(null);
    expect(historyCommand(key('z', { shiftKey: true }))).toBe(null);
    expect(historyCommand(key('z', { ctrlKey: true, altKey: true }))).toBe(null);
    expect(historyCommand(key('y', { ctrlKey: true, shiftKey: true }))).toBe(null);
    expect(historyCommand(key('x', { ctrlKey: true }))).toBe(null);
  });

  it('leaves text fields to the browser, not sliders, buttons or the page', () => {
    const el = (tagName: string, type?: string, isContentEditable = false) => ({ tagName, type, isContentEditable }) as unknown as EventTarget;
    expect(isTextTarget(el('INPUT', 'text'))).toBe(true);
    expect(isTextTarget(el('INPUT', 'number'))).toBe(true);
    expect(isTextTarget(el('INPUT', ''))).toBe(true);
    expect(isTextTarget(el('TEXTAREA'))).toBe(true);
    expect(isTextTarget(el('DIV', undefined, true))).toBe(true);
    expect(isTextTarget(el('INPUT', 'range'))).toBe(false);
    expect(isTextTarget(el('INPUT', 'checkbox'))).toBe(false);
    expect(isTextTarget(el('BUTTON'))).toBe(false);
    expect(isTextTarget(el('SELECT'))).toBe(false);
    expect(isTextTarget(el('BODY'))).toBe(false);
    expect(isTextTarget(null)).toBe(false);
  });
});
