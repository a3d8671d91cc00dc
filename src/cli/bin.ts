// Node entry of the `jifen` bin: wires the CLI to the process (argv, stdout/stderr, clock, exit code).

import { currentMonthShanghai } from './clock';
import { main } from './main';

// Why: Node ignores SIGPIPE, so a reader that goes away (`jifen … | head`) surfaces as an 'error'
// event with code EPIPE on the stream; unhandled, it prints a stack and exits 1. The reader asked
// for no more output, so later writes are dropped and the command finishes with its own exit code.
let stdoutClosed = false;
let stderrClosed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  stdoutClosed = true;
});
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  stderrClosed = true;
});

main(process.argv.slice(2), {
  out: (t) => {
    if (!stdoutClosed) process.stdout.write(t);
  },
  err: (t) => {
    if (!stderrClosed) process.stderr.write(t);
  },
  now: () => currentMonthShanghai(),
}).then((code) => {
  process.exitCode = code;
});
