// A React hook: the size of an element in whole pixels (at least the given minimum), following it with a
// ResizeObserver; the returned object changes only when the size does (so figures are rebuilt only then).

import { useLayoutEffect, useState, type RefObject } from 'react';

export function useElementSize(ref: RefObject<HTMLElement | null>, minWidth: number, minHeight: number): { width: number; height: number } | null {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      const width = Math.max(minWidth, Math.floor(r.width)), height = Math.max(minHeight, Math.floor(r.height));
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, minWidth, minHeight]);
  return size;
}
