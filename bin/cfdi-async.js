#!/usr/bin/env node
// The service runs its TypeScript sources through tsx: no build step between a clone and `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli.ts');
