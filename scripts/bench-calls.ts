// Benchmark: Spreadsheet service calls of 重新计算 on 200 cadres × 12 months, against a row-at-a-time approach.
import { doRecompute } from '../src/gas/actions';
import { INPUT_READS } from '../src/gas/recompute-action';
import { TAB } from '../src/shared/tabs';
import { createFakeGas, installGas } from '../tests/fake';
import { perRowCalls, seedBig } from '../tests/gas/big-ledger';

const fake = createFakeGas({ now: new Date(), owner: 'owner@example.com' });
installGas(fake);
const size = seedBig(fake, 200, 5);
fake.counts.reset();
const t = performance.now();
doRecompute();
const ms = performance.now() - t;
const batched = fake.counts.spreadsheetCalls();
const perRow = perRowCalls(
  fake,
  INPUT_READS.map((k) => TAB[k]),
  [TAB.ledger, TAB.monthly, TAB.yearly, TAB.problems],
);
console.log(
  `data: 200 cadres, ${size.entries} ledger entries, ${size.attendance} attendance rows (12 months)`,
);
console.log(
  `batched recompute: ${batched} Spreadsheet calls (${fake.counts.reads()} data reads, ${fake.counts.writes()} writes); fake run ${ms.toFixed(0)} ms`,
);
console.log(
  `  getValues ${fake.counts.get('Range.getValues')}, getNumberFormats ${fake.counts.get('Range.getNumberFormats')}, setValues ${fake.counts.get('Range.setValues')}, setNumberFormats ${fake.counts.get('Range.setNumberFormats')}`,
);
console.log(
  `row-at-a-time estimate (one call per row read + one per row written): ${perRow} calls — ${(perRow / batched).toFixed(0)}× more`,
);
