// Short texts about gallery experiments shared by the gallery cards and the explorer's experiment header.

/** "Izhikevich 2004, Fig. 1C" → "2004 Fig. 1C". */
export function shortFigure(figure: string): string {
  return figure.replace(/^Izhikevich\s+/, '').replace(/,\s*/, ' ');
}

/** Whether the note says the behaviour is lost (not merely changed) under accurate integration. */
export function isLost(note: string): boolean {
  return /^lost\b/i.test(note);
}

/** Badge text for an experiment whose behaviour changes under accurate integration. */
export function accurateBadge(note: string): string {
  return isLost(note) ? 'lost under accurate integration' : 'changes under accurate integration';
}
