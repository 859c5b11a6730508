/*
 * Writes docs/openapi.json from the gateway's controllers (the same document /api/openapi.json
 * serves). `npm run docs:openapi`; a test fails when the committed file drifts from the code.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@broadsheet/platform';
import { deleteStream, isolatedBusEnv, testInfrastructure } from '@broadsheet/testing';
import { GatewayConfig } from '../apps/gateway/src/config/gateway.config';
import { createGateway } from '../apps/gateway/src/gateway.factory';
import { buildOpenApiDocument } from '../apps/gateway/src/openapi/openapi.setup';

export const OPENAPI_FILE = join(__dirname, '..', '..', 'docs', 'openapi.json');

/** The document as committed: stable key order, trailing newline. */
export function renderOpenApi(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<void> {
  const { natsUrl } = await testInfrastructure();
  const env: Record<string, string> = { ...isolatedBusEnv(), NATS_URL: natsUrl, LOG_LEVEL: 'error', JWT_PUBLIC_KEY: 'unused' };
  const gateway = await createGateway(loadConfig(GatewayConfig, env));
  try {
    await gateway.app.init();
    writeFileSync(OPENAPI_FILE, renderOpenApi(buildOpenApiDocument(gateway.app)));
    console.log(`wrote ${OPENAPI_FILE}`);
  } finally {
    await gateway.close();
    await deleteStream(natsUrl, env.EVENTS_STREAM);
  }
}

if (require.main === module) void main();
