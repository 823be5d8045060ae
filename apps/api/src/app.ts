import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { Config } from '@granary/config';
import express from 'express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { bodyParserErrors } from './common/http/body-errors';
import { createLogger, httpLogger, PinoNestLogger } from './common/logging/logger';
import { ProblemFilter } from './common/problem/problem.filter';
import { METRICS, type Metrics } from './metrics/metrics';
import { buildOpenApiDocument } from './openapi';

export interface CreateAppOptions {
  logger?: Logger;
}

/** Builds the Nest application (not listening yet): used by main.ts, OpenAPI generation and tests. */
export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'extended');
  app.use(httpLogger(logger));
  app.use(app.get<Metrics>(METRICS).middleware);
  // Results documents are large: the limit is configurable (GRANARY_MAX_BODY_SIZE).
  const jsonTypes = ['application/json', 'application/*+json'];
  // An upload's document is read as text and not parsed here: it is stored exactly as sent, and
  // PostgreSQL parses it once, into the run's jsonb (refusing text that is not JSON).
  app.use('/api/run/data', express.text({ limit: config.maxBodySize, type: jsonTypes }));
  app.use(express.json({ limit: config.maxBodySize, type: jsonTypes, strict: false }));
  // Horreum sends a few bodies as text/plain (key names, default team).
  app.use(express.text({ limit: '64kb', type: 'text/plain' }));
  app.use(bodyParserErrors);
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidUnknownValues: false }));
  app.enableShutdownHooks();
  mountOpenApi(app);
  return app;
}

function mountOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: 'Granary API reference',
    useGlobalPrefix: false,
  });
}
