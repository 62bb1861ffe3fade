// Type declarations for the partial Plotly bundle (plotly.js-cartesian-dist-min ships none): only what the app uses.
// Figures are typed loosely (Plotly's own schema is large); the app builds them in src/ui/explorer/plotFigure.ts.

declare module 'plotly.js-cartesian-dist-min' {
  export interface PlotlyFigure {
    data: object[];
    layout?: object;
    config?: object;
  }

  export interface ImageOptions {
    format?: 'png' | 'jpeg' | 'webp' | 'svg';
    width?: number;
    height?: number;
    scale?: number;
    filename?: string;
  }

  export interface PlotlyStatic {
    react(gd: HTMLElement, data: object[], layout?: object, config?: object): Promise<HTMLElement>;
    downloadImage(gd: HTMLElement | PlotlyFigure, opts: ImageOptions): Promise<string>;
    toImage(gd: HTMLElement | PlotlyFigure, opts: ImageOptions): Promise<string>;
    purge(gd: HTMLElement): void;
    /** Sets defaults of the config of every plot created afterwards. */
    setPlotConfig(config: object): void;
    Plots: { resize(gd: HTMLElement): Promise<void> };
    /** Hover labels: unhover removes them (and cancels a pending hover). */
    Fx: { unhover(gd: HTMLElement): void };
  }

  const Plotly: PlotlyStatic;
  export default Plotly;
}
