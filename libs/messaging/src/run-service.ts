import { Logger } from '@nestjs/common';
import { loadConfig } from '@broadsheet/platform';
import { createDomainService, type DomainServiceApp, type DomainServiceDefinition } from './domain-service';
import { closeOnSignals, exitOnConfigError } from './process';
import type { DomainServiceConfig } from './service.config';

/** The whole `main.ts` of a domain service: validate config, boot, serve until a signal. */
export async function runDomainService<C extends DomainServiceConfig>(
  definition: DomainServiceDefinition,
  ConfigClass: new () => C,
): Promise<DomainServiceApp> {
  let config: C;
  try {
    config = loadConfig(ConfigClass);
  } catch (error) {
    exitOnConfigError(error);
  }
  const service = await createDomainService(definition, config);
  await service.app.listen();
  Logger.log(`${definition.name} ready (instance ${config.INSTANCE_ID})`, 'Bootstrap');
  closeOnSignals(definition.name, service.close);
  return service;
}
