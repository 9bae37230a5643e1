/**
 * The product's version, package.json's: the build writes it in (scripts/build.mjs, esbuild `define`); the
 * tests, which run tsc's output (out/server/src/version.js) unbundled, read it from package.json.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

declare const SUBAGENT_STUDIO_VERSION: string | undefined;

export const VERSION: string =
  typeof SUBAGENT_STUDIO_VERSION === 'string'
    ? SUBAGENT_STUDIO_VERSION
    : (JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
