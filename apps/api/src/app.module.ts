import { Module, type DynamicModule } from '@nestjs/common';
import type { Config } from '@granary/config';
import { ConfigModule } from './common/config/config.module';
import { DbModule } from './common/db/db.module';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { InstanceModule } from './instance/instance.module';
import { MetricsModule } from './metrics/metrics.module';
import { AlertingModule } from './alerting/alerting.module';
import { DatasetsModule } from './datasets/datasets.module';
import { PipelineModule } from './pipeline/pipeline.module';
import { SchemasModule } from './schemas/schemas.module';
import { RunsModule } from './runs/runs.module';
import { TestsModule } from './tests/tests.module';
import { UsersModule } from './users/users.module';
import { NotificationsModule } from './notifications/notifications.module';

@Module({})
export class AppModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DbModule, AuthModule, MetricsModule, HealthModule, TestsModule, RunsModule, UsersModule, PipelineModule, SchemasModule, DatasetsModule, InstanceModule, AlertingModule, NotificationsModule],
    };
  }
}
