// Writes the web UI's browser bundle next to the compiled server (dist/src/ui/client/app.bundle.js),
// so the installed package serves it without bundling at run time. Runs after `tsc` in `npm run build`.
import { writeFile } from 'node:fs/promises';
import { PREBUILT_BUNDLE, buildClientBundle } from '../dist/src/ui/assets.js';

const text = await buildClientBundle();
await writeFile(PREBUILT_BUNDLE, text);
console.log(`web UI bundle: ${PREBUILT_BUNDLE} (${Math.round(text.length / 1024)} kB)`);
