// The commands' I/O on the real process: files through node:fs (size by stat, identity by device and inode, written
// in chunks), stdout and stderr. Shared by the entry points (simulate.ts, analyze.ts), which only wire a command's
// logic to it and set the exit status.

import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIO } from './run';

export const nodeIO: Required<CliIO> = {
  readFile: (path) => readFileSync(path, 'utf8'),
  fileSize: (path) => { try { return statSync(path).size; } catch { return null; } },
  sameFile: (a, b) => {
    try {
      const sa = statSync(a), sb = statSync(b);
      return sa.dev === sb.dev && sa.ino === sb.ino;
    } catch {
      return resolve(a) === resolve(b); // one of them does not exist yet
    }
  },
  writeFile: (path, chunks) => {
    const fd = openSync(path, 'w');
    try { for (const c of chunks) writeSync(fd, c); } finally { closeSync(fd); }
  },
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
};
