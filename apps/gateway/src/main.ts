import '@broadsheet/platform/source-maps';
import 'reflect-metadata';
import '@broadsheet/platform/preload';
import { Logger } from '@nestjs/common';
import { closeOnSignals, exitOnConfigError } from '@broadsheet/messaging/client';
import { loadConfig } from '@broadsheet/platform';
import { GatewayConfig } from './config/gateway.config';
import { createGateway } from './gateway.factory';

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig(GatewayConfig);
  } catch (error) {
    exitOnConfigError(error);
  }
  const gateway = await createGateway(config);
  const url = await gateway.listen();
  Logger.log(`gateway ready at ${url}`, 'Bootstrap');
  closeOnSignals('gateway', gateway.close);
}

void main();
