// The worker entry when cleanwire runs from its TypeScript sources (bin through tsx, vitest):
// a worker thread does not inherit the loader hooks its parent registered, so it registers tsx
// itself before importing worker.ts. Compiled runs (dist/) load worker.js directly.
import { register } from 'tsx/esm/api';

register();
const entry = await import(new URL('./worker.ts', import.meta.url).href);

export default entry.default;
