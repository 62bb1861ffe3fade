// The shape of a classic experiment of the gallery (Izhikevich 2003 Fig. 2 classes, 2004 Fig. 1 features):
// a complete session (parameters, initial state, protocol, the author's stepper and dt) plus what it shows.
// The experiments themselves live in experiments.ts.

import type { Session } from './session';

export interface Experiment {
  /** Stable id used in URLs and on the command line, e.g. "tonic_bursting", "rs_2003". */
  id: string;
  /** Human name, e.g. "tonic bursting". */
  name: string;
  /** Where it comes from, e.g. "Izhikevich 2004, Fig. 1C". */
  figure: string;
  /** One or two sentences: what the panel demonstrates and what to look for. */
  description: string;
  /**
   * What changes under accurate integration (rk4 + exact spikes, small dt), in plain words,
   * or null when the behaviour survives.
   */
  accurateIntegrationNote: string | null;
  /** The experiment as a session, integrated with the author's scheme (stepper "euler_sequential") at the figure's dt. */
  session: Session;
}
