// zod setup for Apps Script: no run-time code generation (zod compiles validators with `new Function`
// unless told otherwise, and Apps Script may refuse dynamic code).

import { config } from 'zod/mini';

config({ jitless: true });
