// Colours shared by the plot and the panels: one hue per protocol segment (bands, row swatches), trace colours.

export const SEGMENT_COLORS = ['#4C78A8', '#F58518', '#54A24B', '#B279A2', '#E45756', '#72B7B2', '#9D755D', '#EECA3B'];

export function segmentColor(i: number): string {
  return SEGMENT_COLORS[i % SEGMENT_COLORS.length];
}

export const TRACE_COLORS = { v: '#16324f', u: '#a23b2a', I: '#3d6b35' } as const;
