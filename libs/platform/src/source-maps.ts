import { setSourceMapsSupport } from 'node:module';

/*
 * Imported first by every process's main.ts: stack traces point into our TypeScript sources.
 * Only our own files are mapped. `node --enable-source-maps` also parses the source maps of every
 * dependency in node_modules as it loads (TypeORM, rxjs, Nest…): about 10 MiB of heap per
 * process for frames that would point into third-party TypeScript. See docs/operations.md, "Memory".
 */
setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });
