// Node entry of the `jifen` bin: wires the CLI to the process (argv, stdout/stderr, clock, exit code).

import { currentMonthShanghai } from './clock';
import { main } from './main';

main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  now: () => currentMonthShanghai(),
}).then((code) => {
  process.exitCode = code;
});
