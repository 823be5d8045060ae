import { Global, Module } from '@nestjs/common';
import { createMetrics, METRICS } from './metrics';
import { MetricsController } from './metrics.controller';

@Global()
@Module({ controllers: [MetricsController], providers: [{ provide: METRICS, useFactory: createMetrics }], exports: [METRICS] })
export class MetricsModule {}
