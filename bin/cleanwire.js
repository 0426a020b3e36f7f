#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader, so `npx cleanwire` needs no build step.
// The Docker image runs the compiled dist/ instead (see Dockerfile).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
