// Writes examples/demo-scenario.json from the demo generator (run: node scripts/run-ts.mjs scripts/write-demo-scenario.ts).
import { writeFileSync } from 'node:fs';
import { demoScenario } from '../src/shared/demo';

writeFileSync('examples/demo-scenario.json', `${JSON.stringify(demoScenario(), null, 2)}\n`);
console.log('wrote examples/demo-scenario.json');
