// "Export as script": the session as a runnable Python script for dynlib, Brian2 or NEST 3 (PyNEST), with the engine
// settings each script reproduces (for comparing its spikes with the engine's) and what it cannot express. The one
// entry the UI and the command line use. Pure.
//
// Networks: the network view will add `{ kind: 'network', ... }` to ScriptSource with Brian2 and PyNEST generators of
// the same recipe (same seed semantics where the simulator allows; NEST with MPI: `mpirun -np N python3 script.py`);
// `exportScript` dispatches on `kind`, so the UI and `npm run export` need no other change.

import type { Session } from '../model/session';
import { brian2Limitations, brian2Matching, brian2Script } from './brian2';
import { dynlibLimitations, dynlibMatching, dynlibScript } from './dynlib';
import { fileBaseName } from './fileName';
import { nestLimitations, nestMatching, nestScript } from './nest';
import { ScriptError, planScript } from './plan';

export const SCRIPT_TARGETS = ['dynlib', 'brian2', 'nest'] as const;
export type ScriptTarget = (typeof SCRIPT_TARGETS)[number];

export interface ScriptTargetInfo {
  id: ScriptTarget;
  /** Human name, e.g. "NEST 3 (PyNEST)". */
  name: string;
  /** The script for a session. */
  script(session: Session): string;
  /** The engine settings whose run the script reproduces step for step, or null when none does. */
  matching(session: Session): Session | null;
  /** One line per setting the target cannot express, with what that changes (the script's opening comment). */
  limitations(session: Session): string[];
}

export const SCRIPT_TARGET_INFO: Record<ScriptTarget, ScriptTargetInfo> = {
  dynlib: { id: 'dynlib', name: 'dynlib', script: dynlibScript, matching: dynlibMatching, limitations: (s) => dynlibLimitations(planScript(s)) },
  brian2: { id: 'brian2', name: 'Brian2', script: brian2Script, matching: brian2Matching, limitations: (s) => brian2Limitations(planScript(s)) },
  nest: { id: 'nest', name: 'NEST 3 (PyNEST)', script: nestScript, matching: nestMatching, limitations: (s) => nestLimitations(planScript(s)) },
};

export function isScriptTarget(x: string): x is ScriptTarget {
  return (SCRIPT_TARGETS as readonly string[]).includes(x);
}

/** What a script is made from: a single neuron's session (networks to come, see above). */
export type ScriptSource = { kind: 'neuron'; session: Session };

export type ScriptResult = { ok: true; text: string; fileName: string } | { ok: false; message: string };

/**
 * The script's text and the file name it is offered under ("<session>_<target>.py"), or why there is none: a session
 * the engine cannot start either (an initial state at rest where there is no stable equilibrium).
 */
export function exportScript(target: ScriptTarget, source: ScriptSource): ScriptResult {
  try {
    switch (source.kind) {
      case 'neuron':
        return { ok: true, text: SCRIPT_TARGET_INFO[target].script(source.session), fileName: `${fileBaseName(source.session.name)}_${target}.py` };
    }
  } catch (e) {
    if (e instanceof ScriptError) return { ok: false, message: e.message };
    throw e;
  }
}
