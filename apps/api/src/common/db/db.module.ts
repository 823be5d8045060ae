import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@granary/config';
import { Db } from '@granary/db';
import { CONFIG } from '../config/config.module';

@Global()
@Module({
  providers: [
    {
      provide: Db,
      inject: [CONFIG],
      useFactory: (config: Config) => {
        const ownerUrl = config.databaseUrl ?? config.databaseAppUrl;
        if (!ownerUrl) {
          // Validated in main.ts before boot; guards other entry points (OpenAPI generation, tests).
          throw new Error('DATABASE_URL or DATABASE_APP_URL is required');
        }
        return new Db({ ownerUrl, appUrl: config.databaseAppUrl, poolSize: config.databasePoolSize, applicationName: 'granary-api' });
      },
    },
  ],
  exports: [Db],
})
export class DbModule implements OnApplicationShutdown {
  constructor(@Inject(Db) private readonly db: Db) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
