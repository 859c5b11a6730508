import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI 3.1 document, generated from the gateway's controllers and their decorators. */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Broadsheet API')
    .setDescription(
      'The public API of Broadsheet: the RealWorld ("Conduit") API, so every RealWorld frontend works, ' +
        'extended with what a newsroom needs (provenance, sources, corrections, moderation, related articles, ' +
        'the article page in one call). Errors are always `{"errors": {"field": ["message"]}}`.',
    )
    .setVersion('1.0.0')
    .addServer('/')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'Authorization', description: '`Token <jwt>` (RealWorld) or `Bearer <jwt>`' }, 'Token')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at `/api/docs`, the JSON at `/api/openapi.json`. */
export function setupOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
}
